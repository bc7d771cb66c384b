// Decode: upstream's protobuf messages into our Go values.
//
// Interface:
//   - Unmarshal(data, into) reads a message into into, a pointer to a
//     shared/api struct.
//   - UnmarshalAs(data, into, message) names the message, for a struct
//     outside shared/api that stands for one.
//
// Decoding follows proto2's rules: fields may come in any order; a field
// number the plan does not know is skipped; a later single value replaces
// an earlier one (a message merges into it); repeated integers are read
// both one per field and packed into one bytes field. Malformed input
// (a truncated varint, a length past the end, a wire type the field cannot
// have) is an error naming the path of the field; nothing panics.
package protobuf

import (
	"fmt"
	"reflect"
)

// Unmarshal decodes message data into into, a non-nil pointer to a struct
// of shared/api. Fields present in data are set (merged into what into
// already holds, as proto does); on error into may be partly filled.
func Unmarshal(data []byte, into any) error {
	v, name, err := decodeTarget(into, "")
	if err != nil {
		return fmt.Errorf("protobuf: decode: %w", err)
	}
	return unmarshal(data, v, name)
}

// UnmarshalAs is Unmarshal for a struct that stands for upstream message
// message ("k8s.io/api/policy/v1.Eviction") without living in shared/api.
func UnmarshalAs(data []byte, into any, message string) error {
	v, name, err := decodeTarget(into, message)
	if err != nil {
		return fmt.Errorf("protobuf: decode: %w", err)
	}
	return unmarshal(data, v, name)
}

// decodeTarget checks that into is a non-nil pointer to a struct.
func decodeTarget(into any, message string) (reflect.Value, string, error) {
	rv := reflect.ValueOf(into)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return reflect.Value{}, "", fmt.Errorf("into must be a non-nil pointer, got %T", into)
	}
	return target(into, message)
}

// unmarshal decodes data into struct value v as message name.
func unmarshal(data []byte, v reflect.Value, name string) error {
	p, err := planFor(v.Type(), name)
	if err != nil {
		return fmt.Errorf("protobuf: decode %s: %w", v.Type(), err)
	}
	if err := decodeMessage(data, v, p); err != nil {
		return fmt.Errorf("protobuf: decode %s: %w", v.Type(), err)
	}
	return nil
}

// decodeMessage reads the fields of data into struct v, laid out by p.
func decodeMessage(data []byte, v reflect.Value, p *plan) error {
	r := reader{buf: data}
	for !r.done() {
		f, err := r.next()
		if err != nil {
			return err
		}
		fp := p.byNumber[f.num]
		if fp == nil {
			continue // unknown to us: proto skips it
		}
		if err := decodeField(fp, v.Field(fp.index), f); err != nil {
			return within(fp.name(), err)
		}
	}
	return nil
}

// decodeField stores one occurrence f of field fp into v.
func decodeField(fp *fieldPlan, v reflect.Value, f value) error {
	switch fp.Shape {
	case single:
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		return decodeValue(fp.Number, fp.Type, v, f)
	case repeated:
		elem := v.Type().Elem()
		if f.wire == wireBytes && valueWire(fp.Type) == wireVarint {
			return decodePacked(fp, v, f.bytes)
		}
		e := reflect.New(deref(elem)).Elem()
		if err := decodeValue(fp.Number, fp.Type, e, f); err != nil {
			return within(fmt.Sprintf("[%d]", v.Len()), err)
		}
		if elem.Kind() == reflect.Pointer {
			e = e.Addr()
		}
		v.Set(reflect.Append(v, e))
		return nil
	case wrapped:
		if err := wantWire(fp.Number, f.wire, wireBytes, v.Type()); err != nil {
			return err
		}
		if v.IsNil() {
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		}
		r := reader{buf: f.bytes}
		for !r.done() {
			item, err := r.next()
			if err != nil {
				return err
			}
			if item.num != 1 {
				continue
			}
			e := reflect.New(v.Type().Elem()).Elem()
			if err := decodeValue(1, fp.Type, e, item); err != nil {
				return within(fmt.Sprintf("[%d]", v.Len()), err)
			}
			v.Set(reflect.Append(v, e))
		}
		return nil
	case mapped:
		return decodeEntry(fp, v, f)
	}
	return fmt.Errorf("field %d has unknown shape %d", fp.Number, fp.Shape)
}

