// Strict decoding: a document into a typed struct, refusing fields the
// struct does not have.
//
// Interface:
//   - DecodeStrict(doc, into) decodes like encoding/json but first walks
//     the document beside into's type and reports, by field path, every
//     unknown field, every key given twice, every value of the wrong JSON
//     type, and every value a custom decoder (Quantity, Time, IntOrString)
//     rejects.
//   - StrictDecodingError carries those problems as a field.ErrorList.
//
// encoding/json's DisallowUnknownFields stops at the first unknown field
// and names it without its path ("json: unknown field \"spec\""); a student
// who mis-indented a manifest needs "spec.spec". The API server (stage 2)
// uses this for ?fieldValidation=Strict, kubectl (stage 1) for client-side
// checks.

package codec

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"sigs.k8s.io/yaml"
)

// StrictDecodingError lists every problem found by DecodeStrict.
type StrictDecodingError struct {
	Errors field.ErrorList
}

// Error reads "strict decoding error: " and the problems separated by
// ", ", as the upstream API server words it.
func (e *StrictDecodingError) Error() string {
	msgs := make([]string, len(e.Errors))
	for i, fe := range e.Errors {
		msgs[i] = fe.Error()
	}
	return "strict decoding error: " + strings.Join(msgs, ", ")
}

// Unwrap lets errors.As reach each *field.Error.
func (e *StrictDecodingError) Unwrap() []error {
	out := make([]error, len(e.Errors))
	for i, fe := range e.Errors {
		out[i] = fe
	}
	return out
}

// DecodeStrict decodes one YAML or JSON document into into, which must be
// a non-nil pointer. Field names match exactly (encoding/json alone would
// accept "Spec" for "spec"), keys may not repeat (in YAML or JSON: the
// API server's `duplicate field "metadata.name"`), and problems are
// reported together, sorted by path, as a *StrictDecodingError. A
// malformed document gives a *SyntaxError.
func DecodeStrict(doc []byte, into any) error {
	rv := reflect.ValueOf(into)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("decode strict: need a non-nil pointer to decode into, got %T", into)
	}
	j, isJSON := doc, json.Valid(doc)
	if !isJSON {
		var err error
		if j, err = yaml.YAMLToJSON(doc); err != nil {
			return fmt.Errorf("decode strict: %w", yamlSyntaxError(err))
		}
	}
	dec := json.NewDecoder(bytes.NewReader(j))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return fmt.Errorf("decode strict: %w", jsonSyntaxError(j, 0, err))
	}
	// Keys given twice are gone from the decoded value; only the text
	// still shows them (duplicates.go).
	var errs field.ErrorList
	dups, _ := duplicateFields(doc, isJSON)
	for _, p := range dups {
		errs = append(errs, DuplicateFieldError(p))
	}
	errs = append(errs, check(generic, rv.Elem().Type(), nil)...)
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b *field.Error) int { return strings.Compare(a.Field, b.Field) })
		return &StrictDecodingError{Errors: errs}
	}
	if err := json.Unmarshal(j, into); err != nil {
		return fmt.Errorf("decode strict: %w", err)
	}
	return nil
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// check compares the decoded JSON value v with the Go type t found at path
// p and returns the problems. null is accepted anywhere, as encoding/json
// accepts it.
func check(v any, t reflect.Type, p *field.Path) field.ErrorList {
	if v == nil {
		return nil
	}
	if t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType) {
		return checkUnmarshaler(v, t, p)
	}
	switch t.Kind() {
	case reflect.Pointer:
		return check(v, t.Elem(), p)
	case reflect.Interface:
		return nil
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return wrongType(p, v, "object")
		}
		return checkStruct(m, t, p)
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			return wrongType(p, v, "object")
		}
		var errs field.ErrorList
		for _, k := range sortedKeys(m) {
			errs = append(errs, check(m[k], t.Elem(), p.Key(k))...)
		}
		return errs
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && t.Kind() == reflect.Slice {
			return checkBytes(v, p)
		}
		list, ok := v.([]any)
		if !ok {
			return wrongType(p, v, "array")
		}
		var errs field.ErrorList
		for i, e := range list {
			errs = append(errs, check(e, t.Elem(), p.Index(i))...)
		}
		return errs
	case reflect.String:
		if _, ok := v.(string); !ok {
			return wrongType(p, v, "string")
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return wrongType(p, v, "boolean")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(json.Number)
		i, err := n.Int64()
		if !ok || err != nil {
			return wrongType(p, v, "integer")
		}
		if reflect.New(t).Elem().OverflowInt(i) {
			return field.ErrorList{field.Invalid(p, i, fmt.Sprintf("must fit in %s", t.Kind()))}
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := v.(json.Number)
		if !ok || strings.ContainsAny(string(n), ".eE-") {
			return wrongType(p, v, "non-negative integer")
		}
		var u uint64
		if _, err := fmt.Sscan(string(n), &u); err != nil || reflect.New(t).Elem().OverflowUint(u) {
			return field.ErrorList{field.Invalid(p, display(v), fmt.Sprintf("must fit in %s", t.Kind()))}
		}
	case reflect.Float32, reflect.Float64:
		if _, ok := v.(json.Number); !ok {
			return wrongType(p, v, "number")
		}
	}
	return nil
}

