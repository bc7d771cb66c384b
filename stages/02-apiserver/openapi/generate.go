// Generate: schemas derived from Go types by reflection over their fields
// and JSON tags.
//
// Interface:
//   - newGenerator(d, kinds) starts a generator for dialect d that marks the
//     definitions of the given types with their kinds.
//   - (*generator).define(t) builds t's definition, and every definition it
//     refers to, and returns its name; definitions holds them all.
//
// The rules, in the order schemaOf applies them to a field's Go type:
//
//	special type (Time, Quantity, ...)   $ref to its definition (schema.go)
//	named struct                         $ref to its definition
//	pointer                              the schema of what it points to
//	bool                                 boolean
//	int8..int32, uint8, uint16           integer, format int32
//	int, int64, uint32, uint64           integer, format int64
//	float32 / float64                    number, format float / double
//	string (and named strings: UID)      string
//	[]byte                               string, format byte (base64)
//	slice, array                         array, items: schema of the element
//	map[string]V                         object, additionalProperties: V's schema
//	interface (any)                      {} (any JSON value)
//	unnamed struct                       the object itself, inline
//
// A struct becomes an object whose properties are its JSON fields, as
// encoding/json sees them: named by the json tag (or the Go name), skipped
// for `json:"-"` and unexported fields, and flattened for embedded structs
// without a name (`json:",inline"`): TypeMeta's apiVersion and kind are
// properties of Pod itself. isRequired says which properties are required,
// requiredMarkers (markers.go) where upstream's comments overrule the tag.
package openapi

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// generator builds the definitions of one dialect. It is used by one
// goroutine, once, while New runs.
type generator struct {
	dialect dialect
	// kinds holds the x-kubernetes-group-version-kind entries of the types
	// that are top-level kinds (Pod, PodList, Status, WatchEvent, ...).
	kinds map[reflect.Type][]gvkExtension
	// definitions holds every definition built so far, by name. A name is
	// entered before its properties are built, so a type that refers to
	// itself (directly or through others) is built once.
	definitions map[string]*schema
	// owners records which Go type each definition was built from, to
	// catch two types that would share one name.
	owners map[string]reflect.Type
}

func newGenerator(d dialect, kinds map[reflect.Type][]gvkExtension) *generator {
	return &generator{dialect: d, kinds: kinds, definitions: map[string]*schema{}, owners: map[string]reflect.Type{}}
}

var (
	marshalerType   = reflect.TypeFor[json.Marshaler]()
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
)

// define builds the definition of named type t (a struct or a special
// type) and returns its name. It panics when t writes its own JSON but has
// no entry in specialSchemas, or when two types would get one name: both
// are mistakes in this package's tables, found on the first start.
func (g *generator) define(t reflect.Type) string {
	name := definitionName(t)
	if owner, seen := g.owners[name]; seen {
		if owner != t && !(isSpecial(owner) && isSpecial(t)) {
			panic(fmt.Sprintf("openapi: %s and %s both map to definition %s", owner, t, name))
		}
		return name
	}
	g.owners[name] = t
	if special, ok := specialSchemas[t]; ok {
		s := special(g.dialect)
		s.Description = specialDescriptions[t]
		g.definitions[name] = s
		return name
	}
	if writesOwnJSON(t) {
		panic(fmt.Sprintf("openapi: %s has its own JSON encoding; describe it in specialSchemas", t))
	}
	s := &schema{}
	g.definitions[name] = s // entered first: the fields may lead back to t
	*s = *g.object(t)
	s.Description = typeDoc(t)
	s.GroupVersionKinds = g.kinds[t]
	return name
}

// isSpecial reports whether t is described by specialSchemas.
func isSpecial(t reflect.Type) bool {
	_, ok := specialSchemas[t]
	return ok
}

// writesOwnJSON reports whether encoding/json would call t's own methods
// rather than walk its fields.
func writesOwnJSON(t reflect.Type) bool {
	return t.Implements(marshalerType) || reflect.PointerTo(t).Implements(marshalerType) ||
		reflect.PointerTo(t).Implements(unmarshalerType)
}

// schemaOf returns the schema of a value of type t where a field holds
// it: a $ref for named structs and special types, an inline schema for
// everything else.
func (g *generator) schemaOf(t reflect.Type) *schema {
	if isSpecial(t) || (t.Kind() == reflect.Struct && t.Name() != "") {
		return g.dialect.ref(g.define(t))
	}
	switch t.Kind() {
	case reflect.Pointer:
		return g.schemaOf(t.Elem())
	case reflect.Bool:
		return &schema{Type: "boolean"}
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Uint8, reflect.Uint16:
		return &schema{Type: "integer", Format: "int32"}
	case reflect.Int, reflect.Int64, reflect.Uint, reflect.Uint32, reflect.Uint64:
		return &schema{Type: "integer", Format: "int64"}
	case reflect.Float32:
		return &schema{Type: "number", Format: "float"}
	case reflect.Float64:
		return &schema{Type: "number", Format: "double"}
	case reflect.String:
		return &schema{Type: "string"}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			// encoding/json writes []byte as a base64 string.
			return &schema{Type: "string", Format: "byte"}
		}
		return &schema{Type: "array", Items: g.schemaOf(t.Elem())}
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			panic(fmt.Sprintf("openapi: %s: JSON object keys must be strings", t))
		}
		return &schema{Type: "object", AdditionalProperties: g.schemaOf(t.Elem())}
	case reflect.Interface:
		return &schema{}
	case reflect.Struct:
		return g.object(t)
	}
	panic(fmt.Sprintf("openapi: %s: no JSON schema for kind %s", t, t.Kind()))
}

