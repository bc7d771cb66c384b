// RBAC bootstrap: the default policy, written at start, so that a fresh
// cluster has cluster-admin, admin/edit/view, the control-plane
// components' roles and the bindings that give them out.
//
// Interface:
//   - (*api).ensureBootstrapPolicy(ctx): the post-start hook
//     "rbac/bootstrap-roles" (upstream's name).
//
// The objects themselves are authorization/rbac/bootstrap's. The hook
// only creates what is missing: an object an administrator changed is
// left as it is, and a server sharing etcd with another that already
// wrote the policy (talk 003, "Scaled horizontally") takes AlreadyExists
// as done. Upstream also reconciles existing bootstrap objects that carry
// rbac.authorization.kubernetes.io/autoupdate: "true" back to the
// defaults; that is left to an exercise.
package server

import (
	"context"
	"fmt"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/rbac/bootstrap"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"

	"k8s.io/klog/v2"
)

// rbacBootstrapHook is the post-start hook's name, as /readyz lists it
// (poststarthook/rbac/bootstrap-roles).
const rbacBootstrapHook = "rbac/bootstrap-roles"

// bootstrapObject is one object of the default policy and the resource
// it is stored as.
type bootstrapObject struct {
	resource string
	obj      metav1.Object
}

// bootstrapPolicy returns the default policy in the order it is created:
// roles before the bindings that name them, so that no binding points
// at a role that does not exist yet.
func bootstrapPolicy() []bootstrapObject {
	var out []bootstrapObject
	for _, o := range bootstrap.ClusterRoles() {
		out = append(out, bootstrapObject{"clusterroles", &o})
	}
	for _, o := range bootstrap.ClusterRoleBindings() {
		out = append(out, bootstrapObject{"clusterrolebindings", &o})
	}
	for _, o := range bootstrap.Roles() {
		out = append(out, bootstrapObject{"roles", &o})
	}
	for _, o := range bootstrap.RoleBindings() {
		out = append(out, bootstrapObject{"rolebindings", &o})
	}
	return out
}

// ensureBootstrapPolicy creates every object of the default policy that
// does not exist. It runs after bootstrap-namespaces, since the Roles
// live in kube-system and kube-public. An error leaves the rest for the
// hook's next try: the objects already created are found then.
func (a *api) ensureBootstrapPolicy(ctx context.Context) error {
	created := 0
	for _, b := range bootstrapPolicy() {
		cache := a.registry.cacheOf(rbacv1.GroupName, b.resource)
		m := b.obj.GetObjectMeta()
		// The cache answers without a round trip to etcd; a miss that
		// another server filled meanwhile ends in AlreadyExists below.
		if _, ok := cache.GetCached(registry.Key{Namespace: m.Namespace, Name: m.Name}); ok {
			continue
		}
		_, err := cache.Create(ctx, m.Namespace, b.obj, registry.CreateOptions{})
		switch {
		case apierrors.IsAlreadyExists(err):
			continue
		case err != nil:
			return fmt.Errorf("create %s.%s %s: %w", b.resource, rbacv1.GroupName, describeKey(m), err)
		}
		created++
		klog.V(2).Infof("created %s.%s/%s", cache.Resource().Singular, rbacv1.GroupName, describeKey(m))
	}
	if created > 0 {
		klog.Infof("RBAC bootstrap: created %d default roles and bindings", created)
	}
	// Ready means the authorizer can see the policy: a consistent list
	// returns once each cache has caught up with etcd, so the first
	// request after /readyz is not refused for a binding still in flight.
	for _, resource := range []string{"clusterroles", "clusterrolebindings", "roles", "rolebindings"} {
		if _, err := a.registry.cacheOf(rbacv1.GroupName, resource).List(ctx, "", registry.ListOptions{}); err != nil {
			return fmt.Errorf("wait for the %s cache: %w", resource, err)
		}
	}
	return nil
}

// describeKey is "name", or "namespace/name" for a namespaced object.
func describeKey(m *metav1.ObjectMeta) string {
	if m.Namespace == "" {
		return m.Name
	}
	return m.Namespace + "/" + m.Name
}
