// Adapters: the watch caches, read the way the authenticator and the
// authorizers want them. Upstream hands them informers' listers; here the
// server's own watch caches play the informers' part.
//
// Interface:
//   - (*cachedRegistry).rbacLister(): rbac.Lister (roles and bindings).
//   - (*cachedRegistry).nodeGraph(): node.Graph (pods by node, claims).
//   - (*cachedRegistry).serviceAccountGetter(): serviceaccount.Getter
//     (service accounts, pods, secrets, nodes by name).
//
// RBAC is asked on every request, so these read memory only: a get is
// one map lookup in the cache (watchcache.Cacher.GetCached), a list one
// pass over it (a list at resourceVersion "0"). BenchmarkAuthorizeRBAC
// compares the cost with rbac.StaticLister's plain slices: about 2 µs a
// decision against 0.5 µs over the bootstrap policy, the difference
// being the copy and sort of each list; small next to a request's TLS
// and JSON work, so no index of its own is kept. Like an
// informer, a cache may be a moment behind etcd: a binding just created
// takes effect when the cache has seen it, a few milliseconds later.
package server

import (
	"context"
	"fmt"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/serviceaccount"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/node"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/rbac"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/watchcache"
)

// cacheOf returns the watch cache of group/resource. Every resource of
// the scheme has one (newAPI), so a missing one is a broken build.
func (c *cachedRegistry) cacheOf(group, resource string) *watchcache.Cacher {
	cache, ok := c.caches[metav1.GroupResource{Group: group, Resource: resource}]
	if !ok {
		panic(fmt.Sprintf("no watch cache for %s.%s", resource, group))
	}
	return cache
}

// cachedGet returns the object under key from cache as type T, or the
// NotFound error a lister gives (the resource in the singular, as
// upstream's listers name it). The object is shared: read it, never
// change it.
func cachedGet[T metav1.Object](cache *watchcache.Cacher, namespace, name string) (T, error) {
	var zero T
	o, ok := cache.GetCached(registry.Key{Namespace: namespace, Name: name})
	if !ok {
		res := cache.Resource()
		return zero, apierrors.NewNotFound(metav1.GroupResource{Group: res.Group, Resource: res.Singular}, name)
	}
	t, ok := o.(T)
	if !ok {
		return zero, fmt.Errorf("watch cache of %s holds a %T, want %T", cache.Resource().Resource, o, zero)
	}
	return t, nil
}

// cachedList returns the objects of namespace ("" for all) that field
// selects (nil for all), from cache at whatever revision it has.
func cachedList[T metav1.Object](cache *watchcache.Cacher, namespace string, field fields.Selector) ([]T, error) {
	list, err := cache.List(context.Background(), namespace, registry.ListOptions{ResourceVersion: "0", Field: field})
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(list.Items))
	for _, o := range list.Items {
		t, ok := o.(T)
		if !ok {
			return nil, fmt.Errorf("watch cache of %s holds a %T, want %T", cache.Resource().Resource, o, t)
		}
		out = append(out, t)
	}
	return out, nil
}

// rbacLister is rbac.Lister over the four RBAC caches.
type rbacLister struct {
	roles, roleBindings, clusterRoles, clusterRoleBindings *watchcache.Cacher
}

var _ rbac.Lister = rbacLister{}

func (c *cachedRegistry) rbacLister() rbacLister {
	return rbacLister{
		roles:               c.cacheOf(rbacv1.GroupName, "roles"),
		roleBindings:        c.cacheOf(rbacv1.GroupName, "rolebindings"),
		clusterRoles:        c.cacheOf(rbacv1.GroupName, "clusterroles"),
		clusterRoleBindings: c.cacheOf(rbacv1.GroupName, "clusterrolebindings"),
	}
}

func (l rbacLister) GetRole(namespace, name string) (*rbacv1.Role, error) {
	return cachedGet[*rbacv1.Role](l.roles, namespace, name)
}

