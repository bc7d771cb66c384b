package fields_test

import (
	"fmt"

	"github.com/kubeworkbook/kubeworkbook/shared/fields"
)

func ExampleParseSelector() {
	sel, err := fields.ParseSelector("status.phase!=Succeeded,spec.nodeName=node-1")
	if err != nil {
		fmt.Println(err)
		return
	}
	pod := fields.Set{"spec.nodeName": "node-1", "status.phase": "Running"}
	fmt.Println(sel)
	fmt.Println(sel.Matches(pod))
	fmt.Println(sel.RequiresExactMatch("spec.nodeName"))
	// Output:
	// spec.nodeName=node-1,status.phase!=Succeeded
	// true
	// node-1 true
}
