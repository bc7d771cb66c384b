// LabelSelector conversion: from the structured selector an API object
// carries (spec.selector of a Deployment, ReplicaSet, Job) to a Selector.
//
// Interface:
//   - FromLabelSelector(*metav1.LabelSelector) is upstream's
//     metav1.LabelSelectorAsSelector. It lives here because this package
//     may import metav1 but metav1 may not import this one.
//
// The meaning of nil and empty differ, on purpose: a nil selector selects
// nothing (a controller with no selector must not adopt every pod), an
// empty one selects everything.

package labels

import (
	"fmt"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/labels/selection"
)

// FromLabelSelector converts ls to a Selector: nil gives Nothing, an empty
// selector Everything, otherwise the AND of one "key=value" per matchLabels
// entry and one requirement per matchExpressions term. Keys, values and
// operators are checked; the error is NewRequirement's, or
// `"X" is not a valid label selector operator` for an unknown operator.
func FromLabelSelector(ls *metav1.LabelSelector) (Selector, error) {
	if ls == nil {
		return Nothing(), nil
	}
	if len(ls.MatchLabels)+len(ls.MatchExpressions) == 0 {
		return Everything(), nil
	}
	rs := make(internalSelector, 0, len(ls.MatchLabels)+len(ls.MatchExpressions))
	for k, v := range ls.MatchLabels {
		r, err := NewRequirement(k, selection.Equals, []string{v})
		if err != nil {
			return nil, err
		}
		rs = append(rs, *r)
	}
	for _, expr := range ls.MatchExpressions {
		var op selection.Operator
		switch expr.Operator {
		case metav1.LabelSelectorOpIn:
			op = selection.In
		case metav1.LabelSelectorOpNotIn:
			op = selection.NotIn
		case metav1.LabelSelectorOpExists:
			op = selection.Exists
		case metav1.LabelSelectorOpDoesNotExist:
			op = selection.DoesNotExist
		default:
			return nil, fmt.Errorf("%q is not a valid label selector operator", expr.Operator)
		}
		r, err := NewRequirement(expr.Key, op, expr.Values)
		if err != nil {
			return nil, err
		}
		rs = append(rs, *r)
	}
	// matchLabels come from a map: sort so String is the same every time.
	// Requirements on one key from matchLabels sort before those from
	// matchExpressions, which keep their written order.
	sortByKey(rs)
	return rs, nil
}
