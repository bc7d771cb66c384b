package unstructured_test

import (
	"encoding/json"
	"fmt"

	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

func Example() {
	obj := map[string]any{}
	_ = json.Unmarshal([]byte(`{"apiVersion":"apps/v1","kind":"Deployment",
		"metadata":{"name":"nginx"},"spec":{"replicas":1}}`), &obj)

	unstructured.SetNestedField(obj, int64(3), "spec", "replicas")
	replicas, _ := unstructured.NestedInt64(obj, "spec", "replicas")
	fmt.Println(unstructured.Kind(obj), unstructured.Name(obj), replicas)
	// Output: Deployment nginx 3
}
