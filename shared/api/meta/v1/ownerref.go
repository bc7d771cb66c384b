// Owner references: the edges of the garbage collector's graph.
//
// Interface:
//   - OwnerReference points from a dependent (a Pod) to its owner (the
//     ReplicaSet); Controller marks the one owner that manages it.
//   - NewControllerRef builds that reference for a controller creating an
//     object; GetControllerOf and IsControlledBy read it back.
//
// Stage 3's ReplicaSet and Deployment controllers use these to adopt and
// recognise their children (talk 000, "Deployment and ReplicaSet
// controllers").
package metav1

// OwnerReference identifies an owner in the same namespace (or a
// cluster-scoped owner).
type OwnerReference struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Name       string `json:"name"`
	UID        UID    `json:"uid"`
	// Controller is true on at most one reference: the owner that manages
	// this object.
	Controller *bool `json:"controller,omitempty"`
	// BlockOwnerDeletion makes a foreground delete of the owner wait for this
	// object to be deleted first.
	BlockOwnerDeletion *bool `json:"blockOwnerDeletion,omitempty"`
}

// NewControllerRef returns a reference to owner, of kind gvk, with Controller
// and BlockOwnerDeletion set. owner must already have a name and uid.
func NewControllerRef(owner Object, gvk GroupVersionKind) *OwnerReference {
	isController, blockOwnerDeletion := true, true
	meta := owner.GetObjectMeta()
	return &OwnerReference{
		APIVersion:         gvk.GroupVersion().String(),
		Kind:               gvk.Kind,
		Name:               meta.Name,
		UID:                meta.UID,
		Controller:         &isController,
		BlockOwnerDeletion: &blockOwnerDeletion,
	}
}

// GetControllerOf returns a copy of obj's controller reference, or nil when
// no reference has Controller set to true.
func GetControllerOf(obj Object) *OwnerReference {
	for _, ref := range obj.GetObjectMeta().OwnerReferences {
		if ref.Controller == nil || !*ref.Controller {
			continue
		}
		copied := ref
		controller := true
		copied.Controller = &controller
		if ref.BlockOwnerDeletion != nil {
			block := *ref.BlockOwnerDeletion
			copied.BlockOwnerDeletion = &block
		}
		return &copied
	}
	return nil
}

// IsControlledBy reports whether obj's controller reference has owner's uid.
func IsControlledBy(obj, owner Object) bool {
	ref := GetControllerOf(obj)
	return ref != nil && ref.UID == owner.GetObjectMeta().UID
}
