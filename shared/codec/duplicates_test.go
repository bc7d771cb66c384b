package codec

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Talk 000, "Client side validation": a key given twice loses its first
// value silently when decoded; only the text shows it.
func TestDuplicateFields(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"none", "metadata: {name: a}\nspec: {replicas: 1}\n", nil},
		{"flow mapping", "metadata: {name: dup, name: dup2}\n", []string{"metadata.name"}},
		{"block mapping, three times", "kind: A\nkind: B\nkind: C\n", []string{"kind"}},
		{"inside a list item", "spec:\n  containers:\n  - name: a\n    image: x\n    image: y\n", []string{"spec.containers[0].image"}},
		{"json", `{"metadata":{"labels":{"a":"1","a":"2"}},"kind":"A","kind":"B"}`, []string{"metadata.labels.a", "kind"}},
		{"same key in two mappings is fine", "a: {x: 1}\nb: {x: 2}\n", nil},
		{"numeric keys", "data:\n  80: a\n  80: b\n", []string{"data.80"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DuplicateFields([]byte(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("DuplicateFields (-want +got):\n%s", diff)
			}
		})
	}
}

// A JSON body is read token by token, a YAML one by the YAML parser; on
// JSON, which is YAML too, both must find the same keys.
func TestDuplicateFieldsJSONAsYAML(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"none", `{"metadata":{"name":"a"},"spec":{"replicas":1}}`, nil},
		{"top level and nested", `{"kind":"A","metadata":{"name":"a","name":"b"},"kind":"B"}`, []string{"metadata.name", "kind"}},
		{"inside list items", `{"spec":{"containers":[{"name":"a"},{"name":"b","image":"x","image":"y"}]}}`, []string{"spec.containers[1].image"}},
		{"lists of lists", `{"a":[[{"x":1,"x":2}]]}`, []string{"a[0][0].x"}},
		{"escaped keys are compared decoded", `{"data":{"a\u0062":"1","ab":"2"}}`, []string{"data.ab"}},
		{"scalars of every kind", `{"a":null,"b":true,"c":1.5e3,"d":"s","a":false}`, []string{"a"}},
		{"empty object and array", `{"a":{},"b":[],"a":{}}`, []string{"a"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DuplicateFields([]byte(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			asYAML, err := duplicateFields([]byte(tc.doc), false)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("DuplicateFields (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(asYAML, got); diff != "" {
				t.Errorf("JSON reader and YAML parser disagree (-yaml +json):\n%s", diff)
			}
		})
	}
}

// ReadManifests says where each object came from: its document, and its
// place in a List, with the duplicated keys made relative to the object.
func TestReadManifests(t *testing.T) {
	stream := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n" +
		"apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n" +
		"- {apiVersion: v1, kind: ConfigMap, metadata: {name: c, name: d}}\n"
	got, err := ReadManifests(strings.NewReader(stream))
	if err != nil {
		t.Fatal(err)
	}
	type where struct {
		Name       string
		Document   int
		Line       int
		Item       string
		Duplicates []string
	}
	var places []where
	for _, m := range got {
		meta := m.Object["metadata"].(map[string]any)
		places = append(places, where{meta["name"].(string), m.Document, m.Line, m.Item, m.Duplicates})
	}
	want := []where{
		{"a", 1, 1, "", nil},
		{"b", 2, 5, "items[0]", nil},
		{"d", 2, 5, "items[1]", []string{"metadata.name"}},
	}
	if diff := cmp.Diff(want, places); diff != "" {
		t.Errorf("manifests (-want +got):\n%s", diff)
	}
}
