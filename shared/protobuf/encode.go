// Encode: our Go values as upstream's protobuf messages.
//
// Interface:
//   - Marshal(obj) writes the message of obj, a shared/api struct.
//   - MarshalAs(obj, message) writes obj as the named upstream message, for
//     a struct outside shared/api that stands for one.
//
// The output is what upstream's generated (gogo) code writes, field for
// field: fields in number order; non-pointer scalars and nested structs
// always, even when zero; nil pointers, nil []byte and empty lists never;
// map entries sorted by key. A decoder does not need that, but it makes
// our bytes comparable to upstream's in the golden tests. decode.go reads
// what this writes.
package protobuf

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/api/upstream"
)

// Marshal returns the protobuf message of obj, a struct of shared/api or a
// pointer to one. It fails when obj's type has no upstream message or a
// value cannot be written (a malformed Quantity never is; nothing else
// can fail for our types).
func Marshal(obj any) ([]byte, error) {
	v, name, err := target(obj, "")
	if err != nil {
		return nil, fmt.Errorf("protobuf: encode: %w", err)
	}
	return marshal(v, name)
}

// MarshalAs is Marshal for a struct that stands for upstream message
// message ("k8s.io/api/policy/v1.Eviction") without living in shared/api.
func MarshalAs(obj any, message string) ([]byte, error) {
	v, name, err := target(obj, message)
	if err != nil {
		return nil, fmt.Errorf("protobuf: encode: %w", err)
	}
	return marshal(v, name)
}

// marshal encodes struct value v as message name.
func marshal(v reflect.Value, name string) ([]byte, error) {
	p, err := planFor(v.Type(), name)
	if err != nil {
		return nil, fmt.Errorf("protobuf: encode %s: %w", v.Type(), err)
	}
	b, err := appendMessage(nil, v, p)
	if err != nil {
		return nil, fmt.Errorf("protobuf: encode %s: %w", v.Type(), err)
	}
	return b, nil
}

// target dereferences obj to its struct value and names its message:
// message when given, else upstream's name for obj's type.
func target(obj any, message string) (reflect.Value, string, error) {
	v := reflect.ValueOf(obj)
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return reflect.Value{}, "", fmt.Errorf("nil %s", v.Type())
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return reflect.Value{}, "", fmt.Errorf("%T is not a struct", obj)
	}
	if message != "" {
		return v, message, nil
	}
	name, ok := upstream.Name(v.Type())
	if !ok {
		return reflect.Value{}, "", fmt.Errorf("%s is not a type of shared/api; name its message with MarshalAs or UnmarshalAs", v.Type())
	}
	return v, name, nil
}

// appendMessage appends the fields of struct v, laid out by p.
func appendMessage(b []byte, v reflect.Value, p *plan) ([]byte, error) {
	for i := range p.fields {
		f := &p.fields[i]
		var err error
		if b, err = appendField(b, f, v.Field(f.index)); err != nil {
			return nil, within(f.name(), err)
		}
	}
	return b, nil
}

// appendField appends every value of field f, held in v.
func appendField(b []byte, f *fieldPlan, v reflect.Value) ([]byte, error) {
	var err error
	switch f.Shape {
	case single:
		if v.Kind() == reflect.Pointer || (f.Type == "[]byte" && v.Kind() == reflect.Slice) {
			if v.IsNil() {
				return b, nil
			}
			v = reflect.Indirect(v)
		}
		return appendValue(b, f.Number, f.Type, v)
	case repeated:
		for i := range v.Len() {
			e := reflect.Indirect(v.Index(i))
			if !e.IsValid() {
				return nil, within(fmt.Sprintf("[%d]", i), errors.New("nil element"))
			}
			if b, err = appendValue(b, f.Number, f.Type, e); err != nil {
				return nil, within(fmt.Sprintf("[%d]", i), err)
			}
		}
		return b, nil
	case wrapped:
		if v.IsNil() {
			return b, nil
		}
		var inner []byte
		for i := range v.Len() {
			inner = appendString(appendTag(inner, 1, wireBytes), v.Index(i).String())
		}
		return appendBytes(appendTag(b, f.Number, wireBytes), inner), nil
	case mapped:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(x, y reflect.Value) int { return strings.Compare(x.String(), y.String()) })
		for _, k := range keys {
			entry, err := appendValue(nil, 1, f.Key, k)
			if err != nil {
				return nil, within(fmt.Sprintf("[%q]", k.String()), err)
			}
			if val := v.MapIndex(k); !isNilValue(val) {
				if entry, err = appendValue(entry, 2, f.Type, reflect.Indirect(val)); err != nil {
					return nil, within(fmt.Sprintf("[%q]", k.String()), err)
				}
			}
			b = appendBytes(appendTag(b, f.Number, wireBytes), entry)
		}
		return b, nil
	}
	return nil, fmt.Errorf("field %d has unknown shape %d", f.Number, f.Shape)
}

// isNilValue reports whether map value v is written as no value at all: a
// nil pointer or nil []byte, as gogo leaves them out of an entry.
func isNilValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Slice:
		return v.IsNil()
	}
	return false
}

// appendValue appends one value v of upstream type up as field number n.
func appendValue(b []byte, n int32, up string, v reflect.Value) ([]byte, error) {
	if sc := special(up, v.Type()); sc != nil {
		data, err := sc.encode(v)
		if err != nil {
			return nil, err
		}
		return appendBytes(appendTag(b, n, wireBytes), data), nil
	}
	switch v.Kind() {
	case reflect.String:
		return appendString(appendTag(b, n, wireBytes), v.String()), nil
	case reflect.Bool:
		var x uint64
		if v.Bool() {
			x = 1
		}
		return appendVarint(appendTag(b, n, wireVarint), x), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		// A negative number is sign-extended to 64 bits, as proto's int32
		// and int64 are: always ten bytes.
		return appendVarint(appendTag(b, n, wireVarint), uint64(v.Int())), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return appendVarint(appendTag(b, n, wireVarint), v.Uint()), nil
	case reflect.Slice:
		return appendBytes(appendTag(b, n, wireBytes), v.Bytes()), nil
	case reflect.Struct:
		p, err := planFor(v.Type(), up)
		if err != nil {
			return nil, err
		}
		inner, err := appendMessage(nil, v, p)
		if err != nil {
			return nil, err
		}
		return appendBytes(appendTag(b, n, wireBytes), inner), nil
	}
	return nil, fmt.Errorf("cannot encode Go %s as %s", v.Type(), up)
}

// appendString appends a length-delimited string.
func appendString(b []byte, s string) []byte {
	b = appendVarint(b, uint64(len(s)))
	return append(b, s...)
}
