// LimitRanges: per-object minimums, maximums and defaults in a namespace.
//
// Interface:
//   - LimitRange (with LimitRangeList) holds LimitRangeItems.
//   - LimitRangeItem: for one LimitType (Pod, Container,
//     PersistentVolumeClaim), max, min, default limits, default requests
//     and the largest limit/request ratio.
//
// The LimitRanger admission plugin (stage 2) fills in default requests and
// limits of containers and rejects objects outside the range; talk 000,
// "Admission controllers".
package corev1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// LimitRange sets resource constraints for each kind of object in its
// namespace.
type LimitRange struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              LimitRangeSpec `json:"spec,omitempty"`
}

// LimitRangeList is a list of LimitRanges.
type LimitRangeList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []LimitRange `json:"items"`
}

// LimitRangeSpec lists the enforced limits.
type LimitRangeSpec struct {
	Limits []LimitRangeItem `json:"limits"`
}

// LimitType is the kind of object a LimitRangeItem applies to.
type LimitType string

// The limit types.
const (
	LimitTypePod                   LimitType = "Pod"
	LimitTypeContainer             LimitType = "Container"
	LimitTypePersistentVolumeClaim LimitType = "PersistentVolumeClaim"
)

// LimitRangeItem constrains one kind of object, resource by resource.
type LimitRangeItem struct {
	Type LimitType    `json:"type"`
	Max  ResourceList `json:"max,omitempty"`
	Min  ResourceList `json:"min,omitempty"`
	// Default is the limit given to a container that sets none;
	// DefaultRequest the request.
	Default        ResourceList `json:"default,omitempty"`
	DefaultRequest ResourceList `json:"defaultRequest,omitempty"`
	// MaxLimitRequestRatio bounds limit divided by request.
	MaxLimitRequestRatio ResourceList `json:"maxLimitRequestRatio,omitempty"`
}
