package patch_test

import (
	"encoding/json"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/patch"
)

// FuzzStrategicMerge feeds arbitrary JSON pairs to the strategic merge, to
// server-side apply and to the ownership bookkeeping of an update: none may
// panic, and what succeeds returns a JSON object. Run with
// go test -fuzz=FuzzStrategicMerge ./stages/02-apiserver/patch/.
func FuzzStrategicMerge(f *testing.F) {
	for _, seed := range [][2]string{
		{patchDemo, `{"spec":{"template":{"spec":{"containers":[{"name":"patch-demo-ctr-2","image":"redis"}]}}}}`},
		{patchDemo, `{"spec":{"template":{"spec":{"containers":[{"$patch":"delete","name":"patch-demo-ctr"}]}}}}`},
		{patchDemo, `{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"patch-demo-ctr"}],"containers":[{"name":"b"}]}}}}`},
		{`{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}`, `{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}`},
		{`{"metadata":{"finalizers":["a","b"],"labels":{"x":"1"}}}`, `{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"],"finalizers":["c"],"labels":{"x":null}}}`},
		{`{"spec":{"template":{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80}]}]}}}}`, `{"spec":{"template":{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80.0},{"$patch":"replace"}]}]}}}}`},
		{`{"metadata":{"finalizers":[["a"]]}}`, `{"metadata":{"finalizers":[1,{"a":2}]}}`},
		{`{}`, `null`},
		{`{"a":1}`, `{"$patch":"replace","b":[1,2]}`},
	} {
		f.Add(seed[0], seed[1])
	}
	m := &patch.FieldManager{Schema: deploymentSchema, APIVersion: "apps/v1"}
	// unversioned accepts configurations without apiVersion, so that the
	// fuzzer's patches reach server-side apply as configurations too.
	unversioned := &patch.FieldManager{Schema: deploymentSchema}
	f.Fuzz(func(t *testing.T, original, p string) {
		if !json.Valid([]byte(original)) {
			return
		}
		if applied, err := unversioned.Apply([]byte(original), []byte(p), "fuzz", false); err == nil && !json.Valid(applied) {
			t.Fatalf("Apply returned invalid JSON %s", applied)
		}
		out, err := patch.StrategicMergePatch([]byte(original), []byte(p), deploymentSchema)
		if err != nil {
			_ = patch.AsStatus(err)
			return
		}
		var obj map[string]any
		if err := json.Unmarshal(out, &obj); err != nil {
			t.Fatalf("merge of %s into %s gave %s, not a JSON object: %v", p, original, out, err)
		}
		if recorded, err := m.RecordUpdate([]byte(original), out, "fuzz"); err == nil && !json.Valid(recorded) {
			t.Fatalf("RecordUpdate returned invalid JSON %s", recorded)
		}
	})
}
