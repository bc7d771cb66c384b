// Fields and Sets: the selectable field values of one object.
//
// Interface:
//   - Fields is what a Selector reads: Has and Get.
//   - Set (map[string]string) implements it and prints as "a=1,b=2".

package fields

import (
	"slices"
	"strings"
)

// Fields gives a Selector read access to an object's selectable fields.
type Fields interface {
	// Has reports whether the field is present.
	Has(field string) bool
	// Get returns the field's value, "" when absent.
	Get(field string) string
}

// Set maps field paths ("metadata.name") to their values.
type Set map[string]string

var _ Fields = Set(nil)

// Has reports whether field is in s.
func (s Set) Has(field string) bool {
	_, ok := s[field]
	return ok
}

// Get returns field's value, "" when absent.
func (s Set) Get(field string) string { return s[field] }

// String returns "f1=v1,f2=v2" sorted by field; values are not escaped.
func (s Set) String() string {
	parts := make([]string, 0, len(s))
	for k, v := range s {
		parts = append(parts, k+"="+v)
	}
	slices.Sort(parts)
	return strings.Join(parts, ",")
}

// AsSelector returns a Selector requiring every field of s to equal its
// value.
func (s Set) AsSelector() Selector { return SelectorFromSet(s) }
