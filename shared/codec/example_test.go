package codec_test

import (
	"fmt"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/codec"
)

func ExampleDecodeManifests() {
	manifests := `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: myapp
spec:
  replicas: 3
---
# a comment-only document is skipped
---
{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "myapp"}}
`
	objs, err := codec.DecodeManifests(strings.NewReader(manifests))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, obj := range objs {
		fmt.Println(obj["kind"], obj["metadata"].(map[string]any)["name"])
	}
	replicas := objs[0]["spec"].(map[string]any)["replicas"]
	fmt.Printf("%T %v\n", replicas, replicas)
	// Output:
	// Deployment myapp
	// Service myapp
	// int64 3
}

func ExampleDecodeStrict() {
	type spec struct {
		Replicas int32 `json:"replicas"`
	}
	type deployment struct {
		Kind string `json:"kind"`
		Spec spec   `json:"spec"`
	}
	var d deployment
	err := codec.DecodeStrict([]byte("kind: Deployment\nspec:\n  replicas: 2\n  spec: {}\n"), &d)
	fmt.Println(err)
	// Output:
	// strict decoding error: unknown field "spec.spec"
}

func ExampleEncodeYAML() {
	out, _ := codec.EncodeYAML(map[string]any{"kind": "ConfigMap", "apiVersion": "v1", "data": map[string]any{"port": "80"}})
	fmt.Print(string(out))
	// Output:
	// apiVersion: v1
	// data:
	//   port: "80"
	// kind: ConfigMap
}

func ExampleReadManifests() {
	stream := "apiVersion: v1\nkind: List\nitems:\n" +
		"- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n" +
		"- {apiVersion: v1, kind: ConfigMap, metadata: {name: b, name: c}}\n"
	manifests, err := codec.ReadManifests(strings.NewReader(stream))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range manifests {
		fmt.Println(m.Document, m.Item, m.Object["metadata"], m.Duplicates)
	}
	// Output:
	// 1 items[0] map[name:a] []
	// 1 items[1] map[name:c] [metadata.name]
}
