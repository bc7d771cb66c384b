// Selector: the AND of Requirements, matched against an object's labels.
//
// Interface:
//   - Selector: Matches, Empty, String, Add, Requirements,
//     RequiresExactMatch.
//   - Everything() matches all objects, Nothing() none.
//   - SelectorFromSet / ValidatedSelectorFromSet build key=value selectors.
//   - Parse (parser.go) reads the string syntax; FromLabelSelector
//     (labelselector.go) reads an API object's spec.selector.

package labels

import (
	"slices"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/labels/selection"
)

// Selector is a query over labels. Implementations are immutable: Add
// returns a new Selector.
type Selector interface {
	// Matches reports whether ls satisfies every requirement.
	Matches(ls Labels) bool
	// Empty reports whether the selector restricts nothing (Everything).
	Empty() bool
	// String returns the canonical selector string; Parse(String())
	// returns an equal selector. Nothing() prints as "".
	String() string
	// Add returns a selector with the extra requirements ANDed in.
	Add(rs ...Requirement) Selector
	// Requirements returns the requirements, sorted by key. selectable
	// is false only for Nothing(), which no requirement list can express.
	Requirements() (rs Requirements, selectable bool)
	// RequiresExactMatch reports the value a label must have when the
	// selector pins it with "=", "==" or "in" of one value; a store uses
	// it to look objects up by an index instead of scanning.
	RequiresExactMatch(label string) (value string, found bool)
}

// internalSelector is a Selector made of requirements sorted by key (ties
// keep their order). nil and empty both mean Everything.
type internalSelector []Requirement

var _ Selector = internalSelector(nil)

// Everything returns a selector that matches every object.
func Everything() Selector { return internalSelector{} }

// nothingSelector matches no object; no selector string expresses it.
type nothingSelector struct{}

var _ Selector = nothingSelector{}

// Nothing returns a selector that matches no object: what a nil
// metav1.LabelSelector means.
func Nothing() Selector { return nothingSelector{} }

func (nothingSelector) Matches(Labels) bool                      { return false }
func (nothingSelector) Empty() bool                              { return false }
func (nothingSelector) String() string                           { return "" }
func (n nothingSelector) Add(...Requirement) Selector            { return n }
func (nothingSelector) Requirements() (Requirements, bool)       { return nil, false }
func (nothingSelector) RequiresExactMatch(string) (string, bool) { return "", false }

// NewSelector returns an empty selector, to be grown with Add.
func NewSelector() Selector { return internalSelector(nil) }

func (s internalSelector) Matches(ls Labels) bool {
	for i := range s {
		if !s[i].Matches(ls) {
			return false
		}
	}
	return true
}

func (s internalSelector) Empty() bool { return len(s) == 0 }

func (s internalSelector) String() string {
	parts := make([]string, len(s))
	for i := range s {
		parts[i] = s[i].String()
	}
	return strings.Join(parts, ",")
}

func (s internalSelector) Add(rs ...Requirement) Selector {
	out := make(internalSelector, 0, len(s)+len(rs))
	out = append(append(out, s...), rs...)
	sortByKey(out)
	return out
}

func (s internalSelector) Requirements() (Requirements, bool) {
	return Requirements(slices.Clone(s)), true
}

func (s internalSelector) RequiresExactMatch(label string) (string, bool) {
	for i := range s {
		if s[i].key != label {
			continue
		}
		switch s[i].operator {
		case selection.Equals, selection.DoubleEquals, selection.In:
			if len(s[i].values) == 1 {
				return s[i].values[0], true
			}
		}
		return "", false
	}
	return "", false
}

// sortByKey orders requirements by key, keeping the written order of
// requirements on the same key, so String is deterministic.
func sortByKey(rs []Requirement) {
	slices.SortStableFunc(rs, func(a, b Requirement) int { return strings.Compare(a.key, b.key) })
}

// SelectorFromSet returns a selector requiring key=value for every entry of
// ls; an empty or nil Set gives Everything. ls is not validated: a bad key
// is only reported by the server. Use ValidatedSelectorFromSet to check.
func SelectorFromSet(ls Set) Selector {
	rs := make(internalSelector, 0, len(ls))
	for k, v := range ls {
		rs = append(rs, Requirement{key: k, operator: selection.Equals, values: []string{v}})
	}
	sortByKey(rs)
	return rs
}

// ValidatedSelectorFromSet is SelectorFromSet that checks each key and
// value, returning NewRequirement's error for the first bad entry (in key
// order).
func ValidatedSelectorFromSet(ls Set) (Selector, error) {
	keys := make([]string, 0, len(ls))
	for k := range ls {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	rs := make(internalSelector, 0, len(ls))
	for _, k := range keys {
		r, err := NewRequirement(k, selection.Equals, []string{ls[k]})
		if err != nil {
			return nil, err
		}
		rs = append(rs, *r)
	}
	return rs, nil
}
