// Resources: what the server serves - shared/scheme's table, plus the
// custom resources a test installs.
//
// Interface:
//   - Resource: a custom resource at one version, as a test describes it.
//   - (*Server).AddResource(r): serve one more, as installing a
//     CustomResourceDefinition does.
//   - apiResources: lookup by path segment or by kind, and the group
//     versions in discovery order (the scheme's first, custom ones after,
//     as upstream ranks CRD groups last).
//
// The built-in resources are shared/scheme's entries themselves; nothing
// here lists them again. A custom resource is turned into a scheme.Resource
// whose objects are read as PartialObjectMetadata, so tables, routes and
// the store treat both alike.
package testserver

import (
	"slices"
	"sync"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// Resource describes a custom resource at one version.
type Resource struct {
	// Group must not be one shared/scheme serves ("example.com").
	Group   string
	Version string
	// Resource is the plural ("widgets"); Singular the lower-case singular.
	Resource   string
	Singular   string
	Kind       string
	Namespaced bool
	// Verbs: get, list, watch, create, update, patch, delete,
	// deletecollection.
	Verbs      []string
	ShortNames []string
	Categories []string
	// Subresources may hold "status" and "scale".
	Subresources []string
}

// apiResources is the set of served resources.
type apiResources struct {
	mu      sync.RWMutex
	custom  []*scheme.Resource // in the order added
	openapi map[string][]byte  // group version → replacement OpenAPI document
}

func newAPIResources() *apiResources { return &apiResources{} }

// AddResource makes the server serve r from now on, in discovery and on
// its REST paths, the way installing a CustomResourceDefinition does. The
// first version added for a group is its preferred one. A resource already
// served at the same group, version and plural is replaced.
func (s *Server) AddResource(r Resource) {
	res := customResource(r)
	s.api.mu.Lock()
	defer s.api.mu.Unlock()
	for i, old := range s.api.custom {
		if old.GroupVersionResource() == res.GroupVersionResource() {
			s.api.custom[i] = res
			return
		}
	}
	s.api.custom = append(s.api.custom, res)
}

// customResource describes r the way the scheme describes its entries.
// Without printer columns of its own, a custom resource prints NAME and
// AGE, as the API server prints custom resources.
func customResource(r Resource) *scheme.Resource {
	res := &scheme.Resource{
		Group: r.Group, Version: r.Version, Kind: r.Kind, ListKind: r.Kind + "List",
		Resource: r.Resource, Singular: r.Singular, ShortNames: r.ShortNames, Namespaced: r.Namespaced,
		Verbs: slices.Sorted(slices.Values(r.Verbs)), Categories: r.Categories,
		New: func() metav1.Object { return &metav1.PartialObjectMetadata{} },
		Columns: []scheme.Column{scheme.NameColumn(), {Name: "Age", Type: "date",
			Description: "Time since the object was created.",
			Cell: func(obj metav1.Object, _ time.Time) any {
				return obj.GetObjectMeta().CreationTimestamp.UTC().Format(time.RFC3339)
			}}},
	}
	for _, sub := range r.Subresources {
		switch sub {
		case "scale":
			res.Subresources = append(res.Subresources, scheme.Subresource{Name: "scale", Group: "autoscaling",
				Version: "v1", Kind: "Scale", Verbs: scheme.VerbsStatus})
		default:
			res.Subresources = append(res.Subresources, scheme.Subresource{Name: sub, Kind: r.Kind, Verbs: scheme.VerbsStatus})
		}
	}
	return res
}

// all returns the scheme's resources followed by the custom ones.
func (a *apiResources) all() []*scheme.Resource {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return append(scheme.All(), a.custom...)
}

// customs returns a copy of the custom resources.
func (a *apiResources) customs() []*scheme.Resource {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return slices.Clone(a.custom)
}

// lookup finds the resource served at /{group}/{version}/{plural}.
func (a *apiResources) lookup(group, version, plural string) (*scheme.Resource, bool) {
	want := metav1.GroupVersionResource{Group: group, Version: version, Resource: plural}
	for _, r := range a.all() {
		if r.GroupVersionResource() == want {
			return r, true
		}
	}
	return nil, false
}

// byKind finds the resource of an apiVersion ("apps/v1") and kind.
func (a *apiResources) byKind(apiVersion, kind string) (*scheme.Resource, bool) {
	for _, r := range a.all() {
		if r.GroupVersion().String() == apiVersion && r.Kind == kind {
			return r, true
		}
	}
	return nil, false
}

// groupVersions returns every served group version in discovery order.
func (a *apiResources) groupVersions() []metav1.GroupVersion {
	var out []metav1.GroupVersion
	for _, r := range a.all() {
		if gv := r.GroupVersion(); !slices.Contains(out, gv) {
			out = append(out, gv)
		}
	}
	return out
}

// inGroupVersion returns the resources of one group version.
func (a *apiResources) inGroupVersion(gv metav1.GroupVersion) []*scheme.Resource {
	var out []*scheme.Resource
	for _, r := range a.all() {
		if r.GroupVersion() == gv {
			out = append(out, r)
		}
	}
	return out
}
