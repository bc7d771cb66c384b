// Package metav1 is a miniature of shared/api/meta/v1 for docgen's tests:
// parsed, never compiled.
package metav1

// TypeMeta is the header of every document.
//
// Embed it inline.
type TypeMeta struct {
	// Kind names the schema.
	Kind string `json:"kind,omitempty"`
	// APIVersion is the group and version.
	APIVersion string `json:"apiVersion,omitempty"`
}

// ObjectMeta is an object's metadata.
type ObjectMeta struct {
	// Name is the object's name.
	Name string `json:"name,omitempty"`
}
