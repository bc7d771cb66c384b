// Registry: the table itself and the ways to look an entry up.
//
// Interface:
//   - All() lists every resource: core first, then the named groups in
//     discovery order.
//   - ByResource(group, resource), ByKind(gvk), ByGroupKind(gk),
//     ByShortName(name), ByCategory(name) find entries.
//   - Groups() lists the group versions served, core first.
//   - FromUnstructured(obj) turns a decoded manifest into its Go type.
//
// The table is built once, at package initialization, and checked: a
// duplicate resource or kind, or a short name of two different plurals,
// is a programming error and panics before any test or server runs.

package scheme

import (
	"encoding/json"
	"fmt"
	"slices"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// registry indexes the table. It is read-only after init.
type registry struct {
	all        []*Resource
	byResource map[metav1.GroupResource]*Resource
	byKind     map[metav1.GroupVersionKind]*Resource
	byShort    map[string]*Resource
}

var table = build(append(coreResources(), groupResources()...))

// build indexes rs and checks that every resource, kind and short name is
// unique and that every entry can make its objects.
func build(rs []*Resource) *registry {
	reg := &registry{
		all:        rs,
		byResource: map[metav1.GroupResource]*Resource{},
		byKind:     map[metav1.GroupVersionKind]*Resource{},
		byShort:    map[string]*Resource{},
	}
	for _, r := range rs {
		gr := metav1.GroupResource{Group: r.Group, Resource: r.Resource}
		if _, dup := reg.byResource[gr]; dup {
			panic(fmt.Sprintf("scheme: resource %s registered twice", gr))
		}
		reg.byResource[gr] = r
		if _, dup := reg.byKind[r.GroupVersionKind()]; dup {
			panic(fmt.Sprintf("scheme: kind %s registered twice", r.GroupVersionKind()))
		}
		reg.byKind[r.GroupVersionKind()] = r
		for _, s := range r.ShortNames {
			other, dup := reg.byShort[s]
			switch {
			case !dup:
				reg.byShort[s] = r
			case other.Resource != r.Resource:
				panic(fmt.Sprintf("scheme: short name %q used by %s and %s", s, other.Resource, r.Resource))
			case r.Group == "":
				// One plural served by two groups (events, events.k8s.io)
				// shares its short name, and the core group's wins, as
				// kubectl's REST mapper prefers it.
				reg.byShort[s] = r
			}
		}
		if r.New == nil {
			panic(fmt.Sprintf("scheme: resource %s has no New", gr))
		}
	}
	return reg
}

// All returns every resource in a stable order: the core group's in
// alphabetical order, then each named group's (apps, events.k8s.io,
// authentication.k8s.io, authorization.k8s.io, batch,
// rbac.authorization.k8s.io, admissionregistration.k8s.io,
// coordination.k8s.io, discovery.k8s.io). The slice is a copy; the
// Resources are shared and must not be modified.
func All() []*Resource { return slices.Clone(table.all) }

// ByResource finds a resource by group and plural name ("apps",
// "deployments"). The core group is "".
func ByResource(group, resource string) (*Resource, bool) {
	r, ok := table.byResource[metav1.GroupResource{Group: group, Resource: resource}]
	return r, ok
}

// ByKind finds the resource whose objects have kind gvk.
func ByKind(gvk metav1.GroupVersionKind) (*Resource, bool) {
	r, ok := table.byKind[gvk]
	return r, ok
}

// ByGroupKind finds the resource of a kind whatever its version, for a
// manifest whose apiVersion names a version this project does not serve.
func ByGroupKind(gk metav1.GroupKind) (*Resource, bool) {
	for _, r := range table.all {
		if r.Group == gk.Group && r.Kind == gk.Kind {
			return r, true
		}
	}
	return nil, false
}

// ByShortName finds the resource that short name abbreviates ("po").
// A short name of a plural served by two groups ("ev") finds the core
// group's.
func ByShortName(name string) (*Resource, bool) {
	r, ok := table.byShort[name]
	return r, ok
}

// ByCategory returns the resources in a category, in All's order:
// `kubectl get all` asks for "all".
func ByCategory(category string) []*Resource {
	var out []*Resource
	for _, r := range table.all {
		if slices.Contains(r.Categories, category) {
			out = append(out, r)
		}
	}
	return out
}

// Groups returns the group versions served, each once: v1 (core) first,
// then the named groups in All's order.
func Groups() []metav1.GroupVersion {
	var out []metav1.GroupVersion
	for _, r := range table.all {
		if gv := r.GroupVersion(); !slices.Contains(out, gv) {
			out = append(out, gv)
		}
	}
	return out
}

// FromUnstructured converts a decoded object (from shared/codec) to its Go
// type, found by apiVersion and kind. It fails for an unknown kind and
// when a field has the wrong JSON type; unknown fields are dropped (use
// codec.DecodeStrict to report them).
func FromUnstructured(obj map[string]any) (metav1.Object, error) {
	apiVersion, _ := obj["apiVersion"].(string)
	kind, _ := obj["kind"].(string)
	gvk := metav1.FromAPIVersionAndKind(apiVersion, kind)
	r, ok := ByKind(gvk)
	if !ok {
		return nil, fmt.Errorf("convert object: no matches for kind %q in version %q", kind, apiVersion)
	}
	data, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("convert %s: %w", kind, err)
	}
	out := r.New()
	if err := json.Unmarshal(data, out); err != nil {
		return nil, fmt.Errorf("convert %s: %w", kind, err)
	}
	return out, nil
}