// checkStruct checks each key of m against the JSON fields of struct t.
func checkStruct(m map[string]any, t reflect.Type, p *field.Path) field.ErrorList {
	fields := jsonFields(t)
	var errs field.ErrorList
	for _, k := range sortedKeys(m) {
		ft, ok := fields[k]
		if !ok {
			errs = append(errs, field.Unknown(p.Child(k), ""))
			continue
		}
		errs = append(errs, check(m[k], ft, p.Child(k))...)
	}
	return errs
}

// checkUnmarshaler hands v to t's own UnmarshalJSON, so its complaint
// (a malformed quantity, say) is reported at p.
func checkUnmarshaler(v any, t reflect.Type, p *field.Path) field.ErrorList {
	raw, err := json.Marshal(v)
	if err != nil {
		return field.ErrorList{field.Invalid(p, display(v), err.Error())}
	}
	target := reflect.New(t)
	if err := json.Unmarshal(raw, target.Interface()); err != nil {
		return field.ErrorList{field.Invalid(p, display(v), err.Error())}
	}
	return nil
}

// checkBytes checks a []byte field, which JSON carries as base64 text.
func checkBytes(v any, p *field.Path) field.ErrorList {
	s, ok := v.(string)
	if !ok {
		return wrongType(p, v, "string")
	}
	if _, err := base64.StdEncoding.DecodeString(s); err != nil {
		return field.ErrorList{field.Invalid(p, s, "must be base64 encoded: "+err.Error())}
	}
	return nil
}

func wrongType(p *field.Path, v any, want string) field.ErrorList {
	return field.ErrorList{field.TypeInvalid(p, display(v), fmt.Sprintf("must be of type %s, not %s", want, jsonType(v)))}
}

// display turns a decoded value into one that field.Error prints well:
// numbers bare, everything else as itself.
func display(v any) any {
	if n, ok := v.(json.Number); ok {
		if i, err := n.Int64(); err == nil {
			return i
		}
		if f, err := n.Float64(); err == nil {
			return f
		}
		return string(n)
	}
	return v
}

var fieldCache sync.Map // reflect.Type -> map[string]reflect.Type

// jsonFields maps the JSON names of struct t's fields to their types, as
// encoding/json sees them: `json:"-"` and unexported fields are skipped,
// an untagged field uses its Go name, and an embedded struct without a
// JSON name (TypeMeta `json:",inline"`) contributes its own fields unless
// an outer field already has the name.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	if f, ok := fieldCache.Load(t); ok {
		return f.(map[string]reflect.Type)
	}
	out := map[string]reflect.Type{}
	var inline []reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				inline = append(inline, et)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	for _, et := range inline {
		for name, ft := range jsonFields(et) {
			if _, taken := out[name]; !taken {
				out[name] = ft
			}
		}
	}
	fieldCache.Store(t, out)
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
