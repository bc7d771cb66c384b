// Strategy: what one kind does differently from every other kind.
//
// Interface:
//   - Strategy, a struct of optional funcs and flags; the zero Strategy is
//     right for a kind the server adds nothing to (ConfigMap, Role, Lease).
//   - DeleteAction and its values: what a delete does to an object (keep
//     it, mark it deleted, remove it).
//   - strategyFor(resource) picks the Strategy of a scheme.Resource; the
//     per-kind ones live in strategy_pod.go, strategy_workloads.go,
//     strategy_core.go and strategy_service.go.
//
// Upstream spreads the same decisions over several interfaces per kind
// (rest.RESTCreateStrategy, RESTUpdateStrategy, RESTGracefulDeleteStrategy,
// GarbageCollectionDeleteStrategy, plus BeginCreate/BeginUpdate hooks on
// the generic store). Here they are fields of one struct so a reader sees a
// kind's whole behaviour in one literal. The generic Store (store.go,
// create.go, update.go, delete.go) calls them; it never switches on a kind.
package registry

import (
	"context"
	"time"

	eventsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/events/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// Strategy is one kind's part of create, update, delete and selection.
// Every field is optional.
type Strategy struct {
	// Generation reports whether an update from old to obj changes the
	// desired state, which bumps metadata.generation. nil means the kind
	// does not track a generation (upstream sets one only on kinds whose
	// controllers report status.observedGeneration: pods, deployments,
	// replicasets, jobs); otherwise a new object starts at generation 1.
	Generation func(obj, old metav1.Object) bool
	// ResetStatusOnCreate drops the status a client sent on create: the
	// kind's controller owns it. Nodes keep theirs, since the kubelet
	// registers a node with its status filled in.
	ResetStatusOnCreate bool
	// PrepareForCreate sets the fields the server owns on a new object,
	// after defaults, uid and name and before validation (a pod's phase,
	// a job's generated selector).
	PrepareForCreate func(obj metav1.Object)
	// PrepareForUpdate adjusts obj, the object about to replace old, after
	// the generic rules (identity, status or spec kept) and before
	// validation.
	PrepareForUpdate func(obj, old metav1.Object)
	// Fields returns the kind's selectable fields beyond metadata.name and
	// metadata.namespace, which every kind has (upstream's GetAttrs).
	Fields func(obj metav1.Object) fields.Set
	// NoNamespaceField drops metadata.namespace from a cluster-scoped
	// kind's selectable fields, for the kinds whose upstream field label
	// conversion refuses it (nodes, namespaces).
	NoNamespaceField bool
	// GracePeriod makes deletion graceful (upstream's
	// CheckGracefulDelete): given the stored object and the grace period
	// the client asked for (nil: none), it returns the period to wait.
	// Returning 0 removes the object at once (unless it has finalizers).
	// nil means the kind is never deleted gracefully.
	GracePeriod func(obj metav1.Object, requested *int64) int64
	// OrphanByDefault makes a delete without propagationPolicy orphan
	// dependents, adding the "orphan" finalizer (batch/v1 Jobs, kept for
	// compatibility upstream). Every other kind deletes them in the
	// background by default.
	OrphanByDefault bool
	// ValidateDelete may refuse a delete before anything changes (upstream's
	// NamespaceLifecycle admission keeps default, kube-system and
	// kube-public); the error is returned as is.
	ValidateDelete func(obj metav1.Object) error
	// Delete replaces the generic delete decision (upstream's namespace
	// REST does). handled false falls back to the generic one.
	Delete func(obj metav1.Object, opts *metav1.DeleteOptions, now time.Time) (action DeleteAction, handled bool)
	// BeginWrite runs before validation of a create (old nil) or update,
	// to take values from a shared pool (a service's cluster IP and node
	// ports). finish(true) is called after the write succeeded, finish(false)
	// when anything failed, so what was taken goes back. With dryRun it
	// must check without taking.
	BeginWrite func(ctx context.Context, obj, old metav1.Object, dryRun bool) (finish func(ok bool), err error)
	// AfterDelete runs once an object is gone from storage (not for a
	// dry run), to return what it held to the pools.
	AfterDelete func(ctx context.Context, obj metav1.Object)
	// Subresources names the subresources besides "status" that an update
	// may target, with the function merging the request into the stored
	// object (namespaces/finalize).
	Subresources map[string]func(obj, old metav1.Object) metav1.Object
}

// DeleteAction is what a delete request does to the stored object.
type DeleteAction int

// The delete actions.
const (
	// DeleteKeep writes nothing: deletion is already pending (a
	// finalizer or grace period is running) and the request changes none
	// of it.
	DeleteKeep DeleteAction = iota
	// DeleteUpdate writes the object with deletionTimestamp (and the
	// finalizers the propagation policy asks for); it stays in storage.
	DeleteUpdate
	// DeleteRemove removes the object from storage.
	DeleteRemove
)

// String names the action for test failures.
func (a DeleteAction) String() string {
	switch a {
	case DeleteKeep:
		return "keep"
	case DeleteUpdate:
		return "update"
	case DeleteRemove:
		return "remove"
	}
	return "unknown"
}

// strategyFor returns the Strategy of res. services need the allocator,
// which only the Registry has, so it is passed in.
func strategyFor(res *scheme.Resource, services *serviceAllocator) Strategy {
	switch res.GroupVersionResource().GroupResource() {
	case metav1.GroupResource{Resource: "pods"}:
		return podStrategy()
	case metav1.GroupResource{Resource: "namespaces"}:
		return namespaceStrategy()
	case metav1.GroupResource{Resource: "nodes"}:
		return nodeStrategy()
	case metav1.GroupResource{Resource: "services"}:
		return serviceStrategy(services)
	case metav1.GroupResource{Resource: "events"}:
		return eventStrategy()
	case metav1.GroupResource{Group: eventsv1.GroupName, Resource: "events"}:
		return eventsV1Strategy()
	case metav1.GroupResource{Resource: "secrets"}:
		return secretStrategy()
	case metav1.GroupResource{Resource: "persistentvolumes"}:
		return persistentVolumeStrategy()
	case metav1.GroupResource{Resource: "persistentvolumeclaims"}:
		return persistentVolumeClaimStrategy()
	case metav1.GroupResource{Resource: "resourcequotas"}:
		return resourceQuotaStrategy()
	case metav1.GroupResource{Group: "apps", Resource: "deployments"}:
		return deploymentStrategy()
	case metav1.GroupResource{Group: "apps", Resource: "replicasets"}:
		return replicaSetStrategy()
	case metav1.GroupResource{Group: "batch", Resource: "jobs"}:
		return jobStrategy()
	}
	return Strategy{}
}
