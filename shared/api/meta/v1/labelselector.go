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

// LabelSelector selects objects by their labels. An object is selected
// when it meets every term of matchLabels and matchExpressions; an empty
// selector selects every object.
type LabelSelector struct {
	// MatchLabels lists labels an object must carry with exactly these
	// values: {app: web} is the same as the expression "app In (web)".
	MatchLabels map[string]string `json:"matchLabels,omitempty"`
	// MatchExpressions are terms that compare a label with a set of
	// values (In, NotIn) or test whether it exists (Exists,
	// DoesNotExist).
	MatchExpressions []LabelSelectorRequirement `json:"matchExpressions,omitempty"`
}

// LabelSelectorRequirement is one term of a selector: a label key, an
// operator, and the values the operator compares the label with.
type LabelSelectorRequirement struct {
	// Key is the label the term tests.
	Key string `json:"key"`
	// Operator is In, NotIn, Exists or DoesNotExist.
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
