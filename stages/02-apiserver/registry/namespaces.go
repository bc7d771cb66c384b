// Namespaces as a precondition of every namespaced create, and the ones
// that exist from the start.
//
// Interface:
//   - (*Registry).checkNamespace: 404 for a missing namespace, 403 for one
//     being deleted (upstream's NamespaceLifecycle admission plugin).
//   - NamespaceLister and (*Registry).SetNamespaceLister: where that check
//     reads namespaces from memory (the namespaces' watch cache).
//   - (*Registry).Bootstrap: creates default, kube-system, kube-public and
//     kube-node-lease when missing.
//   - SystemNamespaces, NamespaceTerminatingMessage.
package registry

import (
	"context"
	"fmt"
	"sync"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// SystemNamespaces exist in every cluster from the start: where objects
// go by default, the control plane's own, the public one readable by all,
// and the one holding each node's heartbeat Lease.
var SystemNamespaces = []string{corev1.NamespaceDefault, corev1.NamespaceSystem, "kube-public", corev1.NamespaceNodeLease}

// NamespaceTerminatingMessage is upstream's reason for refusing a create
// in a namespace being deleted; %s is the namespace.
const NamespaceTerminatingMessage = "unable to create new content in namespace %s because it is being terminated"

// namespaceTerminatingCause is the StatusCause type upstream adds to that
// refusal, so clients can tell it from an authorization failure.
const namespaceTerminatingCause metav1.CauseType = "NamespaceTerminating"

// NamespaceLister reads namespaces from memory, as upstream's informer
// lister does; the namespaces' watch cache (stages/02-apiserver/watchcache)
// is one. GetCached returns the namespace under key (read-only, shared) and
// false when the lister does not hold it, for instance because it has not
// yet seen a namespace created a moment ago.
type NamespaceLister interface {
	GetCached(key Key) (metav1.Object, bool)
}

// SetNamespaceLister makes creates check their namespace in l first and
// read etcd only when l does not hold it. Call it before the first
// request; without it every check reads etcd.
func (r *Registry) SetNamespaceLister(l NamespaceLister) { r.namespaceLister = l }

// forceLiveLookupTTL is how long after a namespace's delete its checks
// skip the lister, whose copy may not show the delete yet (upstream's
// NamespaceLifecycle keeps the same 30 seconds).
const forceLiveLookupTTL = 30 * time.Second

// deletedNamespaces remembers the namespaces this server deleted
// recently: for them a lister's copy may be stale in the one way that
// matters, still active.
type deletedNamespaces struct {
	mu    sync.Mutex
	until map[string]time.Time // name -> end of its live lookups
}

// add records that name was deleted at now.
func (d *deletedNamespaces) add(name string, now time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.until == nil {
		d.until = map[string]time.Time{}
	}
	for n, t := range d.until { // forget the expired ones, so the map stays small
		if now.After(t) {
			delete(d.until, n)
		}
	}
	d.until[name] = now.Add(forceLiveLookupTTL)
}

// recent reports whether name was deleted within forceLiveLookupTTL of now.
func (d *deletedNamespaces) recent(name string, now time.Time) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	t, ok := d.until[name]
	return ok && !now.After(t)
}

// checkNamespace decides whether a create of object name (of resource gr)
// may go into namespace, as upstream's NamespaceLifecycle:
//  1. from the lister's copy, unless this server deleted the namespace
//     recently;
//  2. otherwise from the nearest etcd member, and a miss confirmed with a
//     quorum read, since a namespace created a moment ago (maybe through
//     another API server) may not have reached the lister or that member.
func (r *Registry) checkNamespace(gr metav1.GroupResource) func(ctx context.Context, namespace, name string) error {
	return func(ctx context.Context, namespace, name string) error {
		key := Key{Name: namespace}
		if r.namespaceLister != nil && !r.deleted.recent(namespace, r.now()) {
			if obj, ok := r.namespaceLister.GetCached(key); ok {
				return admitInto(gr, obj.(*corev1.Namespace), name)
			}
		}
		obj, err := r.namespaces.Get(ctx, key, GetOptions{ResourceVersion: "0"})
		if apierrors.IsNotFound(err) {
			obj, err = r.namespaces.Get(ctx, key, GetOptions{})
		}
		if apierrors.IsNotFound(err) {
			return apierrors.NewNotFound(metav1.GroupResource{Resource: "namespaces"}, namespace)
		}
		if err != nil {
			return err
		}
		return admitInto(gr, obj.(*corev1.Namespace), name)
	}
}

// admitInto refuses a create of object name (of resource gr) into ns when
// ns is being deleted: 403 with upstream's message and cause.
func admitInto(gr metav1.GroupResource, ns *corev1.Namespace, name string) error {
	if ns.DeletionTimestamp == nil && ns.Status.Phase != corev1.NamespaceTerminating {
		return nil
	}
	msg := fmt.Sprintf(NamespaceTerminatingMessage, ns.Name)
	e := apierrors.NewForbidden(gr, name, fmt.Errorf("%s", msg))
	e.ErrStatus.Details.Causes = append(e.ErrStatus.Details.Causes, metav1.StatusCause{
		Type: namespaceTerminatingCause, Message: msg, Field: "metadata.namespace",
	})
	return e
}

// Bootstrap creates the SystemNamespaces that do not exist yet. It is
// idempotent and safe when several API servers start together on one
// etcd: a namespace another server created first counts as done.
func (r *Registry) Bootstrap(ctx context.Context) error {
	for _, name := range SystemNamespaces {
		ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}
		_, err := r.namespaces.Create(ctx, "", ns, CreateOptions{})
		if err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("bootstrap namespace %s: %w", name, err)
		}
	}
	return nil
}
