package schema

import (
	"encoding/json"
	"slices"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// FuzzValidate feeds arbitrary JSON objects to the Validator: it must never
// panic, and must return the same sorted list twice. The seeds are talk
// 002's manifests and shapes that stress the walk (wrong types at every
// level, deep nesting, Lists, kinds with no schema).
func FuzzValidate(f *testing.F) {
	for _, path := range []string{"testdata/talk002-deployment.yaml"} {
		data, err := yaml.YAMLToJSON([]byte(mustRead(f, path)))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	valid, err := yaml.YAMLToJSON([]byte(validDeployment))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	for _, seed := range []string{
		`{}`,
		`{"apiVersion": 1, "kind": []}`,
		`{"apiVersion": "v1", "kind": "Pod", "metadata": [], "spec": "x"}`,
		`{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [null, 1, {"image": 5, "name": {}}]}}`,
		`{"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"spec": {"spec": {"spec": {}}}, "template": []}}`,
		`{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "List", "items": [{}]}, 3]}`,
		`{"apiVersion": "v1", "kind": "List", "items": {}}`,
		`{"apiVersion": "batch/v1", "kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "x", "image": "a b c", "resources": {"limits": {"cpu": "1x", "memory": -1e400}}}]}}}}}}`,
		`{"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "", "labels": {"a b": 1}}}`,
		`{"apiVersion": "a/b/c", "kind": "X"}`,
	} {
		f.Add([]byte(seed))
	}
	v := NewValidator(nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		var obj map[string]any
		if err := json.Unmarshal(data, &obj); err != nil || obj == nil {
			return // not a JSON object: the decoder's job, not ours
		}
		first, err1 := v.Validate(obj)
		second, err2 := v.Validate(obj)
		if !slices.Equal(messages(first), messages(second)) || (err1 == nil) != (err2 == nil) {
			t.Fatalf("two runs differ:\n%v %v\n%v %v", messages(first), err1, messages(second), err2)
		}
		if !slices.IsSortedFunc(first, func(a, b *field.Error) int { return comparePaths(a.Field, b.Field) }) {
			t.Fatalf("result not sorted by path: %v", messages(first))
		}
		for _, d := range []Directive{Strict, Warn, Ignore} {
			_, _ = v.Check(obj, d)
		}
	})
}
