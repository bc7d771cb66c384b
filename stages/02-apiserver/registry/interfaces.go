// The registry's contract with the HTTP layer.
//
// Interface:
//   - Storage: the verbs of one resource (get, list, create, update, delete,
//     deletecollection, watch) on typed objects, with upstream's semantics.
//   - ScaleStorage, BindingStorage, EvictionStorage: the subresources that
//     are not just "the object again" (status is Storage.Update with
//     UpdateOptions.Subresource = "status").
//   - Key, the option structs, List, Watcher and Event: what flows across.
//   - EncodeItem: the JSON of one list item, which List.Raw holds.
//
// Below this line sit storage (etcd) and the strategies (defaults,
// validation, what create and update may change); above it,
// stages/02-apiserver/endpoints decodes HTTP requests into these calls and
// encodes their results. Every error returned here is an
// *apierrors.StatusError (or becomes a 500).
package registry

import (
	"context"
	"encoding/json"
	"reflect"

	autoscalingv1 "github.com/kubeworkbook/kubeworkbook/shared/api/autoscaling/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// Key names one object. Namespace is empty for cluster-scoped resources.
type Key struct {
	Namespace, Name string
}

// GetOptions are the query parameters of a get.
type GetOptions struct {
	// ResourceVersion: "" reads the latest; "0" anything the server has;
	// otherwise at least that revision.
	ResourceVersion string
}

// ListOptions are the query parameters of a list or watch, already parsed.
type ListOptions struct {
	// Label and Field select objects; nil means everything.
	Label labels.Selector
	Field fields.Selector
	// ResourceVersion and ResourceVersionMatch follow upstream's rules
	// ("NotOlderThan", "Exact").
	ResourceVersion      string
	ResourceVersionMatch string
	// Limit and Continue page a list; Limit 0 means no limit.
	Limit    int64
	Continue string
	// Watch-only: bookmarks, the watch-list initial events, and how long
	// the watch may stay open (0: the server's default).
	AllowWatchBookmarks bool
	SendInitialEvents   *bool
	TimeoutSeconds      int64
}

// CreateOptions are the query parameters of a create.
type CreateOptions struct {
	DryRun       bool
	FieldManager string
	// Admission runs the admission chain inside the write (admission.go).
	Admission Admission
}

// UpdateOptions are the query parameters of an update or patch.
type UpdateOptions struct {
	DryRun       bool
	FieldManager string
	// Subresource is "" for the object itself or "status": a status update
	// keeps the stored spec and changes only status (and the reverse for an
	// update of the object, for resources that have a status subresource).
	Subresource string
	// AllowCreate lets an update of a missing object create it (server-side
	// apply, and PUT for the few resources upstream allows it on).
	AllowCreate bool
	// Admission runs the admission chain inside the write (admission.go);
	// an update that creates passes it on to the create.
	Admission Admission
}

// UpdateFunc turns the current object into the desired one. For a PUT it
// returns the request's object; for a PATCH it applies the patch to
// current. current is a private copy the function may modify; it is nil
// when the object does not exist and AllowCreate is set. Returning an
// error aborts the update with that error.
type UpdateFunc func(ctx context.Context, current metav1.Object) (metav1.Object, error)

// List is one page of a list.
type List struct {
	Items []metav1.Object
	// Raw, when not nil, has one entry per item, in the same order:
	// EncodeItem(Items[i]), computed once by whoever held the item before
	// (the watch cache encodes each object when it enters the cache), so
	// that a JSON response can copy bytes instead of encoding again. A nil
	// entry means that item was not encoded; a storage that keeps no
	// encodings leaves Raw nil. Whoever filters or reorders Items must do
	// the same to Raw.
	Raw                [][]byte
	ResourceVersion    string
	Continue           string
	RemainingItemCount *int64
}

// EncodeItem returns obj as the items of a JSON list carry it: encoded by
// encoding/json with kind and apiVersion cleared (upstream's list items
// carry none, the list says them once). obj is not modified: the header is
// cleared on a shallow copy, since obj may be shared with a watch cache.
func EncodeItem(obj metav1.Object) ([]byte, error) {
	v := reflect.ValueOf(obj)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return json.Marshal(obj)
	}
	cp := reflect.New(v.Elem().Type())
	cp.Elem().Set(v.Elem())
	item := cp.Interface().(metav1.Object)
	item.GetObjectKind().SetGroupVersionKind(metav1.GroupVersionKind{})
	return json.Marshal(item)
}

