package patch_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/patch"
)

// deploymentSchema is the schema every Deployment test patches against.
var deploymentSchema = patch.LookupFor(&appsv1.Deployment{})

// patchDemo is the Deployment of the Kubernetes task "Update API Objects in
// Place Using kubectl patch": two replicas of one nginx container, with a
// toleration.
const patchDemo = `{
  "apiVersion": "apps/v1", "kind": "Deployment",
  "metadata": {"name": "patch-demo", "namespace": "default"},
  "spec": {
    "replicas": 2,
    "selector": {"matchLabels": {"app": "nginx"}},
    "template": {
      "metadata": {"labels": {"app": "nginx"}},
      "spec": {
        "containers": [{"name": "patch-demo-ctr", "image": "nginx"}],
        "tolerations": [{"effect": "NoSchedule", "key": "dedicated", "value": "test-team"}]
      }
    }
  }
}`

// decode parses a JSON document for comparison.
func decode(t *testing.T, doc []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatalf("decode %s: %v", doc, err)
	}
	return v
}

// assertJSON fails unless got and want hold the same JSON value.
func assertJSON(t *testing.T, got []byte, want string) {
	t.Helper()
	if diff := cmp.Diff(decode(t, []byte(want)), decode(t, got)); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
}

// statusOf returns the Status an error is answered with.
func statusOf(t *testing.T, err error) metav1.Status {
	t.Helper()
	if err == nil {
		t.Fatal("got no error")
	}
	return patch.AsStatus(err)
}

// field returns the value at the given keys of a JSON object.
func field(t *testing.T, doc []byte, keys ...string) any {
	t.Helper()
	v := decode(t, doc)
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%v: not an object at %q", v, k)
		}
		v = m[k]
	}
	return v
}

// mustJSON encodes v.
func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// managedFields returns the metadata.managedFields of a JSON object.
func managedFields(t *testing.T, doc []byte) []metav1.ManagedFieldsEntry {
	t.Helper()
	var obj struct {
		Metadata struct {
			ManagedFields []metav1.ManagedFieldsEntry `json:"managedFields"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(doc, &obj); err != nil {
		t.Fatalf("decode managedFields: %v", err)
	}
	return obj.Metadata.ManagedFields
}

// entrySummary is a managedFields entry as tests compare it.
type entrySummary struct {
	Manager, Operation, APIVersion, Time, Fields string
}

// summarize returns the entries of doc in order.
func summarize(t *testing.T, doc []byte) []entrySummary {
	t.Helper()
	var out []entrySummary
	for _, e := range managedFields(t, doc) {
		s := entrySummary{Manager: e.Manager, Operation: string(e.Operation), APIVersion: e.APIVersion}
		if e.Time != nil {
			s.Time = e.Time.UTC().Format("15:04:05")
		}
		if e.FieldsType != "FieldsV1" {
			t.Errorf("fieldsType %q", e.FieldsType)
		}
		if e.FieldsV1 != nil {
			s.Fields = string(e.FieldsV1.Raw)
		}
		out = append(out, s)
	}
	return out
}
