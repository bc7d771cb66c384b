// Conditions: the standard shape of one observation in an object's status.
//
// Interface:
//   - Condition{Type, Status, ObservedGeneration, LastTransitionTime,
//     Reason, Message}.
//   - ConditionStatus constants ConditionTrue, ConditionFalse,
//     ConditionUnknown, shared with Table row conditions and reused by the
//     per-group condition types.
//
// Controllers (stage 3) set conditions; kubectl describe and wait read them.
package metav1

// ConditionStatus is the truth value of a condition.
type ConditionStatus string

// The condition statuses.
const (
	ConditionTrue    ConditionStatus = "True"
	ConditionFalse   ConditionStatus = "False"
	ConditionUnknown ConditionStatus = "Unknown"
)

// Condition is one aspect of an object's current state.
type Condition struct {
	// Type is CamelCase ("Available", "Ready").
	Type   string          `json:"type"`
	Status ConditionStatus `json:"status"`
	// ObservedGeneration is the metadata.generation the condition was
	// computed from; a lower value than the object's means it is stale.
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`
	// LastTransitionTime is when Status last changed.
	LastTransitionTime Time `json:"lastTransitionTime"`
	// Reason is a CamelCase word for machines.
	Reason string `json:"reason"`
	// Message is the explanation for people.
	Message string `json:"message"`
}
