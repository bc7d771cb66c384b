// Selector: a conjunction of "field=value" and "field!=value" terms.
//
// Interface:
//   - Selector: Matches, Empty, RequiresExactMatch, Transform,
//     Requirements, String.
//   - ParseSelector / ParseAndTransformSelector read the string form;
//     errors are upstream's ("invalid selector: 'x'; can't understand 'y'").
//   - Everything, Nothing, SelectorFromSet, OneTermEqualSelector,
//     OneTermNotEqualSelector, AndSelectors build selectors in code.
//   - EscapeValue / UnescapeValue handle '\', ',' and '=' inside values.

package fields

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/labels/selection"
)

// Selector is a query over an object's fields. Selectors are immutable.
type Selector interface {
	// Matches reports whether f satisfies every term.
	Matches(f Fields) bool
	// Empty reports whether the selector restricts nothing.
	Empty() bool
	// RequiresExactMatch reports the value field must have when a "="
	// term pins it, so a store can look objects up by an index.
	RequiresExactMatch(field string) (value string, found bool)
	// Transform returns a copy with fn applied to every term; a term fn
	// maps to an empty field and value is dropped. The API server uses it
	// to rename version-specific field paths.
	Transform(fn TransformFunc) (Selector, error)
	// Requirements lists the terms.
	Requirements() Requirements
	// String prints the selector with values escaped; ParseSelector reads
	// it back.
	String() string
}

// TransformFunc rewrites one term's field and value.
type TransformFunc func(field, value string) (newField, newValue string, err error)

// Requirement is one term: Field Operator Value, with Operator
// selection.Equals or selection.NotEquals.
type Requirement struct {
	Operator selection.Operator
	Field    string
	Value    string
}

// Requirements is the AND of its terms.
type Requirements []Requirement

// term is one "field=value" (not false) or "field!=value" (not true).
type term struct {
	field, value string
	not          bool
}

var _ Selector = term{}

func (t term) Matches(f Fields) bool { return (f.Get(t.field) == t.value) != t.not }

func (t term) Empty() bool { return false }

func (t term) RequiresExactMatch(field string) (string, bool) {
	if t.field == field && !t.not {
		return t.value, true
	}
	return "", false
}

func (t term) Transform(fn TransformFunc) (Selector, error) {
	field, value, err := fn(t.field, t.value)
	if err != nil {
		return nil, err
	}
	if field == "" && value == "" {
		return Everything(), nil
	}
	return term{field: field, value: value, not: t.not}, nil
}

func (t term) Requirements() Requirements {
	op := selection.Equals
	if t.not {
		op = selection.NotEquals
	}
	return Requirements{{Operator: op, Field: t.field, Value: t.value}}
}

func (t term) String() string {
	op := "="
	if t.not {
		op = "!="
	}
	return t.field + op + EscapeValue(t.value)
}

// andTerm is the AND of its selectors; empty means Everything.
type andTerm []Selector

var _ Selector = andTerm(nil)

func (a andTerm) Matches(f Fields) bool {
	for _, s := range a {
		if !s.Matches(f) {
			return false
		}
	}
	return true
}

func (a andTerm) Empty() bool {
	for _, s := range a {
		if !s.Empty() {
			return false
		}
	}
	return true
}

func (a andTerm) RequiresExactMatch(field string) (string, bool) {
	for _, s := range a {
		if v, ok := s.RequiresExactMatch(field); ok {
			return v, true
		}
	}
	return "", false
}

func (a andTerm) Transform(fn TransformFunc) (Selector, error) {
	out := make(andTerm, 0, len(a))
	for _, s := range a {
		n, err := s.Transform(fn)
		if err != nil {
			return nil, err
		}
		if !n.Empty() {
			out = append(out, n)
		}
	}
	return out, nil
}

func (a andTerm) Requirements() Requirements {
	var rs Requirements
	for _, s := range a {
		rs = append(rs, s.Requirements()...)
	}
	return rs
}

func (a andTerm) String() string {
	parts := make([]string, 0, len(a))
	for _, s := range a {
		if str := s.String(); str != "" {
			parts = append(parts, str)
		}
	}
	return strings.Join(parts, ",")
}

// nothing matches no object.
type nothing struct{}

var _ Selector = nothing{}

func (nothing) Matches(Fields) bool                         { return false }
func (nothing) Empty() bool                                 { return false }
func (nothing) RequiresExactMatch(string) (string, bool)    { return "", false }
func (n nothing) Transform(TransformFunc) (Selector, error) { return n, nil }
func (nothing) Requirements() Requirements                  { return nil }
func (nothing) String() string                              { return "" }

// Everything returns a selector that matches every object.
func Everything() Selector { return andTerm{} }

// Nothing returns a selector that matches no object.
func Nothing() Selector { return nothing{} }

