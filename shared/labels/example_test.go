package labels_test

import (
	"fmt"

	"github.com/kubeworkbook/kubeworkbook/shared/labels"
)

func ExampleParse() {
	sel, err := labels.Parse("tier in (front,back), app=web, !canary")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sel)
	fmt.Println(sel.Matches(labels.Set{"app": "web", "tier": "front"}))
	fmt.Println(sel.Matches(labels.Set{"app": "web", "tier": "front", "canary": "true"}))
	// Output:
	// app=web,!canary,tier in (back,front)
	// true
	// false
}

func ExampleSet_AsSelector() {
	rcSelector := labels.Set{"App": "Nifty"}.AsSelector()
	fmt.Println(rcSelector)
	fmt.Println(rcSelector.Matches(labels.Set{"App": "Nifty", "pod-template-hash": "x1"}))
	// Output:
	// App=Nifty
	// true
}