func (l rbacLister) ListRoleBindings(namespace string) ([]*rbacv1.RoleBinding, error) {
	return cachedList[*rbacv1.RoleBinding](l.roleBindings, namespace, nil)
}

func (l rbacLister) GetClusterRole(name string) (*rbacv1.ClusterRole, error) {
	return cachedGet[*rbacv1.ClusterRole](l.clusterRoles, "", name)
}

func (l rbacLister) ListClusterRoleBindings() ([]*rbacv1.ClusterRoleBinding, error) {
	return cachedList[*rbacv1.ClusterRoleBinding](l.clusterRoleBindings, "", nil)
}

// nodeGraph is node.Graph over the pod and claim caches.
type nodeGraph struct {
	pods, claims *watchcache.Cacher
}

var _ node.Graph = nodeGraph{}

func (c *cachedRegistry) nodeGraph() nodeGraph {
	return nodeGraph{pods: c.cacheOf("", "pods"), claims: c.cacheOf("", "persistentvolumeclaims")}
}

// PodsOnNode selects pods by spec.nodeName, the field the cache indexes
// for every pod, as a kubelet's own watch does.
func (g nodeGraph) PodsOnNode(nodeName string) ([]*corev1.Pod, error) {
	return cachedList[*corev1.Pod](g.pods, "", fields.OneTermEqualSelector("spec.nodeName", nodeName))
}

func (g nodeGraph) PersistentVolumeClaim(namespace, name string) (*corev1.PersistentVolumeClaim, error) {
	return cachedGet[*corev1.PersistentVolumeClaim](g.claims, namespace, name)
}

// serviceAccountGetter is serviceaccount.Getter over the caches. A miss
// is read again from etcd (Cacher.Get reads through): a token for a
// service account created a moment ago must not fail because the cache
// has not seen it yet, while every hit, the common case, stays in memory.
type serviceAccountGetter struct {
	serviceAccounts, pods, secrets, nodes *watchcache.Cacher
}

var _ serviceaccount.Getter = serviceAccountGetter{}

func (c *cachedRegistry) serviceAccountGetter() serviceAccountGetter {
	return serviceAccountGetter{
		serviceAccounts: c.cacheOf("", "serviceaccounts"),
		pods:            c.cacheOf("", "pods"),
		secrets:         c.cacheOf("", "secrets"),
		nodes:           c.cacheOf("", "nodes"),
	}
}

func (g serviceAccountGetter) ServiceAccount(ctx context.Context, namespace, name string) (*corev1.ServiceAccount, error) {
	return getOrRead[*corev1.ServiceAccount](ctx, g.serviceAccounts, namespace, name)
}

func (g serviceAccountGetter) Pod(ctx context.Context, namespace, name string) (*corev1.Pod, error) {
	return getOrRead[*corev1.Pod](ctx, g.pods, namespace, name)
}

func (g serviceAccountGetter) Secret(ctx context.Context, namespace, name string) (*corev1.Secret, error) {
	return getOrRead[*corev1.Secret](ctx, g.secrets, namespace, name)
}

func (g serviceAccountGetter) Node(ctx context.Context, name string) (*corev1.Node, error) {
	return getOrRead[*corev1.Node](ctx, g.nodes, "", name)
}

// getOrRead returns the object from cache, or from etcd when the cache
// does not hold it (etcd's NotFound when neither does).
func getOrRead[T metav1.Object](ctx context.Context, cache *watchcache.Cacher, namespace, name string) (T, error) {
	if t, err := cachedGet[T](cache, namespace, name); err == nil {
		return t, nil
	}
	var zero T
	o, err := cache.Get(ctx, registry.Key{Namespace: namespace, Name: name}, registry.GetOptions{})
	if err != nil {
		return zero, err
	}
	t, ok := o.(T)
	if !ok {
		return zero, fmt.Errorf("storage of %s returned a %T, want %T", cache.Resource().Resource, o, zero)
	}
	return t, nil
}
