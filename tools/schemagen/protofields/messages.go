// Messages: reading upstream's protobuf struct tags by reflection.
//
// Interface:
//   - collect(roots) walks every struct reachable from roots and returns
//     one message per struct, keyed by full upstream name.
//   - field is one numbered field, as written to the generated table.
//
// A tag reads `protobuf:"<wire>,<number>,<label>,name=<name>[,casttype=..]"`.
// Only the number is trusted: go-to-protobuf derives each field's proto
// type from its Go type, and a few tags' wire and label words disagree
// with the generated .proto (discovery/v1 EndpointPort.Port says "bytes"
// for an int32, meta/v1 DeleteOptions.PropagationPolicy "varint" for a
// string, EndpointSlice.AddressType "rep" for a scalar, and many
// repeated fields say "opt"). So the shape comes from the Go type here too,
// and shared/protobuf derives the wire type from the value type. Fields
// without a tag (TypeMeta, which travels in the envelope, and
// runtime.Object) are not on the wire.
package main

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// customTypes marshal themselves with hand-written code upstream, so their
// struct fields carry no tags: Time and MicroTime are a Timestamp
// {1: seconds, 2: nanos}, Quantity is {1: string}. They are leaves.
var customTypes = map[string]bool{
	"k8s.io/apimachinery/pkg/apis/meta/v1.Time":      true,
	"k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime": true,
	"k8s.io/apimachinery/pkg/api/resource.Quantity":  true,
}

// Shapes of a field, spelled as the generated table's constants.
const (
	shapeSingle   = "single"
	shapeRepeated = "repeated"
	shapeMap      = "mapped"
	shapeWrapped  = "wrapped"
)

// field is one numbered field of a message.
type field struct {
	Number int
	Go     string // the Go field name
	JSON   string // the JSON name; "" for an inline struct
	Shape  string // shapeSingle, shapeRepeated, shapeMap or shapeWrapped
	Key    string // a map's key type; "" otherwise
	Type   string // the value's type: a scalar kind or a message name
}

// collect returns the messages of every struct reachable from roots.
func collect(roots []reflect.Type) (map[string][]field, error) {
	out := map[string][]field{}
	queue := append([]reflect.Type{}, roots...)
	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		name := fullName(t)
		if _, done := out[name]; done || customTypes[name] {
			continue
		}
		fields, next, err := describe(t)
		if err != nil {
			return nil, fmt.Errorf("describe %s: %w", name, err)
		}
		out[name] = fields
		queue = append(queue, next...)
	}
	return out, nil
}

// describe returns the numbered fields of struct t, sorted by number, and
// the struct types they hold.
func describe(t reflect.Type) ([]field, []reflect.Type, error) {
	var fields []field
	var next []reflect.Type
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, ok := sf.Tag.Lookup("protobuf")
		if !ok {
			continue
		}
		f, err := parseTag(tag)
		if err != nil {
			return nil, nil, fmt.Errorf("field %s: %w", sf.Name, err)
		}
		f.Go = sf.Name
		f.JSON, _, _ = strings.Cut(sf.Tag.Get("json"), ",")
		held := shape(&f, sf.Type)
		fields = append(fields, f)
		next = append(next, held...)
	}
	if len(fields) == 0 && t.NumField() > 0 && hasExported(t) {
		return nil, nil, fmt.Errorf("no protobuf tags: marshalled by custom code, add it to customTypes")
	}
	sort.Slice(fields, func(i, j int) bool { return fields[i].Number < fields[j].Number })
	return fields, next, nil
}

// parseTag reads the field number of a tag.
func parseTag(tag string) (field, error) {
	parts := strings.Split(tag, ",")
	if len(parts) < 3 {
		return field{}, fmt.Errorf("tag %q: want wire,number,label", tag)
	}
	n, err := strconv.Atoi(parts[1])
	if err != nil || n <= 0 {
		return field{}, fmt.Errorf("tag %q: bad field number", tag)
	}
	return field{Number: n}, nil
}

// shape fills f.Shape, f.Key and f.Type from Go type t and returns the
// struct types t holds.
func shape(f *field, t reflect.Type) []reflect.Type {
	t = deref(t)
	switch {
	case t.Kind() == reflect.Map:
		f.Shape = shapeMap
		f.Key = typeName(deref(t.Key()))
		f.Type = typeName(deref(t.Elem()))
		if elem := deref(t.Elem()); elem.Kind() == reflect.Slice && ownMessage(elem) {
			// A map value cannot be repeated, so a list value is a
			// message of its own, named: UserInfo.Extra holds
			// authentication's ExtraValue {1: repeated string}.
			f.Type = fullName(elem)
		}
		return structs(deref(t.Elem()))
	case t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8:
		f.Shape = shapeRepeated
		if ownMessage(t) {
			// A named slice type with marshalling code of its own is a
			// message with one repeated field 1 (metav1.Verbs,
			// authorization's ExtraValue).
			f.Shape = shapeWrapped
		}
		f.Type = typeName(deref(t.Elem()))
		return structs(deref(t.Elem()))
	default:
		f.Shape = shapeSingle
		f.Type = typeName(t)
		return structs(t)
	}
}

// structs returns t when it is a struct, to be described in turn.
func structs(t reflect.Type) []reflect.Type {
	if t.Kind() == reflect.Struct {
		return []reflect.Type{t}
	}
	return nil
}

// typeName is a struct's full name, "[]byte", or a scalar's kind
// ("string", "int32"); named scalars (casttype) keep their kind.
func typeName(t reflect.Type) string {
	switch {
	case t.Kind() == reflect.Struct:
		return fullName(t)
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		return "[]byte"
	default:
		return t.Kind().String()
	}
}

// fullName is "import/path.Type".
func fullName(t reflect.Type) string { return t.PkgPath() + "." + t.Name() }

// deref strips pointers.
func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// ownMessage reports whether named slice type t marshals itself, as
// gogo-generated code does for the message wrapping it.
func ownMessage(t reflect.Type) bool {
	if t.Name() == "" {
		return false
	}
	_, ok := reflect.PointerTo(t).MethodByName("Marshal")
	return ok
}

// hasExported reports whether struct t has an exported field.
func hasExported(t reflect.Type) bool {
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			return true
		}
	}
	return false
}