// Event is one change seen by a watch. Type is metav1.Added, Modified,
// Deleted, Bookmark or Error; for Error, Status says what went wrong (410
// Expired when the requested revision was compacted).
type Event struct {
	Type   string
	Object metav1.Object
	Status *metav1.Status
}

// Watcher is an open watch. ResultChan is closed when the watch ends (Stop,
// context cancelled, timeout or an Error event).
type Watcher interface {
	ResultChan() <-chan Event
	Stop()
}

// Storage serves the verbs of one resource. Implementations apply, in
// order: defaults, the resource's create/update strategy (uid, timestamps,
// generation, status reset), validation (422 with one cause per field),
// then storage; nothing is written when any step fails or DryRun is set.
type Storage interface {
	// Resource is the registry entry this storage serves.
	Resource() *scheme.Resource
	Get(ctx context.Context, key Key, opts GetOptions) (metav1.Object, error)
	List(ctx context.Context, namespace string, opts ListOptions) (*List, error)
	// Create stores obj in key.Namespace (obj's own namespace must match or
	// be empty). A missing namespace is 404 NotFound as upstream.
	Create(ctx context.Context, namespace string, obj metav1.Object, opts CreateOptions) (metav1.Object, error)
	// Update reads the current object, calls tryUpdate and stores the
	// result with compare-and-swap, retrying on a lost race unless the
	// object carried a resourceVersion (then 409 Conflict). created is true
	// when AllowCreate created the object.
	Update(ctx context.Context, key Key, tryUpdate UpdateFunc, opts UpdateOptions) (obj metav1.Object, created bool, err error)
	// Delete deletes or, for objects with finalizers or a grace period (pods
	// on a node), marks them with deletionTimestamp and returns them with
	// deleted=false; opts.PropagationPolicy is recorded for the garbage
	// collector as upstream does (finalizers orphan / foregroundDeletion).
	Delete(ctx context.Context, key Key, opts metav1.DeleteOptions, dryRun bool) (obj metav1.Object, deleted bool, err error)
	// DeleteCollection deletes every object List(namespace, listOpts)
	// returns and reports them.
	DeleteCollection(ctx context.Context, namespace string, listOpts ListOptions, opts metav1.DeleteOptions, dryRun bool) (*List, error)
	Watch(ctx context.Context, namespace string, opts ListOptions) (Watcher, error)
}

// ScaleStorage serves /scale of deployments and replicasets as an
// autoscaling/v1 Scale.
type ScaleStorage interface {
	GetScale(ctx context.Context, key Key) (*autoscalingv1.Scale, error)
	// UpdateScale sets spec.replicas from the Scale tryUpdate returns
	// (given the current Scale).
	UpdateScale(ctx context.Context, key Key, tryUpdate func(current *autoscalingv1.Scale) (*autoscalingv1.Scale, error), opts UpdateOptions) (*autoscalingv1.Scale, error)
}

// BindingStorage serves POST /pods/NAME/binding: the scheduler's Binding
// sets spec.nodeName and the PodScheduled=True condition; 409 Conflict when
// the pod is already bound (talk 000, "Scheduler": Binding).
type BindingStorage interface {
	Bind(ctx context.Context, namespace string, binding *corev1.Binding, opts CreateOptions) (*metav1.Status, error)
}

// EvictionStorage serves POST /pods/NAME/eviction (policy/v1 Eviction):
// a graceful delete of the pod, with the Eviction's delete options.
type EvictionStorage interface {
	Evict(ctx context.Context, key Key, opts metav1.DeleteOptions, dryRun bool) (*metav1.Status, error)
}
