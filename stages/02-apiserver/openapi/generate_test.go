package openapi

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	autoscalingv1 "github.com/kubeworkbook/kubeworkbook/shared/api/autoscaling/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

// Talk 000, "API discovery → OpenAPI schema": how a schema is derived from
// a Go type's fields and JSON tags. The types below exist only to show one
// rule each.

type scalars struct {
	Flag    bool              `json:"flag"`
	Small   int32             `json:"small"`
	Big     int64             `json:"big"`
	Plain   int               `json:"plain"`
	Ratio   float64           `json:"ratio"`
	Name    metav1.UID        `json:"name"` // a named string is a string
	Raw     []byte            `json:"raw"`
	Labels  map[string]string `json:"labels"`
	Tags    []string          `json:"tags"`
	Pointer *int32            `json:"pointer,omitempty"`
	Any     any               `json:"any,omitempty"`
	Skipped string            `json:"-"`
	hidden  string
	NoTag   string
}

type inner struct {
	Shared string `json:"shared,omitempty"`
	Deep   string `json:"deep"`
}

type outer struct {
	inner  `json:",inline"`
	Shared int32 `json:"shared"` // shadows inner's shared
	Named  inner `json:"named,omitempty"`
}

type merged struct {
	Items []inner `json:"items,omitempty" patchStrategy:"merge" patchMergeKey:"deep"`
	One   inner   `json:"one,omitempty" patchStrategy:"retainKeys"`
}

type ownJSON struct{ v string }

func (o ownJSON) MarshalJSON() ([]byte, error) { return json.Marshal(o.v) }

type holdsOwnJSON struct {
	Value ownJSON `json:"value"`
}

// definition generates t in dialect d and returns its definition.
func definition(t *testing.T, d dialect, typ reflect.Type) (*generator, *schema) {
	t.Helper()
	g := newGenerator(d, nil)
	return g, g.definitions[g.define(typ)]
}

func TestDefinitionName(t *testing.T) {
	tests := []struct {
		name string
		typ  reflect.Type
		want string
	}{
		{"core kind", reflect.TypeFor[corev1.Pod](), "io.k8s.api.core.v1.Pod"},
		{"apps kind", reflect.TypeFor[appsv1.Deployment](), "io.k8s.api.apps.v1.Deployment"},
		{"rbac kind", reflect.TypeFor[rbacv1.ClusterRole](), "io.k8s.api.rbac.v1.ClusterRole"},
		{"autoscaling kind", reflect.TypeFor[autoscalingv1.Scale](), "io.k8s.api.autoscaling.v1.Scale"},
		{"meta type", reflect.TypeFor[metav1.ObjectMeta](), "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
		{"time", reflect.TypeFor[metav1.Time](), "io.k8s.apimachinery.pkg.apis.meta.v1.Time"},
		{"quantity", reflect.TypeFor[resource.Quantity](), "io.k8s.apimachinery.pkg.api.resource.Quantity"},
		{"int or string", reflect.TypeFor[intstr.IntOrString](), "io.k8s.apimachinery.pkg.util.intstr.IntOrString"},
		{"raw extension lives in runtime upstream", reflect.TypeFor[metav1.RawExtension](), "io.k8s.apimachinery.pkg.runtime.RawExtension"},
		{"raw message is a raw extension", reflect.TypeFor[json.RawMessage](), "io.k8s.apimachinery.pkg.runtime.RawExtension"},
		{"patch body", reflect.TypeFor[patchBody](), "io.k8s.apimachinery.pkg.apis.meta.v1.Patch"},
		{"a type of no table", reflect.TypeFor[inner](), "com.github.kubeworkbook.kubeworkbook.stages.02-apiserver.openapi.inner"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := definitionName(tc.typ); got != tc.want {
				t.Errorf("definitionName(%s) = %q, want %q", tc.typ, got, tc.want)
			}
		})
	}
}

