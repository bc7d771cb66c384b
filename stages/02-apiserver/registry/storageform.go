// Storage forms: a resource whose objects are stored as another
// resource's kind.
//
// Interface:
//   - storageForm: the resource whose kind is stored, and the two
//     conversions between it and the served kind.
//   - storageFormFor(res): the form of res; nil when res is stored as
//     itself, which is every resource but events.k8s.io/v1 events.
//
// Upstream stores each group-resource in one version, the storage
// version, and converts on every read and write; two group-resources may
// even share one etcd prefix. events.k8s.io/v1 Events are such a pair:
// they are stored as core/v1 Events under /registry/events, so an event
// written through either API is read through both, and a watch of either
// sees the other's writes. The Store converts in encode and decode
// (object.go); every step above them (strategy, validation, selectors,
// the watch cache) sees the served kind only.
package registry

import (
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	eventsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/events/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// storageForm is how a resource's objects are stored when that is not
// as themselves.
type storageForm struct {
	// res is the resource whose kind is stored and whose plural names
	// the keys.
	res *scheme.Resource
	// toStorage converts an object of the served kind to res's kind; the
	// result may share maps and slices with its argument.
	toStorage func(obj metav1.Object) metav1.Object
	// fromStorage is the reverse of toStorage: converting there and back
	// loses nothing.
	fromStorage func(obj metav1.Object) metav1.Object
}

// storageFormFor returns the storage form of res, or nil when its objects
// are stored as themselves.
func storageFormFor(res *scheme.Resource) *storageForm {
	if res.GroupVersionResource().GroupResource() != (metav1.GroupResource{Group: eventsv1.GroupName, Resource: "events"}) {
		return nil
	}
	core, ok := scheme.ByResource(corev1.GroupName, "events")
	if !ok {
		panic("registry: shared/scheme serves events.k8s.io events without core events")
	}
	return &storageForm{
		res:         core,
		toStorage:   func(obj metav1.Object) metav1.Object { return eventsv1.ToCoreEvent(obj.(*eventsv1.Event)) },
		fromStorage: func(obj metav1.Object) metav1.Object { return eventsv1.FromCoreEvent(obj.(*corev1.Event)) },
	}
}
