package patch

import (
	"errors"
	"testing"
)

// FieldsV1 trees as upstream writes them read back to the same set and
// are written byte for byte as they were: "." first, then fields, keyed
// items, set values, each sorted.
func TestFieldsV1RoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name     string
		fieldsV1 string
		members  []string // String of each member path, sorted
	}{
		{"one leaf", `{"f:spec":{"f:replicas":{}}}`, []string{".spec.replicas"}},
		{"a map owned with its keys",
			`{"f:metadata":{"f:labels":{".":{},"f:app":{},"f:tier":{}}}}`,
			[]string{".metadata.labels", ".metadata.labels.app", ".metadata.labels.tier"}},
		{"a keyed item and its fields",
			`{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:ports":{"k:{\"containerPort\":80}":{".":{},"f:containerPort":{}}}}}}}`,
			[]string{`.spec.containers[name="nginx"]`, `.spec.containers[name="nginx"].image`,
				`.spec.containers[name="nginx"].ports[containerPort=80]`, `.spec.containers[name="nginx"].ports[containerPort=80].containerPort`}},
		{"set values", `{"f:metadata":{"f:finalizers":{".":{},"v:\"a\"":{},"v:\"b\"":{}}}}`,
			[]string{".metadata.finalizers", `.metadata.finalizers[="a"]`, `.metadata.finalizers[="b"]`}},
		{"an empty tree", `{}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := parseFieldsV1([]byte(tc.fieldsV1))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range s.sorted() {
				got = append(got, p.String())
			}
			if len(got) != len(tc.members) {
				t.Fatalf("members %q, want %q", got, tc.members)
			}
			for i := range got {
				if got[i] != tc.members[i] {
					t.Errorf("member %d = %q, want %q", i, got[i], tc.members[i])
				}
			}
			if out := string(s.fieldsV1()); out != tc.fieldsV1 {
				t.Errorf("written back as %s", out)
			}
		})
	}
}

// A managedFields tree that is not one is refused, not half read.
func TestParseFieldsV1Errors(t *testing.T) {
	for _, tc := range []struct{ name, raw string }{
		{"not JSON", `{"f:spec":`},
		{"a leaf that is not an object", `{"f:spec":1}`},
		{"an unknown element kind", `{"x:spec":{}}`},
		{"a list", `[]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := parseFieldsV1([]byte(tc.raw)); !errors.Is(err, errBadFieldsV1) {
				t.Errorf("err = %v, want errBadFieldsV1", err)
			}
		})
	}
}

// Set operations and removal by path work on the elements as FieldsV1
// spells them.
func TestFieldSetOperations(t *testing.T) {
	a, _ := parseFieldsV1([]byte(`{"f:spec":{"f:replicas":{},"f:paused":{}}}`))
	b, _ := parseFieldsV1([]byte(`{"f:spec":{"f:replicas":{},"f:minReadySeconds":{}}}`))
	if got := string(a.intersection(b).fieldsV1()); got != `{"f:spec":{"f:replicas":{}}}` {
		t.Errorf("intersection = %s", got)
	}
	if got := string(a.difference(b).fieldsV1()); got != `{"f:spec":{"f:paused":{}}}` {
		t.Errorf("difference = %s", got)
	}
	if got := string(a.union(b).fieldsV1()); got != `{"f:spec":{"f:minReadySeconds":{},"f:paused":{},"f:replicas":{}}}` {
		t.Errorf("union = %s", got)
	}
	if !a.ownsWithin(fieldPath{"f:spec"}) || a.ownsWithin(fieldPath{"f:metadata"}) {
		t.Error("ownsWithin does not see what lies beneath")
	}

	obj, _ := decodeObject([]byte(`{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80},{"containerPort":443}]},{"name":"b"}]},"metadata":{"finalizers":["x","y"]}}`))
	for _, p := range []fieldPath{
		{"f:spec", "f:containers", `k:{"name":"a"}`, "f:ports", `k:{"containerPort":443}`},
		{"f:spec", "f:containers", `k:{"name":"b"}`},
		{"f:metadata", "f:finalizers", `v:"x"`},
		{"f:spec", "f:missing", "f:deeper"},
	} {
		obj = removeField(obj, p).(map[string]any)
	}
	got, _ := encode(obj)
	if want := `{"metadata":{"finalizers":["y"]},"spec":{"containers":[{"name":"a","ports":[{"containerPort":80}]}]}}`; string(got) != want {
		t.Errorf("after removals: %s\nwant %s", got, want)
	}
}