func TestScalarsAndContainers(t *testing.T) {
	_, s := definition(t, openAPI3, reflect.TypeFor[scalars]())
	want := &schema{Type: "object",
		Properties: map[string]*schema{
			"flag":    {Type: "boolean"},
			"small":   {Type: "integer", Format: "int32"},
			"big":     {Type: "integer", Format: "int64"},
			"plain":   {Type: "integer", Format: "int64"},
			"ratio":   {Type: "number", Format: "double"},
			"name":    {Type: "string"},
			"raw":     {Type: "string", Format: "byte"},
			"labels":  {Type: "object", AdditionalProperties: &schema{Type: "string"}},
			"tags":    {Type: "array", Items: &schema{Type: "string"}},
			"pointer": {Type: "integer", Format: "int32"},
			"any":     {},
			"NoTag":   {Type: "string"},
		},
		Required: []string{"flag", "small", "big", "plain", "ratio", "name", "raw", "labels", "tags", "NoTag"},
	}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("schema (-want +got):\n%s", diff)
	}
}

func TestInlineEmbeddingIsFlattened(t *testing.T) {
	g, s := definition(t, openAPI3, reflect.TypeFor[outer]())
	innerRef := "#/components/schemas/" + definitionName(reflect.TypeFor[inner]())
	want := &schema{Type: "object",
		Properties: map[string]*schema{
			"shared": {Type: "integer", Format: "int32"}, // outer's own field wins
			"deep":   {Type: "string"},
			"named":  {Ref: innerRef}, // embedded under a name: a property of its own
		},
		Required: []string{"deep", "shared"},
	}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("schema (-want +got):\n%s", diff)
	}
	if _, ok := g.definitions[definitionName(reflect.TypeFor[inner]())]; !ok {
		t.Errorf("inner, referred to by named, has no definition")
	}

	// Upstream facts: a Pod has TypeMeta's fields; a Probe has its inline
	// ProbeHandler's, and no ProbeHandler definition is needed.
	g, pod := definition(t, openAPI3, reflect.TypeFor[corev1.Pod]())
	for _, p := range []string{"apiVersion", "kind", "metadata", "spec", "status"} {
		if pod.Properties[p] == nil {
			t.Errorf("Pod has no property %q", p)
		}
	}
	probe := g.definitions["io.k8s.api.core.v1.Probe"]
	for _, p := range []string{"exec", "httpGet", "tcpSocket", "grpc", "periodSeconds"} {
		if probe.Properties[p] == nil {
			t.Errorf("Probe has no property %q", p)
		}
	}
	if _, ok := g.definitions["io.k8s.api.core.v1.ProbeHandler"]; ok {
		t.Errorf("ProbeHandler has a definition; it is only ever inlined")
	}
}

// Talk 000, "Client side validation": what a manifest must contain.
func TestRequiredFields(t *testing.T) {
	tests := []struct {
		name string
		typ  reflect.Type
		want []string
	}{
		{"container requires a name", reflect.TypeFor[corev1.Container](), []string{"name"}},
		{"deployment spec requires selector (a pointer) and template", reflect.TypeFor[appsv1.DeploymentSpec](), []string{"selector", "template"}},
		{"object meta requires nothing", reflect.TypeFor[metav1.ObjectMeta](), nil},
		{"a list requires its items", reflect.TypeFor[corev1.PodList](), []string{"items"}},
		{"watch event", reflect.TypeFor[metav1.WatchEvent](), []string{"type", "object"}},
		{"grpc probe: a nil *string is unset", reflect.TypeFor[corev1.GRPCAction](), []string{"port"}},
		{"owner reference", reflect.TypeFor[metav1.OwnerReference](), []string{"apiVersion", "kind", "name", "uid"}},
		{"a +required marker", reflect.TypeFor[appsv1.Deployment](), []string{"spec"}},
		{"a +optional marker", reflect.TypeFor[rbacv1.ClusterRole](), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, s := definition(t, openAPI3, tc.typ)
			if diff := cmp.Diff(tc.want, s.Required); diff != "" {
				t.Errorf("required (-want +got):\n%s", diff)
			}
		})
	}
}

