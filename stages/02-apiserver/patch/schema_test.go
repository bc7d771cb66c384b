package patch

import (
	"encoding/json"
	"path"
	"reflect"
	"strings"
	"testing"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	kubectlschema "github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/schema"
)

// The schema is read from the struct tags: the merge keys strategic merge
// patch and server-side apply use come from shared/api, nothing listed
// here by hand.
func TestLookupFor(t *testing.T) {
	d := LookupFor(&appsv1.Deployment{})
	podSpec, _ := d.Field("spec")
	podSpec, _ = podSpec.Field("template")
	podSpec, _ = podSpec.Field("spec")
	containers, _ := podSpec.Field("containers")
	container := containers.Elem()
	volumes, _ := podSpec.Field("volumes")
	meta, _ := d.Field("metadata")
	spec, _ := d.Field("spec")
	for _, tc := range []struct {
		name       string
		schema     *Schema
		field      string
		wantMeta   PatchMeta
		wantKind   kind
		wantNilSch bool
	}{
		{"containers merge by name", podSpec, "containers", PatchMeta{Strategies: []string{"merge"}, MergeKey: "name"}, kindList, false},
		{"volumes merge by name and retain keys", podSpec, "volumes", PatchMeta{Strategies: []string{"merge", "retainKeys"}, MergeKey: "name"}, kindList, false},
		{"tolerations have no strategy", podSpec, "tolerations", PatchMeta{}, kindList, false},
		{"ports merge by containerPort", container, "ports", PatchMeta{Strategies: []string{"merge"}, MergeKey: "containerPort"}, kindList, false},
		{"env merges by name", container, "env", PatchMeta{Strategies: []string{"merge"}, MergeKey: "name"}, kindList, false},
		{"volumeMounts merge by mountPath", container, "volumeMounts", PatchMeta{Strategies: []string{"merge"}, MergeKey: "mountPath"}, kindList, false},
		{"the strategy retains keys", spec, "strategy", PatchMeta{Strategies: []string{"retainKeys"}}, kindStruct, false},
		{"finalizers merge as a set", meta, "finalizers", PatchMeta{Strategies: []string{"merge"}}, kindList, false},
		{"labels are a map", meta, "labels", PatchMeta{}, kindMap, false},
		{"a Time is a scalar", meta, "creationTimestamp", PatchMeta{}, kindScalar, false},
		{"TypeMeta is inlined", d, "kind", PatchMeta{}, kindScalar, false},
		{"VolumeSource is inlined", volumes.Elem(), "configMap", PatchMeta{}, kindStruct, false},
		{"an unknown field", d, "nope", PatchMeta{}, 0, true},
		{"an unknown kind", nil, "spec", PatchMeta{}, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, m := tc.schema.Field(tc.field)
			if !reflect.DeepEqual(m, tc.wantMeta) {
				t.Errorf("meta = %+v, want %+v", m, tc.wantMeta)
			}
			if tc.wantNilSch {
				if s != nil {
					t.Errorf("schema = %+v, want nil", s)
				}
				return
			}
			if s == nil || s.kind != tc.wantKind {
				t.Errorf("schema = %+v, want kind %d", s, tc.wantKind)
			}
		})
	}
	if LookupFor(nil) != nil {
		t.Error("LookupFor(nil) is not nil")
	}
	if LookupFor(appsv1.Deployment{}) != d {
		t.Error("LookupFor of a value and of a pointer differ")
	}
}

// The patch tags of shared/api are upstream's: for every field of every
// served kind that upstream's v1.37 OpenAPI documents also describe, the
// x-kubernetes-patch-strategy and x-kubernetes-patch-merge-key there equal
// our patchStrategy and patchMergeKey tags.
func TestPatchTagsMatchUpstream(t *testing.T) {
	upstream := map[string]map[string]any{}
	for _, gv := range kubectlschema.BuiltinGroupVersions() {
		data, err := kubectlschema.Builtin(gv)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Components struct {
				Schemas map[string]map[string]any `json:"schemas"`
			} `json:"components"`
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		for name, s := range doc.Components.Schemas {
			upstream[name] = s
		}
	}
	seen := map[*Schema]bool{}
	tagged := 0 // fields upstream gives a strategy, compared with ours
	var walk func(s *Schema)
	walk = func(s *Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		walk(s.elem)
		if s.kind != kindStruct {
			return
		}
		props, _ := upstream[definitionName(s.typ)]["properties"].(map[string]any)
		for name, f := range s.fields {
			walk(f.schema)
			p, ok := props[name].(map[string]any)
			if !ok {
				continue // a field or type upstream's documents do not have
			}
			wantStrategy, _ := p["x-kubernetes-patch-strategy"].(string)
			wantKey, _ := p["x-kubernetes-patch-merge-key"].(string)
			if wantStrategy != "" {
				tagged++
			}
			if got := strings.Join(f.meta.Strategies, ","); got != wantStrategy || f.meta.MergeKey != wantKey {
				t.Errorf("%s.%s: patchStrategy %q patchMergeKey %q, upstream %q %q", s.typ, name, got, f.meta.MergeKey, wantStrategy, wantKey)
			}
		}
	}
	for _, r := range scheme.All() {
		walk(LookupFor(r.New()))
	}
	if len(seen) < 50 || tagged < 20 {
		t.Errorf("walked %d types and %d fields with a strategy; the walk misses the types", len(seen), tagged)
	}
}

// definitionName is upstream's OpenAPI name of a shared/api type:
// io.k8s.api.apps.v1.Deployment, io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta.
func definitionName(t reflect.Type) string {
	version := path.Base(t.PkgPath())
	group := path.Base(path.Dir(t.PkgPath()))
	if group == "meta" {
		return "io.k8s.apimachinery.pkg.apis.meta." + version + "." + t.Name()
	}
	return "io.k8s.api." + group + "." + version + "." + t.Name()
}
