// Labels and Sets: the key/value pairs an object carries.
//
// Interface:
//   - Labels is what a Selector reads: Has, Get, Lookup.
//   - Set (map[string]string) implements Labels, prints itself sorted
//     ("a=1,b=2") and becomes a Selector with AsSelector.
//   - FormatLabels prints a label map for humans ("<none>" when empty), as
//     kubectl's --show-labels column does.
//   - Merge, Equals, Conflicts combine and compare Sets.

package labels

import (
	"slices"
	"strings"
)

// Labels gives a Selector read access to an object's labels.
type Labels interface {
	// Has reports whether the label is present.
	Has(label string) bool
	// Get returns the label's value, "" when absent.
	Get(label string) string
	// Lookup returns the value and whether the label is present.
	Lookup(label string) (value string, exists bool)
}

// Set is a map of label keys to values; it implements Labels.
type Set map[string]string

var _ Labels = Set(nil)

// Has reports whether label is in ls.
func (ls Set) Has(label string) bool {
	_, ok := ls[label]
	return ok
}

// Get returns the value of label, "" when absent.
func (ls Set) Get(label string) string { return ls[label] }

// Lookup returns the value of label and whether it is present.
func (ls Set) Lookup(label string) (string, bool) {
	v, ok := ls[label]
	return v, ok
}

// String returns "k1=v1,k2=v2" with keys sorted, the form a Set takes in a
// selector query parameter. An empty Set prints as "".
func (ls Set) String() string {
	keys := make([]string, 0, len(ls))
	for k := range ls {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + ls[k]
	}
	return strings.Join(parts, ",")
}

// AsSelector returns a Selector that matches exactly the objects whose
// labels include all of ls. It does not validate ls; see
// AsValidatedSelector.
func (ls Set) AsSelector() Selector { return SelectorFromSet(ls) }

// AsValidatedSelector is AsSelector that first checks every key and value,
// returning the same error NewRequirement would.
func (ls Set) AsValidatedSelector() (Selector, error) { return ValidatedSelectorFromSet(ls) }

// FormatLabels prints a label map as Set.String does, or "<none>" when it
// is empty: the LABELS column of `kubectl get --show-labels`.
func FormatLabels(m map[string]string) string {
	if s := Set(m).String(); s != "" {
		return s
	}
	return "<none>"
}

// Merge returns a new Set with the labels of both; labels2 wins on a
// conflicting key.
func Merge(labels1, labels2 Set) Set {
	out := make(Set, len(labels1)+len(labels2))
	for k, v := range labels1 {
		out[k] = v
	}
	for k, v := range labels2 {
		out[k] = v
	}
	return out
}

// Equals reports whether two Sets hold the same keys with the same values.
func Equals(labels1, labels2 Set) bool {
	if len(labels1) != len(labels2) {
		return false
	}
	for k, v := range labels1 {
		if w, ok := labels2[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// Conflicts reports whether some key is in both Sets with different values.
func Conflicts(labels1, labels2 Set) bool {
	for k, v := range labels1 {
		if w, ok := labels2[k]; ok && w != v {
			return true
		}
	}
	return false
}
