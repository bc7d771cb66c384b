package jsonpath_test

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/printers/jsonpath"
)

func ExampleJSONPath_Execute() {
	var list map[string]any
	_ = json.Unmarshal([]byte(`{"kind": "List", "items": [
		{"metadata": {"name": "nginx-1"}, "status": {"conditions": [{"type": "Ready", "status": "True"}]}},
		{"metadata": {"name": "nginx-2"}, "status": {"conditions": [{"type": "Ready", "status": "False"}]}}]}`), &list)

	j := jsonpath.New("out").AllowMissingKeys(true)
	if err := j.Parse(`{range .items[*]}{.metadata.name}{"\t"}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}`); err != nil {
		fmt.Println(err)
		return
	}
	if err := j.Execute(os.Stdout, list); err != nil {
		fmt.Println(err)
	}
	// Output:
	// nginx-1	True
	// nginx-2	False
}

func ExampleJSONPath_AllowMissingKeys() {
	pod := map[string]any{"metadata": map[string]any{"name": "web"}}
	j := jsonpath.New("out")
	_ = j.Parse("{.spec.nodeName}")
	fmt.Println(j.Execute(os.Stdout, pod))
	j.AllowMissingKeys(true)
	fmt.Println(j.Execute(os.Stdout, pod))
	// Output:
	// spec is not found
	// <nil>
}
