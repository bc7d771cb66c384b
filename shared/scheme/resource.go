// Resource: one entry of the table, and its parts.
//
// Interface:
//   - Resource: names, scope, verbs, subresources, categories, Go type
//     (New, NewList) and printer columns of one resource.
//   - Subresource: "status", "scale", "log", ... with their kind and verbs.
//   - Column: one `kubectl get` column and the function computing its
//     cell.
//
// The entries themselves are in resources_core.go and resources_groups.go.

package scheme

import (
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Verb lists shared by many resources, spelled as discovery reports them
// (sorted).
var (
	// VerbsAll are the verbs of an ordinary stored resource.
	VerbsAll = []string{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"}
	// VerbsStatus are the verbs of a status (or scale) subresource.
	VerbsStatus = []string{"get", "patch", "update"}
	// VerbsCreate is the verb of bindings, evictions and token requests.
	VerbsCreate = []string{"create"}
)

// Resource describes one REST resource. Every field is fixed at
// registration; a Resource is never modified afterwards.
type Resource struct {
	// Group is "" for the core group; Version is "v1".
	Group, Version string
	// Kind is the type of one object ("Deployment"); ListKind the type of
	// a list of them ("DeploymentList").
	Kind, ListKind string
	// Resource is the lower-case plural in URLs ("deployments"); Singular
	// the lower-case singular ("deployment").
	Resource, Singular string
	// ShortNames are kubectl's abbreviations ("deploy"); unique across
	// the table.
	ShortNames []string
	// Namespaced is true when objects live in a namespace.
	Namespaced bool
	// Verbs are the operations on the resource itself, sorted.
	Verbs []string
	// Subresources are served below an object: /pods/NAME/status.
	Subresources []Subresource
	// Categories group resources for `kubectl get all`.
	Categories []string
	// New returns a new zero object of the Go type (*corev1.Pod), into
	// which request bodies and stored objects are decoded. Never nil.
	New func() metav1.Object
	// NewList returns a new empty list (*corev1.PodList); nil when the
	// resource cannot be listed (bindings are only created).
	NewList func() metav1.ListInterface
	// Columns are the `kubectl get` columns; empty means the default
	// NAME / CREATED AT pair (DefaultColumns).
	Columns []Column
}

// Subresource is one subresource of a Resource.
type Subresource struct {
	// Name is the path segment: "status", "scale", "log".
	Name string
	// Group and Version of Kind; empty means the parent's.
	Group, Version string
	// Kind is what the subresource accepts and returns: the parent's kind
	// for status, "Scale" (autoscaling/v1) for scale, "Binding" for
	// binding.
	Kind string
	// Verbs are the operations on the subresource, sorted.
	Verbs []string
}

// Column is one column of the table `kubectl get` prints.
type Column struct {
	// Name is the header as the server sends it ("Up-to-date"); kubectl
	// upper-cases it.
	Name string
	// Type is an OpenAPI type ("string", "integer", "date"); Format
	// refines it ("name" marks the object's name column).
	Type, Format string
	// Description says what the column shows.
	Description string
	// Priority 0 columns are always printed, priority 1 only with
	// -o wide.
	Priority int32
	// Cell computes the column's value for obj, which must be of the
	// resource's Go type; now is the time AGE-like cells count from.
	// It returns a string, an int64 or a bool.
	Cell func(obj metav1.Object, now time.Time) any
}

// GroupVersion returns the resource's group and version.
func (r *Resource) GroupVersion() metav1.GroupVersion {
	return metav1.GroupVersion{Group: r.Group, Version: r.Version}
}

// GroupVersionKind returns the kind of the resource's objects.
func (r *Resource) GroupVersionKind() metav1.GroupVersionKind {
	return r.GroupVersion().WithKind(r.Kind)
}

// GroupVersionResource returns the resource's name with its group and
// version.
func (r *Resource) GroupVersionResource() metav1.GroupVersionResource {
	return r.GroupVersion().WithResource(r.Resource)
}

// Subresource returns the named subresource, if the resource has it.
func (r *Resource) Subresource(name string) (Subresource, bool) {
	for _, s := range r.Subresources {
		if s.Name == name {
			return s, true
		}
	}
	return Subresource{}, false
}

// HasVerb reports whether the resource itself supports verb.
func (r *Resource) HasVerb(verb string) bool {
	for _, v := range r.Verbs {
		if v == verb {
			return true
		}
	}
	return false
}

// TableColumns returns the resource's columns, or DefaultColumns when it
// has none of its own.
func (r *Resource) TableColumns() []Column {
	if len(r.Columns) == 0 {
		return DefaultColumns()
	}
	return r.Columns
}

// GroupVersionKind returns the subresource's kind, filling an empty group
// and version from parent.
func (s Subresource) GroupVersionKind(parent *Resource) metav1.GroupVersionKind {
	gvk := metav1.GroupVersionKind{Group: s.Group, Version: s.Version, Kind: s.Kind}
	if gvk.Group == "" && gvk.Version == "" {
		gvk.Group, gvk.Version = parent.Group, parent.Version
	}
	return gvk
}
