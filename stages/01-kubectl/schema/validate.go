// Validate: the walk over an object, checking each value against the schema
// that applies at its place.
//
// Interface:
//   - walker.value(v, schema, path) records every problem at or below path.
//
// What is checked, and the message each problem gets:
//   - a field the schema does not define: unknown field "spec.spec" (the
//     API server's strict-decoding wording), with a hint when the name is
//     a near-miss of a known field or belongs a level or two deeper;
//   - a value of the wrong JSON type: Invalid value: "three": must be of
//     type integer, with a hint when the fix is mechanical (quotes);
//   - a missing required field: Required value;
//   - a value outside an enum: Unsupported value, listing the allowed ones;
//   - formats: int32/int64 ranges, date-time (metav1.Time), byte (base64,
//     a Secret's data), and a resource.Quantity's syntax (shared/api/resource).
//
// JSON null counts as "not set", as it does when the API server decodes an
// object. Hints for unknown fields are in hints.go; the rules run on named
// schemas (containers, pod specs) are in pods.go.
package schema

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// quantitySchema is the component name of resource.Quantity, whose string
// form has a syntax of its own.
const quantitySchema = "io.k8s.apimachinery.pkg.api.resource.Quantity"

// walker carries the document and the problems found so far.
type walker struct {
	doc  *Document
	errs field.ErrorList
	// moved are the misplaced subtrees met so far (hints.go).
	moved []move
}

func (w *walker) add(e *field.Error) { w.errs = append(w.errs, e) }

// value checks v, found at path p, against s.
func (w *walker) value(v any, s *Schema, p *field.Path) {
	if v == nil || s == nil {
		return // null means "not set"; a nil schema allows anything
	}
	vw := w.doc.resolve(s)
	switch {
	case vw.intOrStr:
		w.intOrString(v, p)
		return
	case vw.typ == "" && len(vw.alternates) > 0:
		w.oneOf(v, vw, p)
		return
	}
	switch vw.typ {
	case "object":
		w.object(v, vw, p)
	case "array":
		w.array(v, vw, p)
	case "string":
		w.str(v, vw, p)
	case "integer":
		w.integer(v, vw, p)
	case "number":
		if _, _, ok := number(v); !ok {
			w.add(typeError(p, v, "number"))
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			w.add(typeError(p, v, "boolean"))
		}
	case "":
		if vw.properties != nil || vw.additional != nil {
			w.object(v, vw, p) // an object schema that left out "type"
		}
	}
}

// object checks a map: each field against its property (or the map's value
// schema), that every required field is set, and the rules pods.go attaches
// to the schema's name.
func (w *walker) object(v any, vw view, p *field.Path) {
	m, ok := v.(map[string]any)
	if !ok {
		w.add(typeError(p, v, "object"))
		return
	}
	// An object schema with neither properties nor additionalProperties
	// (RawExtension, FieldsV1) holds arbitrary JSON.
	free := vw.preserve || (vw.properties == nil && vw.additional == nil)
	for _, key := range slices.Sorted(maps.Keys(m)) {
		if prop, ok := vw.properties[key]; ok {
			w.value(m[key], prop, p.Child(key))
			continue
		}
		switch {
		case vw.additional != nil && vw.additional.Schema != nil:
			w.value(m[key], vw.additional.Schema, p.Key(key))
		case free || (vw.additional != nil && vw.additional.Allowed):
		default:
			hint, home := w.unknownHint(vw, key, p)
			w.add(field.Unknown(p.Child(key), hint))
			w.value(m[key], home, p.Child(key))
		}
	}
	for _, name := range vw.required {
		if m[name] == nil { // absent, or null
			w.add(field.Required(p.Child(name), ""))
		}
	}
	if rule, ok := typeRules[vw.name]; ok {
		w.errs = append(w.errs, rule(m, p)...)
	}
}

// array checks every element against the items schema.
func (w *walker) array(v any, vw view, p *field.Path) {
	list, ok := v.([]any)
	if !ok {
		w.add(typeError(p, v, "array"))
		return
	}
	for i, item := range list {
		w.value(item, vw.items, p.Index(i))
	}
}

// str checks a string, its enum and its format.
func (w *walker) str(v any, vw view, p *field.Path) {
	s, ok := v.(string)
	if !ok {
		w.add(typeError(p, v, "string"))
		return
	}
	// "" is how a manifest leaves an enum field to its default.
	if len(vw.enum) > 0 && s != "" && !slices.Contains(vw.enum, any(s)) {
		w.add(field.NotSupported(p, s, enumStrings(vw.enum)))
	}
	switch vw.format {
	case "date-time":
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			w.add(field.Invalid(p, s, "must be a date and time in RFC 3339 form, e.g. \"2026-01-02T15:04:05Z\""))
		}
	case "byte":
		if _, err := base64.StdEncoding.DecodeString(s); err != nil {
			w.add(field.Invalid(p, field.OmitValue, "must be base64-encoded ("+err.Error()+"); use stringData for plain text"))
		}
	}
}

// integer checks a whole number and, for int32/int64, its range.
func (w *walker) integer(v any, vw view, p *field.Path) {
	f, isInt, ok := number(v)
	switch {
	case !ok:
		w.add(typeError(p, v, "integer"))
	case !isInt:
		w.add(field.TypeInvalid(p, shown(v), "must be of type integer (a whole number)"))
	case vw.format == "int32" && (f < math.MinInt32 || f > math.MaxInt32):
		w.add(field.Invalid(p, shown(v), "must fit in a 32-bit integer (int32)"))
	case vw.format == "int64" && (f < math.MinInt64 || f >= math.MaxInt64):
		w.add(field.Invalid(p, shown(v), "must fit in a 64-bit integer (int64)"))
	}
}

