package schema_test

import (
	"encoding/json"
	"fmt"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/schema"
)

// Talk 002's Deployment, with its pod spec dedented out of the template,
// checked before anything is sent. With no server at hand the Validator
// uses its built-in Kubernetes v1.37 schema.
func ExampleValidator_Check() {
	manifest := `{
	  "apiVersion": "apps/v1",
	  "kind": "Deployment",
	  "metadata": {"name": "nginx"},
	  "spec": {
	    "selector": {"matchLabels": {"app": "nginx"}},
	    "template": {"metadata": {"labels": {"app": "nginx"}}},
	    "spec": {"containers": [{"name": "nginx", "image": "nginx 1.23.2-alpine"}]}
	  }
	}`
	var obj map[string]any
	if err := json.Unmarshal([]byte(manifest), &obj); err != nil {
		panic(err)
	}
	v := schema.NewValidator(nil) // nil: no server; built-in schema only

	warnings, _ := v.Check(obj, schema.Warn)
	for _, w := range warnings {
		fmt.Println("Warning:", w)
	}
	// Output:
	// Warning: unknown field "spec.spec": check the indentation: "spec" is a field of spec.template
	// Warning: spec.spec.containers[0].image: Invalid value: "nginx 1.23.2-alpine": invalid reference format: an image reference may not contain spaces; did you mean "nginx:1.23.2-alpine"?
	// Warning: spec.template.spec.containers: Required value
}

// The image check alone, for a flag such as `kubectl create deployment
// --image`.
func ExampleValidateImage() {
	p := field.NewPath("spec", "template", "spec", "containers").Index(0).Child("image")
	fmt.Println(schema.ValidateImage(p, "nginx 1.23.2-alpine"))
	fmt.Println(schema.ValidateImage(p, "nginx:1.23.2-alpine") == nil)
	// Output:
	// spec.template.spec.containers[0].image: Invalid value: "nginx 1.23.2-alpine": invalid reference format: an image reference may not contain spaces; did you mean "nginx:1.23.2-alpine"?
	// true
}

// A document from anywhere (here the built-in core/v1 copy) can be loaded
// and used directly.
func ExampleLoad() {
	data, err := schema.Builtin("v1")
	if err != nil {
		panic(err)
	}
	doc, err := schema.Load(data)
	if err != nil {
		panic(err)
	}
	cm := map[string]any{
		"apiVersion": "v1",
		"kind":       "ConfigMap",
		"metadata":   map[string]any{"name": "settings"},
		"data":       map[string]any{"port": 8080.0},
	}
	for _, e := range doc.Validate(cm) {
		fmt.Println(e)
	}
	fmt.Println(schema.OpenAPIPath("v1"), schema.OpenAPIPath("apps/v1"))
	// Output:
	// data[port]: Invalid value: 8080: must be of type string; quote the value to make it one: "8080"
	// api/v1 apis/apps/v1
}
