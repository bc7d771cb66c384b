package openapi

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	kubectlschema "github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/schema"
)

// These tests hold our generated definitions against upstream's: the
// Kubernetes v1.37.2 documents built into the stage-1 kubectl
// (stages/01-kubectl/schema/builtin, generated from upstream's own
// definitions). Our Go types have fewer fields than upstream's, so the
// check is one-way: every property we describe must be described alike
// upstream, and must be required exactly when upstream requires it.

// upstreamSchemas returns every upstream definition of the built-in
// documents, by name.
func upstreamSchemas(t *testing.T) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, gv := range kubectlschema.BuiltinGroupVersions() {
		data, err := kubectlschema.Builtin(gv)
		if err != nil {
			t.Fatal(err)
		}
		schemas := decodeJSON(t, data)["components"].(map[string]any)["schemas"].(map[string]any)
		for name, s := range schemas {
			out[name] = s.(map[string]any)
		}
	}
	return out
}

// ourSchemas returns every definition of our v3 documents, by name.
func ourSchemas(t *testing.T) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, p := range served().groupVersionPaths() {
		for name, s := range v3Schemas(t, p) {
			out[name] = s.(map[string]any)
		}
	}
	return out
}

// shape summarizes a schema for comparison: "ref:<name>", "string/date-time",
// "array[<shape>]", "map[<shape>]". A one-element allOf (upstream's way to
// put a default beside a $ref) counts as the $ref it wraps.
func shape(v any) string {
	s, _ := v.(map[string]any)
	if all, ok := s["allOf"].([]any); ok && len(all) == 1 {
		s = all[0].(map[string]any)
	}
	if ref, ok := s["$ref"].(string); ok {
		return "ref:" + ref[strings.LastIndex(ref, "/")+1:]
	}
	switch typ, _ := s["type"].(string); {
	case typ == "array":
		return "array[" + shape(s["items"]) + "]"
	case typ == "object" && s["additionalProperties"] != nil:
		return "map[" + shape(s["additionalProperties"]) + "]"
	default:
		format, _ := s["format"].(string)
		return typ + "/" + format
	}
}

// stringSet returns the strings of a JSON list, sorted.
func stringSet(v any) []string {
	var out []string
	for _, x := range asList(v) {
		out = append(out, fmt.Sprint(x))
	}
	slices.Sort(out)
	return out
}

func asList(v any) []any { l, _ := v.([]any); return l }

// Talk 000, "API discovery → OpenAPI schema": the schema a client checks
// manifests with describes each field as upstream's does.
func TestPropertiesMatchUpstream(t *testing.T) {
	upstream := upstreamSchemas(t)
	for name, ours := range ourSchemas(t) {
		up, ok := upstream[name]
		if !ok {
			continue // meta/v1 Patch: upstream's sits beside its paths, which the copy leaves out
		}
		t.Run(name, func(t *testing.T) {
			props, _ := ours["properties"].(map[string]any)
			upProps, _ := up["properties"].(map[string]any)
			for _, p := range slices.Sorted(maps.Keys(props)) {
				if _, ok := upProps[p]; !ok {
					t.Errorf("property %q is not upstream's", p)
					continue
				}
				if got, want := shape(props[p]), shape(upProps[p]); got != want {
					t.Errorf("property %q: got %s, upstream has %s", p, got, want)
				}
			}
			if props == nil && upProps == nil {
				// A special type: the whole schema must be upstream's, but
				// for the description, which is ours (descriptions.go).
				ours := maps.Clone(ours)
				delete(ours, "description")
				if diff := cmp.Diff(up, ours); diff != "" {
					t.Errorf("schema (-upstream +ours):\n%s", diff)
				}
			}
		})
	}
}

// Required sets, the rule of generate.go:isRequired with markers.go's
// exceptions, agree with upstream's for every property we have.
func TestRequiredMatchesUpstream(t *testing.T) {
	upstream := upstreamSchemas(t)
	for name, ours := range ourSchemas(t) {
		up, ok := upstream[name]
		if !ok {
			continue
		}
		props, _ := ours["properties"].(map[string]any)
		var want []string
		for _, r := range stringSet(up["required"]) {
			if _, ok := props[r]; ok {
				want = append(want, r)
			}
		}
		if got := stringSet(ours["required"]); !slices.Equal(got, want) {
			t.Errorf("%s: required %q, upstream %q", name, got, want)
		}
	}
}

// Kinds carry x-kubernetes-group-version-kind entries that upstream also
// has. The built-in copy covers every group-version served here, so each
// of ours must be among upstream's.
func TestGroupVersionKindsMatchUpstream(t *testing.T) {
	upstream := upstreamSchemas(t)
	for name, ours := range ourSchemas(t) {
		up, ok := upstream[name]
		if !ok || (ours["x-kubernetes-group-version-kind"] == nil && up["x-kubernetes-group-version-kind"] == nil) {
			continue
		}
		gvks := asList(up["x-kubernetes-group-version-kind"])
		if len(asList(ours["x-kubernetes-group-version-kind"])) == 0 {
			t.Errorf("%s: no x-kubernetes-group-version-kind, upstream has %v", name, gvks)
		}
		for _, gvk := range asList(ours["x-kubernetes-group-version-kind"]) {
			if !slices.ContainsFunc(gvks, func(u any) bool { return reflect.DeepEqual(u, gvk) }) {
				t.Errorf("%s: kind %v is not among upstream's %v", name, gvk, gvks)
			}
		}
	}
}

// Every entry of requiredMarkers names a JSON field of its type and says
// something the JSON tag alone does not: an entry that became redundant,
// or whose field was renamed, fails here rather than rotting.
func TestRequiredMarkersAreNeeded(t *testing.T) {
	for typ, fields := range requiredMarkers {
		byName := map[string]reflect.StructField{}
		for i := range typ.NumField() {
			f := typ.Field(i)
			if name, _, skip := parseTag(f); !skip && name != "" {
				byName[name] = f
			}
		}
		for field, required := range fields {
			f, ok := byName[field]
			if !ok {
				t.Errorf("%s has no JSON field %q", typ, field)
				continue
			}
			_, opts, _ := parseTag(f)
			if isRequired(f.Type, opts) == required {
				t.Errorf("%s.%s: marker says required=%v, which its tag already says; remove it", typ, field, required)
			}
		}
	}
}
