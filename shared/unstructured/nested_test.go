package unstructured

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const deployment = `{"apiVersion":"apps/v1","kind":"Deployment",
 "metadata":{"name":"nginx","namespace":"default","labels":{"app":"nginx"}},
 "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}}}`

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	obj := map[string]any{}
	if err := json.Unmarshal([]byte(s), &obj); err != nil {
		t.Fatal(err)
	}
	return obj
}

func TestIdentity(t *testing.T) {
	obj := decode(t, deployment)
	got := []string{APIVersion(obj), Kind(obj), Name(obj), Namespace(obj)}
	want := []string{"apps/v1", "Deployment", "nginx", "default"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("identity (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"app": "nginx"}, Labels(obj)); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
}

func TestNestedTypes(t *testing.T) {
	obj := decode(t, deployment)
	if n, ok := NestedInt64(obj, "spec", "replicas"); !ok || n != 3 {
		t.Errorf("replicas = %d, %v; want 3, true", n, ok)
	}
	if _, ok := NestedString(obj, "spec", "replicas"); ok {
		t.Error("NestedString on a number reported ok")
	}
	if s, ok := NestedSlice(obj, "spec", "template", "spec", "containers"); !ok || len(s) != 1 {
		t.Errorf("containers = %v, %v", s, ok)
	}
	if _, ok := NestedField(obj, "spec", "missing", "deeper"); ok {
		t.Error("missing path reported ok")
	}
	if _, ok := ToInt64(2.5); ok {
		t.Error("2.5 converted to an integer")
	}
	if n, ok := ToInt64(json.Number("42")); !ok || n != 42 {
		t.Errorf("json.Number 42 = %d, %v", n, ok)
	}
}

func TestSetAndRemove(t *testing.T) {
	obj := map[string]any{}
	SetNestedField(obj, "v", "a", "b", "c")
	if s, _ := NestedString(obj, "a", "b", "c"); s != "v" {
		t.Fatalf("after set: %v", obj)
	}
	RemoveNestedField(obj, "a", "b", "c")
	if _, ok := NestedField(obj, "a", "b", "c"); ok {
		t.Fatalf("after remove: %v", obj)
	}
	RemoveNestedField(obj, "a")
	if len(obj) != 0 {
		t.Fatalf("top-level remove left %v", obj)
	}
}

func TestDeepCopyShares(t *testing.T) {
	obj := decode(t, deployment)
	cp := DeepCopyMap(obj)
	SetNestedField(cp, "changed", "metadata", "name")
	if Name(obj) != "nginx" {
		t.Error("changing the copy changed the original")
	}
}
