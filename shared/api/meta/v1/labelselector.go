// Label selectors in their structured (API) form.
//
// Interface:
//   - LabelSelector{MatchLabels, MatchExpressions}: what a Deployment,
//     ReplicaSet or Service spec.selector holds. The terms are ANDed; an
//     empty selector matches everything, a nil one nothing.
//   - LabelSelectorOperator: In, NotIn, Exists, DoesNotExist.
//
// shared/labels turns a LabelSelector into a matcher and parses the string
// form ("app=web,tier!=db") kubectl's -l flag takes (talk 002, "Labels and
// selectors").
package metav1

// LabelSelector selects objects by their labels.
type LabelSelector struct {
	// MatchLabels is shorthand for In requirements with one value each.
	MatchLabels map[string]string `json:"matchLabels,omitempty"`
	// MatchExpressions are the longer requirements.
	MatchExpressions []LabelSelectorRequirement `json:"matchExpressions,omitempty"`
}

// LabelSelectorRequirement is one term: Key Operator Values.
type LabelSelectorRequirement struct {
	Key      string                `json:"key"`
	Operator LabelSelectorOperator `json:"operator"`
	// Values must be non-empty for In and NotIn, empty for Exists and
	// DoesNotExist.
	Values []string `json:"values,omitempty"`
}

// LabelSelectorOperator relates a key to its values.
type LabelSelectorOperator string

// The operators.
const (
	LabelSelectorOpIn           LabelSelectorOperator = "In"
	LabelSelectorOpNotIn        LabelSelectorOperator = "NotIn"
	LabelSelectorOpExists       LabelSelectorOperator = "Exists"
	LabelSelectorOpDoesNotExist LabelSelectorOperator = "DoesNotExist"
)