// intOrString checks a value that is an integer or a string, such as a
// Service's targetPort.
func (w *walker) intOrString(v any, p *field.Path) {
	if _, ok := v.(string); ok {
		return
	}
	if _, isInt, ok := number(v); ok && isInt {
		return
	}
	w.add(field.TypeInvalid(p, shown(v), "must be of type integer or string"))
}

// oneOf checks a value whose schema lists alternative types, such as a
// Quantity ("500m" or 1): it must have one of their types. A Quantity
// string must also follow the quantity syntax.
func (w *walker) oneOf(v any, vw view, p *field.Path) {
	var types []string
	for _, alt := range vw.alternates {
		t := string(w.doc.resolve(alt).typ)
		if t == "" || hasType(v, t) {
			if s, ok := v.(string); ok && vw.name == quantitySchema {
				w.quantity(s, p)
			}
			return
		}
		types = append(types, t)
	}
	w.add(field.TypeInvalid(p, shown(v), "must be of type "+strings.Join(types, " or ")))
}

// quantity checks a Quantity's string form the way the API server decodes
// it (surrounding spaces are trimmed first), suggesting the fix for the
// usual mistakes: a unit written "MB" or "Gb", or a space inside.
func (w *walker) quantity(s string, p *field.Path) {
	_, err := resource.ParseQuantity(strings.TrimSpace(s))
	if err == nil {
		return
	}
	detail := err.Error()
	fixed := strings.ReplaceAll(s, " ", "")
	if t := strings.TrimRight(fixed, "Bb"); t != fixed && t != "" {
		fixed = t
	}
	if _, ferr := resource.ParseQuantity(fixed); ferr == nil && fixed != s {
		detail += fmt.Sprintf("; did you mean %q? (binary units are Ki, Mi, Gi; decimal ones k, M, G)", fixed)
	}
	w.add(field.Invalid(p, s, detail))
}

// hasType reports whether v is a JSON value of the OpenAPI type t.
func hasType(v any, t string) bool {
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "number":
		_, _, ok := number(v)
		return ok
	case "integer":
		_, isInt, ok := number(v)
		return ok && isInt
	}
	return false
}

// number returns v as a float64 if it is a JSON number in any of the Go
// forms a decoder produces (float64, json.Number, or an int type from a
// YAML decoder or a test), and whether it is whole.
func number(v any) (f float64, isInt, ok bool) {
	switch n := v.(type) {
	case float64:
		return n, n == math.Trunc(n) && !math.IsInf(n, 0), true
	case float32:
		return float64(n), float64(n) == math.Trunc(float64(n)), true
	case int:
		return float64(n), true, true
	case int32:
		return float64(n), true, true
	case int64:
		return float64(n), true, true
	case uint64:
		return float64(n), true, true
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return float64(i), true, true
		}
		if f, err := n.Float64(); err == nil {
			return f, f == math.Trunc(f) && !math.IsInf(f, 0), true
		}
	}
	return 0, false, false
}

// typeError reports v where a value of type want belongs, with a hint when
// the fix is a matter of quotes or of YAML list syntax.
func typeError(p *field.Path, v any, want string) *field.Error {
	detail := "must be of type " + want
	switch s, isString := v.(string); {
	case want == "string" && !isString:
		if _, _, ok := number(v); ok {
			detail += fmt.Sprintf("; quote the value to make it one: \"%v\"", shown(v))
		} else if b, ok := v.(bool); ok {
			detail += fmt.Sprintf("; quote the value to make it one: \"%t\"", b)
		}
	case want == "integer" && isString:
		if _, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
			detail += fmt.Sprintf("; did you mean %s (without quotes)?", strings.TrimSpace(s))
		}
	case want == "boolean" && isString:
		if b, err := strconv.ParseBool(s); err == nil {
			detail += fmt.Sprintf("; did you mean %t (without quotes)?", b)
		}
	case want == "array":
		if _, ok := v.(map[string]any); ok {
			detail += "; in YAML each list item starts with \"- \""
		}
	}
	return field.TypeInvalid(p, shown(v), detail)
}

// shown is how a bad value appears in a message: scalars as themselves
// (whole numbers in digits, never 1e+20, however large), objects and
// lists by their type alone, as upstream's OpenAPI validation prints them.
func shown(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case float64:
		if x == math.Trunc(x) && !math.IsInf(x, 0) {
			if math.Abs(x) < 1e15 {
				return int64(x)
			}
			return numberLiteral(strconv.FormatFloat(x, 'f', -1, 64))
		}
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		return numberLiteral(x)
	}
	return v
}

// numberLiteral is a number too large for int64, kept as its digits. A
// field.Error prints it through MarshalJSON, so unquoted.
type numberLiteral string

// MarshalJSON writes the digits as they are.
func (n numberLiteral) MarshalJSON() ([]byte, error) { return []byte(n), nil }

// enumStrings turns an enum's values into the list NotSupported prints.
func enumStrings(enum []any) []string {
	out := make([]string, 0, len(enum))
	for _, e := range enum {
		out = append(out, fmt.Sprint(e))
	}
	return out
}
