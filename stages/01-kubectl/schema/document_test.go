package schema

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// widgetDoc is a small hand-written document in the shape upstream serves
// (Kubernetes writes custom resources' schemas the same way): a kind found
// through x-kubernetes-group-version-kind, a $ref wrapped in a one-element
// allOf with a default beside it, a map, a free-form object, a field that
// keeps unknown fields, and a "type" written as a list.
const widgetDoc = `{
  "openapi": "3.0.0",
  "paths": {"/apis/example.com/v1/widgets": {}},
  "components": {"schemas": {
    "com.example.v1.Widget": {
      "type": "object",
      "required": ["spec"],
      "properties": {
        "apiVersion": {"type": "string"},
        "kind": {"type": "string"},
        "metadata": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
        "spec": {"default": {}, "allOf": [{"$ref": "#/components/schemas/com.example.v1.WidgetSpec"}]}
      },
      "x-kubernetes-group-version-kind": [{"group": "example.com", "version": "v1", "kind": "Widget"}]
    },
    "com.example.v1.WidgetSpec": {
      "type": "object",
      "required": ["size"],
      "properties": {
        "size": {"type": "integer", "format": "int64"},
        "ratio": {"type": ["number", "null"]},
        "tags": {"type": "object", "additionalProperties": {"type": "string"}},
        "anything": {"type": "object", "additionalProperties": true},
        "raw": {"type": "object"},
        "plugin": {"type": "object", "properties": {"name": {"type": "string"}}, "x-kubernetes-preserve-unknown-fields": true},
        "closed": {"type": "object", "properties": {"name": {"type": "string"}}, "additionalProperties": false},
        "children": {"type": "array", "items": {"$ref": "#/components/schemas/com.example.v1.WidgetSpec"}}
      }
    }
  }}
}`

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		wantErr string // "" for success
	}{
		{name: "widget document", doc: widgetDoc},
		{name: "not JSON", doc: `openapi: 3.0.0`, wantErr: "load openapi document: invalid character"},
		{name: "the /openapi/v3 index has no schemas", doc: `{"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1"}}}`, wantErr: "load openapi document: no components.schemas"},
		{name: "dangling $ref", doc: `{"components": {"schemas": {"a": {"properties": {"b": {"$ref": "#/components/schemas/missing"}}}}}}`, wantErr: `load openapi document: schema "a" refers to missing "#/components/schemas/missing"`},
		{name: "$ref outside components", doc: `{"components": {"schemas": {"a": {"items": {"$ref": "other.json#/x"}}}}}`, wantErr: `load openapi document: schema "a": unsupported $ref "other.json#/x"`},
		{name: "null schema", doc: `{"components": {"schemas": {"a": null}}}`, wantErr: `load openapi document: schema "a" is null`},
		{name: "type of the wrong JSON type", doc: `{"components": {"schemas": {"a": {"type": 3}}}}`, wantErr: "decode type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load([]byte(tc.doc))
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("Load() error = %v, want none", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("Load() error = %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestDocumentKindsAndLookup(t *testing.T) {
	d, err := Load([]byte(widgetDoc))
	if err != nil {
		t.Fatal(err)
	}
	want := []GroupVersionKind{{Group: "example.com", Version: "v1", Kind: "Widget"}}
	if diff := cmp.Diff(want, d.Kinds()); diff != "" {
		t.Errorf("Kinds() (-want +got):\n%s", diff)
	}
	if name, _, ok := d.Lookup("example.com/v1", "Widget"); !ok || name != "com.example.v1.Widget" {
		t.Errorf("Lookup(example.com/v1, Widget) = %q, %v; want com.example.v1.Widget, true", name, ok)
	}
	for _, miss := range [][2]string{{"example.com/v2", "Widget"}, {"v1", "Widget"}, {"example.com/v1", "Gadget"}, {"a/b/c", "Widget"}} {
		if _, _, ok := d.Lookup(miss[0], miss[1]); ok {
			t.Errorf("Lookup(%q, %q) found a schema, want none", miss[0], miss[1])
		}
	}
}

// The keywords of a custom resource's schema, which upstream's built-in
// types use more sparingly: maps, free-form objects, preserved unknown
// fields, closed objects, recursion through $ref.
func TestDocumentValidateKeywords(t *testing.T) {
	d, err := Load([]byte(widgetDoc))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		spec string // the widget's spec, as YAML flow
		want []string
	}{
		{name: "minimal", spec: `{size: 1}`},
		{name: "required field inside an allOf-wrapped $ref", spec: `{}`, want: []string{`spec.size: Required value`}},
		{name: "nullable number given null", spec: `{size: 1, ratio: null}`},
		{name: "number given a string", spec: `{size: 1, ratio: "half"}`, want: []string{`spec.ratio: Invalid value: "half": must be of type number`}},
		{name: "map values", spec: `{size: 1, tags: {a: x, b: 2}}`, want: []string{`spec.tags[b]: Invalid value: 2: must be of type string; quote the value to make it one: "2"`}},
		{name: "additionalProperties true", spec: `{size: 1, anything: {a: [1, {b: 2}]}}`},
		{name: "object without properties is free-form", spec: `{size: 1, raw: {whatever: {x: 1}}}`},
		{name: "preserved unknown fields, known ones still checked", spec: `{size: 1, plugin: {name: 3, extra: yes}}`, want: []string{`spec.plugin.name: Invalid value: 3: must be of type string; quote the value to make it one: "3"`}},
		{name: "additionalProperties false", spec: `{size: 1, closed: {name: a, nmae: b}}`, want: []string{`unknown field "spec.closed.nmae": did you mean "name"?`}},
		{name: "recursive schema", spec: `{size: 1, children: [{size: 2, children: [{}]}]}`, want: []string{`spec.children[0].children[0].size: Required value`}},
		{name: "int64 given a huge number, printed in digits", spec: `{size: 1e19}`, want: []string{`spec.size: Invalid value: 10000000000000000000: must fit in a 64-bit integer (int64)`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			obj := manifest(t, "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, anything: [1]}\nspec: "+tc.spec)
			if diff := cmp.Diff(tc.want, messages(d.Validate(obj))); diff != "" {
				t.Errorf("Validate() messages (-want +got):\n%s", diff)
			}
		})
	}
}

// A hostile or broken document must not hang the client: refs that form a
// cycle, and an allOf naming the same schema twice, at every level.
func TestDocumentValidateCyclicRefs(t *testing.T) {
	doc := `{"components": {"schemas": {
	  "a": {"allOf": [{"$ref": "#/components/schemas/b"}, {"$ref": "#/components/schemas/b"}],
	        "x-kubernetes-group-version-kind": [{"group": "example.com", "version": "v1", "kind": "A"}]},
	  "b": {"type": "object", "allOf": [{"$ref": "#/components/schemas/a"}, {"$ref": "#/components/schemas/a"}],
	        "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"}, "metadata": {"type": "object"}, "next": {"$ref": "#/components/schemas/a"}}}
	}}}`
	d, err := Load([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	obj := manifest(t, `{apiVersion: example.com/v1, kind: A, metadata: {name: a}, next: {next: {nxet: 1}}}`)
	want := []string{`unknown field "next.next.nxet": did you mean "next"?`}
	if diff := cmp.Diff(want, messages(d.Validate(obj))); diff != "" {
		t.Errorf("Validate() messages (-want +got):\n%s", diff)
	}
}
