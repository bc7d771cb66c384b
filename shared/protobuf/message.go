// Messages: upstream's field numbers laid over our Go structs.
//
// Interface:
//   - message and field: one entry of the generated table
//     (messages_generated.go), keyed by upstream type name.
//   - planFor(t, name) matches the fields of message name to the fields of
//     our struct t by Go field name, once per pair, and caches the result.
//
// Our types mirror upstream's field names, so the match is by name. A
// numbered field our struct lacks is left out of the plan (its bytes are
// skipped on decode, like any unknown field); a field of ours upstream does
// not number is never written. shared/protobuf's tests list both kinds of
// gap for every served type. encode.go and decode.go walk the plans.
package protobuf

import (
	"fmt"
	"reflect"
	"sync"
)

// shape says how a field's values are laid out.
type shape uint8

const (
	// single: at most one value (a later one replaces or, for a message,
	// merges into an earlier one).
	single shape = iota
	// repeated: one field per element; integers may also come packed, all
	// in one bytes field.
	repeated
	// mapped: one field per entry, each a message {1: key, 2: value}.
	mapped
	// wrapped: a named []string that is a message of its own,
	// {1: repeated string} (metav1.Verbs).
	wrapped
)

// message is the fields of one upstream message, sorted by number.
type message []field

// field is one numbered field of an upstream message.
type field struct {
	// Number is the protobuf field number, unique within the message.
	Number int32
	// Go is the field's Go name upstream, and so ours.
	Go string
	// JSON is its JSON name, used in error messages; "" for an inline
	// struct (Probe.ProbeHandler).
	JSON string
	// Shape is single, repeated, mapped or wrapped.
	Shape shape
	// Key is a map's key type ("string"); empty otherwise.
	Key string
	// Type is the type of one value: "string", "bool", "int32", "int64",
	// "[]byte", or an upstream message name. It decides the wire type
	// (valueWire); a map entry and a wrapped list are always bytes.
	Type string
}

// name is how errors call f: its JSON name, or its Go name when inline.
func (f *field) name() string {
	if f.JSON == "" {
		return f.Go
	}
	return f.JSON
}

// plan is message name laid over Go struct type goType.
type plan struct {
	goType reflect.Type
	name   string
	// fields are the message's fields our struct has, in number order.
	fields []fieldPlan
	// byNumber indexes fields by number.
	byNumber map[int32]*fieldPlan
	// missing are upstream fields our struct lacks; extra are exported
	// fields of ours upstream does not number (TypeMeta aside).
	missing, extra []string
}

// fieldPlan is one field of a plan.
type fieldPlan struct {
	field
	// index is the Go field's index in goType.
	index int
	// goType is the Go field's type.
	goType reflect.Type
}

// planKey identifies a cached plan.
type planKey struct {
	t    reflect.Type
	name string
}

// plans caches planFor's results; plans never change once built.
var plans sync.Map // planKey -> *plan

// planFor returns the plan of message name over struct type t. It fails
// when name is not in the table or a field's Go type cannot hold the
// upstream field (a programming error in our types, caught by the tests).
func planFor(t reflect.Type, name string) (*plan, error) {
	key := planKey{t, name}
	if p, ok := plans.Load(key); ok {
		return p.(*plan), nil
	}
	p, err := buildPlan(t, name)
	if err != nil {
		return nil, err
	}
	actual, _ := plans.LoadOrStore(key, p)
	return actual.(*plan), nil
}

// buildPlan matches message name's fields to t's fields by Go name.
func buildPlan(t reflect.Type, name string) (*plan, error) {
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("%s is a %s, not a struct", t, t.Kind())
	}
	msg, ok := messages[name]
	if !ok {
		return nil, fmt.Errorf("no protobuf message %s for Go type %s", name, t)
	}
	p := &plan{goType: t, name: name, byNumber: map[int32]*fieldPlan{}}
	numbered := map[string]bool{}
	for _, f := range msg {
		numbered[f.Go] = true
		sf, ok := t.FieldByName(f.Go)
		if !ok || len(sf.Index) != 1 {
			p.missing = append(p.missing, f.Go)
			continue
		}
		if err := fits(f, sf.Type); err != nil {
			return nil, fmt.Errorf("%s field %s cannot hold %s field %s (%d): %w", t, sf.Name, name, f.name(), f.Number, err)
		}
		p.fields = append(p.fields, fieldPlan{field: f, index: sf.Index[0], goType: sf.Type})
	}
	for i := range p.fields {
		p.byNumber[p.fields[i].Number] = &p.fields[i]
	}
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.IsExported() && !numbered[sf.Name] && sf.Name != "TypeMeta" && sf.Tag.Get("json") != "-" {
			p.extra = append(p.extra, sf.Name)
		}
	}
	return p, nil
}

// fits checks that Go type t can hold upstream field f: a slice for a
// repeated field, a map for a map, and a value of the right kind.
func fits(f field, t reflect.Type) error {
	t = deref(t)
	switch f.Shape {
	case repeated, wrapped:
		if t.Kind() != reflect.Slice || isBytes(t) {
			return fmt.Errorf("want a slice, Go has %s", t)
		}
		return fitsValue(f.Type, deref(t.Elem()))
	case mapped:
		if t.Kind() != reflect.Map {
			return fmt.Errorf("want a map, Go has %s", t)
		}
		if err := fitsValue(f.Key, t.Key()); err != nil {
			return fmt.Errorf("map key: %w", err)
		}
		return fitsValue(f.Type, deref(t.Elem()))
	}
	return fitsValue(f.Type, t)
}

// fitsValue checks that Go type t can hold one value of upstream type up.
func fitsValue(up string, t reflect.Type) error {
	if special(up, t) != nil {
		return nil
	}
	var ok bool
	switch up {
	case "string":
		ok = t.Kind() == reflect.String
	case "bool":
		ok = t.Kind() == reflect.Bool
	case "int32", "int64", "int", "uint32", "uint64":
		ok = t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64
	case "[]byte":
		ok = isBytes(t)
	default:
		ok = t.Kind() == reflect.Struct
	}
	if !ok {
		return fmt.Errorf("want %s, Go has %s", up, t)
	}
	return nil
}

// isBytes reports whether t is a []byte (or a named one, json.RawMessage).
func isBytes(t reflect.Type) bool {
	return t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8
}

// deref strips pointers.
func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}