// SelectorFromSet returns a selector requiring field=value for every entry
// of s, in field order. A nil or empty Set gives Everything.
func SelectorFromSet(s Set) Selector {
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make(andTerm, len(keys))
	for i, k := range keys {
		out[i] = term{field: k, value: s[k]}
	}
	if len(out) == 1 {
		return out[0]
	}
	return out
}

// OneTermEqualSelector returns the selector "field=value".
func OneTermEqualSelector(field, value string) Selector { return term{field: field, value: value} }

// OneTermNotEqualSelector returns the selector "field!=value".
func OneTermNotEqualSelector(field, value string) Selector {
	return term{field: field, value: value, not: true}
}

// AndSelectors returns the AND of the given selectors.
func AndSelectors(selectors ...Selector) Selector { return andTerm(slices.Clone(selectors)) }

// ParseSelector reads a field selector string: terms separated by ",",
// each "field=value", "field==value" or "field!=value". Empty terms are
// skipped and terms are sorted, so the result does not depend on the order
// written (they are sorted by their printed form, so that String gives one
// canonical text per selector). A ',' or '=' inside a value must be escaped as "\," or "\=", and
// a '\' as "\\".
func ParseSelector(s string) (Selector, error) {
	return ParseAndTransformSelector(s, func(f, v string) (string, string, error) { return f, v, nil })
}

// ParseAndTransformSelector is ParseSelector followed by Transform(fn).
func ParseAndTransformSelector(s string, fn TransformFunc) (Selector, error) {
	var items andTerm
	for _, part := range splitTerms(s) {
		if part == "" {
			continue
		}
		field, op, rawValue, ok := splitTerm(part)
		if !ok {
			return nil, fmt.Errorf("invalid selector: '%s'; can't understand '%s'", s, part)
		}
		value, err := UnescapeValue(rawValue)
		if err != nil {
			return nil, err
		}
		items = append(items, term{field: field, value: value, not: op == "!="})
	}
	slices.SortFunc(items, func(a, b Selector) int { return strings.Compare(a.String(), b.String()) })
	if len(items) == 1 {
		return items[0].Transform(fn)
	}
	return items.Transform(fn)
}

// splitTerms cuts s at the commas that are not escaped; escapes are kept
// for UnescapeValue.
func splitTerms(s string) []string {
	if s == "" {
		return nil
	}
	var terms []string
	start, escaped := 0, false
	for i, c := range s {
		switch {
		case escaped:
			escaped = false
		case c == '\\':
			escaped = true
		case c == ',':
			terms = append(terms, s[start:i])
			start = i + 1
		}
	}
	return append(terms, s[start:])
}

// splitTerm cuts one term at its first operator. Field paths cannot hold
// escapes, so the first "!=", "==" or "=" found is the operator; "==" is
// tried before "=" so it does not leave a "=" at the start of the value.
func splitTerm(t string) (field, op, value string, ok bool) {
	for i := range t {
		for _, op := range []string{"!=", "==", "="} {
			if strings.HasPrefix(t[i:], op) {
				return t[:i], op, t[i+len(op):], true
			}
		}
	}
	return "", "", "", false
}

var valueEscaper = strings.NewReplacer(`\`, `\\`, `,`, `\,`, `=`, `\=`)

// EscapeValue escapes '\', ',' and '=' in a literal value so that it can
// be written into a field selector.
func EscapeValue(s string) string { return valueEscaper.Replace(s) }

// InvalidEscapeSequence reports a backslash followed by anything but '\',
// ',' or '=' (or by nothing).
type InvalidEscapeSequence struct{ sequence string }

func (e InvalidEscapeSequence) Error() string {
	return fmt.Sprintf("invalid field selector: invalid escape sequence: %s", e.sequence)
}

// UnescapedRune reports a ',' or '=' in a value without its backslash.
type UnescapedRune struct{ r rune }

// Error names the character. Upstream prints the rune as a number ("61");
// this prints it quoted ('=') so the message says which character it is.
func (e UnescapedRune) Error() string {
	return fmt.Sprintf("invalid field selector: unescaped character in value: %q", e.r)
}

// UnescapeValue turns an escaped selector value back into its literal
// form. It fails on an unknown escape and on a bare ',' or '='.
func UnescapeValue(s string) (string, error) {
	if !strings.ContainsAny(s, `\,=`) {
		return s, nil
	}
	var b bytes.Buffer
	escaped := false
	for _, c := range s {
		if escaped {
			if c != '\\' && c != ',' && c != '=' {
				return "", InvalidEscapeSequence{sequence: string([]rune{'\\', c})}
			}
			b.WriteRune(c)
			escaped = false
			continue
		}
		switch c {
		case '\\':
			escaped = true
		case ',', '=':
			return "", UnescapedRune{r: c}
		default:
			b.WriteRune(c)
		}
	}
	if escaped {
		return "", InvalidEscapeSequence{sequence: `\`}
	}
	return b.String(), nil
}
