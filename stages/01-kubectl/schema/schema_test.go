package schema

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseAPIVersion(t *testing.T) {
	tests := []struct {
		name, apiVersion   string
		wantGroup, wantVer string
		wantErr            bool
	}{
		{name: "core group", apiVersion: "v1", wantVer: "v1"},
		{name: "named group", apiVersion: "apps/v1", wantGroup: "apps", wantVer: "v1"},
		{name: "dotted group", apiVersion: "rbac.authorization.k8s.io/v1", wantGroup: "rbac.authorization.k8s.io", wantVer: "v1"},
		{name: "empty", apiVersion: "", wantErr: true},
		{name: "two slashes", apiVersion: "a/b/c", wantErr: true},
		{name: "no version", apiVersion: "apps/", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, v, err := ParseAPIVersion(tc.apiVersion)
			if (err != nil) != tc.wantErr || g != tc.wantGroup || v != tc.wantVer {
				t.Errorf("ParseAPIVersion(%q) = %q, %q, %v; want %q, %q, error %v", tc.apiVersion, g, v, err, tc.wantGroup, tc.wantVer, tc.wantErr)
			}
		})
	}
}

func TestGroupVersionKindString(t *testing.T) {
	gvk := GroupVersionKind{Group: "apps", Version: "v1", Kind: "Deployment"}
	if got := gvk.String(); got != "apps/v1, Kind=Deployment" {
		t.Errorf("String() = %q", got)
	}
	if got := (GroupVersionKind{Version: "v1", Kind: "Pod"}).APIVersion(); got != "v1" {
		t.Errorf("APIVersion() of the core group = %q, want v1", got)
	}
}

func TestSchemaDecoding(t *testing.T) {
	tests := []struct {
		name string
		json string
		want Schema
	}{
		{name: "type as a string", json: `{"type": "integer", "format": "int32"}`, want: Schema{Type: "integer", Format: "int32"}},
		{name: "type as a list with null", json: `{"type": ["null", "string"]}`, want: Schema{Type: "string"}},
		{name: "additionalProperties true", json: `{"additionalProperties": true}`, want: Schema{AdditionalProperties: &SchemaOrBool{Allowed: true}}},
		{name: "additionalProperties false", json: `{"additionalProperties": false}`, want: Schema{AdditionalProperties: &SchemaOrBool{}}},
		{name: "additionalProperties schema", json: `{"additionalProperties": {"type": "string"}}`, want: Schema{AdditionalProperties: &SchemaOrBool{Allowed: true, Schema: &Schema{Type: "string"}}}},
		{name: "kubernetes extensions", json: `{"x-kubernetes-int-or-string": true, "x-kubernetes-preserve-unknown-fields": true, "x-kubernetes-group-version-kind": [{"group": "", "version": "v1", "kind": "Pod"}]}`,
			want: Schema{IntOrString: true, PreserveUnknownFields: true, GroupVersionKinds: []GroupVersionKind{{Version: "v1", Kind: "Pod"}}}},
		{name: "descriptions and defaults ignored", json: `{"description": "prose", "default": {}, "allOf": [{"$ref": "#/components/schemas/x"}]}`,
			want: Schema{AllOf: []*Schema{{Ref: "#/components/schemas/x"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got Schema
			if err := json.Unmarshal([]byte(tc.json), &got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("decoded schema (-want +got):\n%s", diff)
			}
		})
	}
}
