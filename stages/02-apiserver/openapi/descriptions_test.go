package openapi

import (
	"bytes"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/openapi/internal/docgen"
)

// The committed table is what go generate would write today: a comment
// edited in shared/api without regenerating fails here, and the message
// says how to fix it.
func TestDescriptionsUpToDate(t *testing.T) {
	want, err := docgen.Generate("../../../shared/api", docgen.APIImportPath, "openapi")
	if err != nil {
		t.Fatal(err)
	}
	got := []byte(readFile(t, "descriptions_generated.go"))
	if !bytes.Equal(got, want) {
		t.Errorf("descriptions_generated.go is stale: the doc comments in shared/api changed; " +
			"run `go generate ./stages/02-apiserver/openapi/` and commit the result")
	}
}

// propertyOf returns the property at path (e.g. "spec", "replicas")
// below the definition called name in schemas, following $ref and
// one-element allOf, and the definition of the type the property refers
// to, if any.
func propertyOf(t *testing.T, schemas map[string]any, name string, path ...string) (prop, target map[string]any) {
	t.Helper()
	def, _ := schemas[name].(map[string]any)
	if def == nil {
		t.Fatalf("no definition %s", name)
	}
	for _, p := range path {
		props, _ := def["properties"].(map[string]any)
		prop, _ = props[p].(map[string]any)
		if prop == nil {
			t.Fatalf("%s has no property %q", name, p)
		}
		def = refTarget(schemas, prop)
	}
	return prop, def
}

// refTarget returns the definition s refers to, directly, through a
// one-element allOf or through the items of an array; nil for none.
func refTarget(schemas map[string]any, s map[string]any) map[string]any {
	if items, ok := s["items"].(map[string]any); ok {
		s = items
	}
	if all, ok := s["allOf"].([]any); ok && len(all) == 1 {
		s, _ = all[0].(map[string]any)
	}
	ref, _ := s["$ref"].(string)
	if ref == "" {
		return nil
	}
	target, _ := schemas[ref[strings.LastIndex(ref, "/")+1:]].(map[string]any)
	return target
}

// Talk 000, "API discovery → OpenAPI schema": kubectl explain prints the
// description of the kind, of the field asked for, and of the type the
// field holds. The fields a first manifest is written with all have one.
func TestExplainFieldsDescribed(t *testing.T) {
	apps := v3Schemas(t, "apis/apps/v1")
	core := v3Schemas(t, "api/v1")
	tests := []struct {
		name    string
		schemas map[string]any
		def     string
		path    []string
	}{
		{"deployment", apps, "io.k8s.api.apps.v1.Deployment", nil},
		{"deployment.spec", apps, "io.k8s.api.apps.v1.Deployment", []string{"spec"}},
		{"deployment.spec.replicas", apps, "io.k8s.api.apps.v1.DeploymentSpec", []string{"replicas"}},
		{"deployment.spec.selector", apps, "io.k8s.api.apps.v1.DeploymentSpec", []string{"selector"}},
		{"deployment.spec.template", apps, "io.k8s.api.apps.v1.DeploymentSpec", []string{"template"}},
		{"deployment.spec.strategy", apps, "io.k8s.api.apps.v1.DeploymentSpec", []string{"strategy"}},
		{"deployment.metadata.name", apps, "io.k8s.api.apps.v1.Deployment", []string{"metadata", "name"}},
		{"deployment.kind (promoted from TypeMeta)", apps, "io.k8s.api.apps.v1.Deployment", []string{"kind"}},
		{"pod.spec.containers", core, "io.k8s.api.core.v1.PodSpec", []string{"containers"}},
		{"pod.spec.containers.image", core, "io.k8s.api.core.v1.Container", []string{"image"}},
		{"service.spec.type", core, "io.k8s.api.core.v1.ServiceSpec", []string{"type"}},
		{"configmap.data", core, "io.k8s.api.core.v1.ConfigMap", []string{"data"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.path) == 0 {
				def, _ := tc.schemas[tc.def].(map[string]any)
				if desc, _ := def["description"].(string); desc == "" {
					t.Errorf("%s has no description", tc.def)
				}
				return
			}
			prop, target := propertyOf(t, tc.schemas, tc.def, tc.path...)
			if desc, _ := prop["description"].(string); desc == "" {
				t.Errorf("%s.%s has no description", tc.def, strings.Join(tc.path, "."))
			}
			if target != nil {
				if desc, _ := target["description"].(string); desc == "" {
					t.Errorf("the type of %s.%s has no description", tc.def, strings.Join(tc.path, "."))
				}
			}
		})
	}
}

