// Package selection names the operators of label and field selectors.
//
// It is its own small package, as upstream's k8s.io/apimachinery/pkg/selection
// is, because both shared/labels and shared/fields speak of operators and
// neither should import the other to do so.
//
// Talk 002, "Labels": a selector is a query, "select ... where key op value";
// these are the ops.
package selection

// Operator relates a key to the values of one requirement.
type Operator string

// The operators. Each constant's value is what a selector string spells,
// except Exists, GreaterThan and LessThan, which are written as a bare key,
// ">" and "<".
const (
	DoesNotExist Operator = "!"
	Equals       Operator = "="
	DoubleEquals Operator = "=="
	In           Operator = "in"
	NotEquals    Operator = "!="
	NotIn        Operator = "notin"
	Exists       Operator = "exists"
	GreaterThan  Operator = "gt"
	LessThan     Operator = "lt"
)