// object returns the object schema of struct type t: one property per
// JSON field, in declaration order, and the required ones listed.
func (g *generator) object(t reflect.Type) *schema {
	s := &schema{Type: "object"}
	for _, f := range jsonFields(t) {
		if s.Properties == nil {
			s.Properties = map[string]*schema{}
		}
		s.Properties[f.name] = g.property(t, f)
		if f.required {
			s.Required = append(s.Required, f.name)
		}
	}
	return s
}

// property returns the schema of field f of struct type owner: its
// description (descriptions.go), and the strategic merge patch extensions
// its tags ask for.
func (g *generator) property(owner reflect.Type, f jsonField) *schema {
	s := g.dialect.describe(g.schemaOf(f.typ), fieldDoc(owner, f.name))
	key, strategy := f.tag.Get("patchMergeKey"), f.tag.Get("patchStrategy")
	if key == "" && strategy == "" {
		return s
	}
	if s.Ref != "" && g.dialect == openAPI3 {
		// A $ref may not carry siblings in OpenAPI 3.0, so v3 wraps the
		// reference in allOf, as upstream does. v2 keeps them side by side.
		s = &schema{AllOf: []*schema{s}}
	}
	s.PatchMergeKey, s.PatchStrategy = key, strategy
	return s
}

// jsonField is one field of a struct as encoding/json writes it.
type jsonField struct {
	name     string
	typ      reflect.Type
	tag      reflect.StructTag
	required bool
	promoted bool // comes from an embedded struct
}

// jsonFields lists t's JSON fields in declaration order, each embedded
// struct's fields in its place. A field declared in t itself wins over a
// promoted field of the same name, as in encoding/json; between two
// promoted fields the first wins.
func jsonFields(t reflect.Type) []jsonField {
	var all []jsonField
	declared := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, skip := parseTag(f)
		switch {
		case skip:
		case name == "" && f.Anonymous && indirect(f.Type).Kind() == reflect.Struct:
			for _, inner := range jsonFields(indirect(f.Type)) {
				inner.promoted = true
				all = append(all, inner)
			}
		default:
			if name == "" {
				name = f.Name
			}
			required := isRequired(f.Type, opts)
			if marked, ok := requiredMarkers[t][name]; ok {
				required = marked // upstream's comment says otherwise (markers.go)
			}
			all = append(all, jsonField{name: name, typ: f.Type, tag: f.Tag, required: required})
			declared[name] = true
		}
	}
	var out []jsonField
	seen := map[string]bool{}
	for _, f := range all {
		if seen[f.name] || (f.promoted && declared[f.name]) {
			continue
		}
		seen[f.name] = true
		out = append(out, f)
	}
	return out
}

// parseTag reads field f's json tag: its name (empty when unset), its
// options, and whether encoding/json skips the field altogether.
func parseTag(f reflect.StructField) (name, opts string, skip bool) {
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", "", true
	}
	if !f.IsExported() && !(f.Anonymous && indirect(f.Type).Kind() == reflect.Struct) {
		return "", "", true // unexported, unless an embedded struct whose fields are promoted
	}
	name, opts, _ = strings.Cut(tag, ",")
	return name, opts, false
}

// isRequired is the required-field rule. A field is required when its json
// tag has neither omitempty nor omitzero: its author promised the key is
// always written, so a manifest must have it (Container.name,
// DeploymentSpec.template, a list's items). The exception is a pointer to
// a scalar (*string, *int32, *bool): a nil pointer is how Go says "not
// set", so the field is optional even without omitempty
// (GRPCAction.service). A pointer to a struct without omitempty stays
// required (DeploymentSpec.selector), as upstream has it.
//
// Upstream also reads +optional and +required comments, which reflection
// cannot see; where they disagree with the tag, requiredMarkers
// (markers.go) says what they say.
func isRequired(t reflect.Type, opts string) bool {
	for opt := range strings.SplitSeq(opts, ",") {
		if opt == "omitempty" || opt == "omitzero" {
			return false
		}
	}
	if t.Kind() == reflect.Pointer {
		return t.Elem().Kind() == reflect.Struct
	}
	return true
}

// indirect returns the type t points to, or t itself.
func indirect(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Pointer {
		return t.Elem()
	}
	return t
}