// upstreamMarkers are phrases of upstream's generated descriptions, or of
// the comments they come from, that have no place in ours: seeing one
// means upstream text (or a marker comment) leaked in.
var upstreamMarkers = []string{
	"More info:", "git.k8s.io", "kubernetes.io/docs", "Standard object's metadata",
	"Possible enum values", "+optional", "+required", "+k8s:", "+listType", "+patch",
}

// Every description served, in both dialects, is our own text: no
// upstream boilerplate, no marker comments, and not a Go-only remark
// left on a single line.
func TestDescriptionsAreOurs(t *testing.T) {
	docs := map[string][]byte{"/openapi/v2": served().V2()}
	for _, p := range served().groupVersionPaths() {
		docs[p], _ = served().V3(p)
	}
	for _, name := range slices.Sorted(maps.Keys(docs)) {
		var walk func(path string, v any)
		walk = func(path string, v any) {
			switch v := v.(type) {
			case map[string]any:
				if desc, ok := v["description"].(string); ok {
					for _, m := range upstreamMarkers {
						if strings.Contains(desc, m) {
							t.Errorf("%s %s: description contains %q: %s", name, path, m, desc)
						}
					}
				}
				for k, e := range v {
					walk(path+"/"+k, e)
				}
			case []any:
				for _, e := range v {
					walk(path+"[]", e)
				}
			}
		}
		walk("", decodeJSON(t, docs[name]))
	}
}

// Talk 000, "API discovery → OpenAPI schema": a description beside a
// $ref is written the way each dialect allows, so explain finds both the
// field's text and its type's.
func TestDescriptionBesideRef(t *testing.T) {
	v3 := v3Schemas(t, "apis/apps/v1")
	selector, _ := propertyOf(t, v3, "io.k8s.api.apps.v1.DeploymentSpec", "selector")
	if selector["$ref"] != nil || len(asList(selector["allOf"])) != 1 || selector["description"] == nil {
		t.Errorf("v3 selector = %v, want allOf: [{$ref}] beside a description", selector)
	}

	v2 := decodeJSON(t, served().V2())["definitions"].(map[string]any)
	selector, _ = propertyOf(t, v2, "io.k8s.api.apps.v1.DeploymentSpec", "selector")
	if selector["$ref"] == nil || selector["allOf"] != nil || selector["description"] == nil {
		t.Errorf("v2 selector = %v, want $ref beside a description", selector)
	}
}

// Each type with its own JSON form has a description written for it in
// specialDescriptions, and nothing else is listed there.
func TestSpecialTypesAreDescribed(t *testing.T) {
	types := func(m map[reflect.Type]string) []string {
		var out []string
		for t := range m {
			out = append(out, t.String())
		}
		slices.Sort(out)
		return out
	}
	special := map[reflect.Type]string{}
	for typ := range specialSchemas {
		special[typ] = ""
	}
	if got, want := types(specialDescriptions), types(special); !slices.Equal(got, want) {
		t.Errorf("specialDescriptions describes %v, specialSchemas has %v", got, want)
	}
	for typ, desc := range specialDescriptions {
		if desc == "" {
			t.Errorf("%s: empty description", typ)
		}
	}
}
