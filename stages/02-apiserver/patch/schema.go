// Schema: what strategic merge needs to know about a kind, read from its
// Go type.
//
// Interface:
//   - LookupFor(obj) returns the *Schema of obj's Go type: every JSON field,
//     at any depth, with the patchStrategy and patchMergeKey struct tags
//     upstream's types carry (`patchStrategy:"merge" patchMergeKey:"name"`
//     on PodSpec.containers). Nothing is listed by hand: the tags in
//     shared/api are the single source, and the OpenAPI documents
//     (stages/02-apiserver/openapi) publish the same tags to clients.
//   - Schema.Field(name) is a field's schema and PatchMeta; Schema.Elem()
//     the items of a list or the values of a map.
//   - A nil *Schema is valid and means "unknown": no field has a strategy,
//     so every list is replaced and every map merged (JSON merge patch
//     semantics), which is how this package treats kinds without a Go type.
//
// The reflection reads JSON field names as encoding/json does: the json
// tag's name, inlined embedded structs (TypeMeta, VolumeSource), "-"
// skipped. A type with its own MarshalJSON (Time, Quantity, IntOrString)
// is a scalar: its JSON is not the shape of its Go fields.

package patch

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// The patch strategies of the patchStrategy struct tag.
const (
	// StrategyMerge merges a list by the items' merge key (a list of
	// strings: as a set) instead of replacing it.
	StrategyMerge = "merge"
	// StrategyRetainKeys lets a patch say, with $retainKeys, which keys of
	// a map survive: the others are cleared (a Deployment's strategy, whose
	// rollingUpdate must go when the type becomes Recreate).
	StrategyRetainKeys = "retainKeys"
	// StrategyReplace replaces the field's value whole.
	StrategyReplace = "replace"
)

// PatchMeta is the strategic merge metadata of one field: the strategies
// of its patchStrategy tag and its patchMergeKey.
type PatchMeta struct {
	Strategies []string
	// MergeKey is the field that identifies an item of a merged list of
	// objects ("name" for containers, "containerPort" for ports); empty for
	// a list of scalars merged as a set (finalizers).
	MergeKey string
}

// Has reports whether the field has the strategy s.
func (m PatchMeta) Has(s string) bool { return slices.Contains(m.Strategies, s) }

// kind is the JSON shape of a type.
type kind int

const (
	kindScalar kind = iota // string, number, bool, or a type with MarshalJSON
	kindStruct             // an object with known fields
	kindMap                // an object with arbitrary keys (labels, resources.limits)
	kindList               // an array
)

// Schema is the merge metadata of one Go type. The zero value is not
// used; a nil *Schema means an unknown type (see the file comment).
type Schema struct {
	typ    reflect.Type
	kind   kind
	fields map[string]schemaField // kindStruct
	elem   *Schema                // kindMap values, kindList items
}

// schemaField is one JSON field of a struct.
type schemaField struct {
	schema *Schema
	meta   PatchMeta
}

// schemas caches one *Schema per Go type; building one walks the whole
// type graph, which is worth doing once per kind, not once per request.
var schemas sync.Map // reflect.Type → *Schema

// LookupFor returns the schema of obj's Go type (obj may be a pointer,
// such as scheme's res.New()). It returns nil for a nil obj.
func LookupFor(obj any) *Schema {
	if obj == nil {
		return nil
	}
	t := reflect.TypeOf(obj)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if s, ok := schemas.Load(t); ok {
		return s.(*Schema)
	}
	s := build(t, map[reflect.Type]*Schema{})
	schemas.Store(t, s)
	return s
}

// Field returns the schema and patch metadata of field name. For a map,
// every key has the map's value schema; for an unknown type or a name the
// struct does not have, it returns (nil, PatchMeta{}).
func (s *Schema) Field(name string) (*Schema, PatchMeta) {
	if s == nil {
		return nil, PatchMeta{}
	}
	switch s.kind {
	case kindStruct:
		f := s.fields[name]
		return f.schema, f.meta
	case kindMap:
		return s.elem, PatchMeta{}
	}
	return nil, PatchMeta{}
}

// Elem returns the schema of a list's items or a map's values; nil for
// anything else.
func (s *Schema) Elem() *Schema {
	if s == nil {
		return nil
	}
	return s.elem
}

// isMap reports whether s is a map with arbitrary keys (not a struct).
// Unknown types count as maps: their keys are not declared anywhere.
func (s *Schema) isMap() bool { return s == nil || s.kind == kindMap }

var marshalerType = reflect.TypeFor[json.Marshaler]()

// build returns the schema of t. seen holds the schemas under
// construction, so a recursive type refers to itself instead of looping.
func build(t reflect.Type, seen map[reflect.Type]*Schema) *Schema {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Interface {
		return nil // any: a value of unknown shape
	}
	if s, ok := seen[t]; ok {
		return s
	}
	s := &Schema{typ: t}
	seen[t] = s
	switch {
	case t.Implements(marshalerType) || reflect.PointerTo(t).Implements(marshalerType):
		s.kind = kindScalar
	case t.Kind() == reflect.Struct:
		s.kind = kindStruct
		s.fields = map[string]schemaField{}
		addFields(s.fields, t, seen)
	case t.Kind() == reflect.Map:
		s.kind = kindMap
		s.elem = build(t.Elem(), seen)
	case t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8, t.Kind() == reflect.Array:
		s.kind = kindList
		s.elem = build(t.Elem(), seen)
	default:
		s.kind = kindScalar // including []byte, written as a base64 string
	}
	return s
}

// addFields adds t's JSON fields to fields. Fields declared in t win over
// fields of inlined embedded structs, as in encoding/json.
func addFields(fields map[string]schemaField, t reflect.Type, seen map[reflect.Type]*Schema) {
	var inlined []reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				inlined = append(inlined, et)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		meta := PatchMeta{MergeKey: f.Tag.Get("patchMergeKey")}
		if st := f.Tag.Get("patchStrategy"); st != "" {
			meta.Strategies = strings.Split(st, ",")
		}
		fields[name] = schemaField{schema: build(f.Type, seen), meta: meta}
	}
	for _, et := range inlined {
		inner := map[string]schemaField{}
		addFields(inner, et, seen)
		for name, f := range inner {
			if _, taken := fields[name]; !taken {
				fields[name] = f
			}
		}
	}
}

// zeroObject returns the JSON object of the schema's Go type's zero value
// ({} for an unknown type): what upstream compares a new object against
// when it records the fields a create set.
func (s *Schema) zeroObject() map[string]any {
	if s == nil || s.typ == nil || s.kind != kindStruct {
		return map[string]any{}
	}
	data, err := json.Marshal(reflect.New(s.typ).Interface())
	if err != nil {
		return map[string]any{}
	}
	m, err := decodeObject(data)
	if err != nil {
		return map[string]any{}
	}
	return m
}
