package selection_test

import (
	"fmt"

	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/shared/labels/selection"
)

func ExampleOperator() {
	// Talk 002, "Selectors": "tier in (front,back)" is the requirement
	// key=tier, operator In, values front and back.
	r, err := labels.NewRequirement("tier", selection.In, []string{"front", "back"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Operator(), r)
	// Output: in tier in (back,front)
}
