// Namespaces as a precondition of every namespaced create, and the ones
// that exist from the start.
//
// Interface:
//   - (*Registry).checkNamespace: 404 for a missing namespace, 403 for one
//     being deleted (upstream's NamespaceLifecycle admission plugin).
//   - (*Registry).Bootstrap: creates default, kube-system, kube-public and
//     kube-node-lease when missing.
//   - SystemNamespaces, NamespaceTerminatingMessage.
package registry

import (
	"context"
	"fmt"

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

// checkNamespace decides whether a create of object name (of resource gr)
// may go into namespace. It reads the namespace from the nearest etcd
// member first, and confirms a miss with a quorum read, since a namespace
// created a moment ago may not have reached that member yet (upstream
// reads its informer cache and then the API in the same way).
func (r *Registry) checkNamespace(gr metav1.GroupResource) func(ctx context.Context, namespace, name string) error {
	return func(ctx context.Context, namespace, name string) error {
		key := Key{Name: namespace}
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
		ns := obj.(*corev1.Namespace)
		if ns.DeletionTimestamp == nil && ns.Status.Phase != corev1.NamespaceTerminating {
			return nil
		}
		msg := fmt.Sprintf(NamespaceTerminatingMessage, namespace)
		e := apierrors.NewForbidden(gr, name, fmt.Errorf("%s", msg))
		e.ErrStatus.Details.Causes = append(e.ErrStatus.Details.Causes, metav1.StatusCause{
			Type: namespaceTerminatingCause, Message: msg, Field: "metadata.namespace",
		})
		return e
	}
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