// The types with their own JSON form are described as upstream describes
// them, differently in each dialect where OpenAPI v2 cannot say "one of".
func TestSpecialTypes(t *testing.T) {
	tests := []struct {
		name    string
		typ     reflect.Type
		dialect dialect
		want    *schema
	}{
		{"time", reflect.TypeFor[metav1.Time](), openAPI3, &schema{Type: "string", Format: "date-time"}},
		{"micro time", reflect.TypeFor[metav1.MicroTime](), swagger2, &schema{Type: "string", Format: "date-time"}},
		{"quantity v3", reflect.TypeFor[resource.Quantity](), openAPI3, &schema{OneOf: []*schema{{Type: "string"}, {Type: "number"}}}},
		{"quantity v2", reflect.TypeFor[resource.Quantity](), swagger2, &schema{Type: "string"}},
		{"int or string v3", reflect.TypeFor[intstr.IntOrString](), openAPI3, &schema{Format: "int-or-string", OneOf: []*schema{{Type: "integer"}, {Type: "string"}}}},
		{"int or string v2", reflect.TypeFor[intstr.IntOrString](), swagger2, &schema{Type: "string", Format: "int-or-string"}},
		{"raw extension", reflect.TypeFor[metav1.RawExtension](), openAPI3, &schema{Type: "object"}},
		{"fields v1", reflect.TypeFor[metav1.FieldsV1](), swagger2, &schema{Type: "object"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, s := definition(t, tc.dialect, tc.typ)
			if s.Description == "" {
				t.Errorf("no description")
			}
			shape := *s
			shape.Description = "" // ours; TestSpecialTypesAreDescribed
			if diff := cmp.Diff(tc.want, &shape); diff != "" {
				t.Errorf("schema (-want +got):\n%s", diff)
			}
		})
	}

	// A WatchEvent's json.RawMessage object refers to RawExtension, and
	// its type (a string) is required: upstream's shape.
	_, ev := definition(t, swagger2, reflect.TypeFor[metav1.WatchEvent]())
	if got := ev.Properties["object"].Ref; got != "#/definitions/io.k8s.apimachinery.pkg.runtime.RawExtension" {
		t.Errorf("WatchEvent.object refers to %q", got)
	}
}

func TestPatchTagsBecomeExtensions(t *testing.T) {
	ref := definitionName(reflect.TypeFor[inner]())
	tests := []struct {
		name    string
		dialect dialect
		want    map[string]*schema
	}{
		{"v3 wraps a ref with siblings in allOf", openAPI3, map[string]*schema{
			"items": {Type: "array", Items: &schema{Ref: "#/components/schemas/" + ref}, PatchMergeKey: "deep", PatchStrategy: "merge"},
			"one":   {AllOf: []*schema{{Ref: "#/components/schemas/" + ref}}, PatchStrategy: "retainKeys"},
		}},
		{"v2 keeps them beside the ref", swagger2, map[string]*schema{
			"items": {Type: "array", Items: &schema{Ref: "#/definitions/" + ref}, PatchMergeKey: "deep", PatchStrategy: "merge"},
			"one":   {Ref: "#/definitions/" + ref, PatchStrategy: "retainKeys"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, s := definition(t, tc.dialect, reflect.TypeFor[merged]())
			if diff := cmp.Diff(tc.want, s.Properties); diff != "" {
				t.Errorf("properties (-want +got):\n%s", diff)
			}
		})
	}
}

// A type that writes its own JSON cannot be described from its fields; the
// generator refuses it rather than publish a wrong schema.
func TestOwnJSONWithoutSchemaPanics(t *testing.T) {
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "has its own JSON encoding; describe it in specialSchemas") {
			t.Errorf("recovered %v, want the specialSchemas panic", r)
		}
	}()
	definition(t, openAPI3, reflect.TypeFor[holdsOwnJSON]())
}

func TestKindsAreMarked(t *testing.T) {
	pod := reflect.TypeFor[corev1.Pod]()
	g := newGenerator(openAPI3, map[reflect.Type][]gvkExtension{pod: {{Group: "", Version: "v1", Kind: "Pod"}}})
	s := g.definitions[g.define(pod)]
	if diff := cmp.Diff([]gvkExtension{{Group: "", Version: "v1", Kind: "Pod"}}, s.GroupVersionKinds); diff != "" {
		t.Errorf("Pod's kinds (-want +got):\n%s", diff)
	}
	if spec := g.definitions["io.k8s.api.core.v1.PodSpec"]; len(spec.GroupVersionKinds) != 0 {
		t.Errorf("PodSpec is marked as a kind: %v", spec.GroupVersionKinds)
	}
}