// decodePacked reads packed repeated integers: varints back to back in one
// bytes field.
func decodePacked(fp *fieldPlan, v reflect.Value, data []byte) error {
	for len(data) > 0 {
		n, size, err := consumeVarint(data)
		if err != nil {
			return fmt.Errorf("field %d (packed): %w", fp.Number, err)
		}
		data = data[size:]
		e := reflect.New(deref(v.Type().Elem())).Elem()
		if err := decodeValue(fp.Number, fp.Type, e, value{num: fp.Number, wire: wireVarint, n: n}); err != nil {
			return within(fmt.Sprintf("[%d]", v.Len()), err)
		}
		if v.Type().Elem().Kind() == reflect.Pointer {
			e = e.Addr()
		}
		v.Set(reflect.Append(v, e))
	}
	return nil
}

// decodeEntry reads one map entry {1: key, 2: value} into map v. A missing
// key or value is the zero value, as in proto.
func decodeEntry(fp *fieldPlan, v reflect.Value, f value) error {
	if err := wantWire(fp.Number, f.wire, wireBytes, v.Type()); err != nil {
		return err
	}
	key := reflect.New(v.Type().Key()).Elem()
	valType := v.Type().Elem()
	val := reflect.New(deref(valType)).Elem()
	r := reader{buf: f.bytes}
	for !r.done() {
		part, err := r.next()
		if err != nil {
			return err
		}
		switch part.num {
		case 1:
			err = decodeValue(1, fp.Key, key, part)
		case 2:
			err = decodeValue(2, fp.Type, val, part)
		}
		if err != nil {
			return within(fmt.Sprintf("[%q]", key.String()), err)
		}
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(v.Type()))
	}
	if valType.Kind() == reflect.Pointer {
		val = val.Addr()
	}
	v.SetMapIndex(key, val)
	return nil
}

// decodeValue stores value f, of upstream type up, into v.
func decodeValue(n int32, up string, v reflect.Value, f value) error {
	if sc := special(up, v.Type()); sc != nil {
		if err := wantWire(n, f.wire, wireBytes, v.Type()); err != nil {
			return err
		}
		if err := sc.decode(f.bytes, v); err != nil {
			return fmt.Errorf("field %d (%s): %w", n, up, err)
		}
		return nil
	}
	if err := wantWire(n, f.wire, valueWire(up), v.Type()); err != nil {
		return err
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(string(f.bytes))
	case reflect.Bool:
		v.SetBool(f.n != 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x := int64(f.n)
		if v.OverflowInt(x) {
			return fmt.Errorf("field %d: %d overflows Go %s", n, x, v.Type())
		}
		v.SetInt(x)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if v.OverflowUint(f.n) {
			return fmt.Errorf("field %d: %d overflows Go %s", n, f.n, v.Type())
		}
		v.SetUint(f.n)
	case reflect.Slice:
		v.SetBytes(append([]byte{}, f.bytes...))
	case reflect.Struct:
		p, err := planFor(v.Type(), up)
		if err != nil {
			return err
		}
		return decodeMessage(f.bytes, v, p)
	default:
		return fmt.Errorf("field %d: cannot decode %s into Go %s", n, up, v.Type())
	}
	return nil
}

// valueWire is the wire type of one value of upstream type up: varint for
// integers and booleans, bytes for everything else.
func valueWire(up string) wireType {
	switch up {
	case "bool", "int", "int32", "int64", "uint32", "uint64":
		return wireVarint
	}
	return wireBytes
}

// wantWire fails unless got is the wire type want of field n.
func wantWire(n int32, got, want wireType, t reflect.Type) error {
	if got != want {
		return fmt.Errorf("field %d has wire type %s, want %s (Go %s)", n, got, want, t)
	}
	return nil
}
