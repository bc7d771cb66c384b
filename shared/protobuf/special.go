// Special messages: the types upstream marshals with hand-written code.
//
// Interface:
//   - special(name, t) returns the codec of message name held in Go type t
//     when it is one of: metav1.Time and MicroTime (a Timestamp
//     {1: seconds, 2: nanos}), resource.Quantity ({1: its canonical
//     string}), a RawExtension held as json.RawMessage ({1: raw}), and a
//     list of strings that is a message of its own ({1: repeated string}):
//     the values of UserInfo.Extra (authentication's and authorization's
//     ExtraValue), which a map cannot hold as a repeated field.
//
// Upstream's Time drops the nanoseconds on the wire, as its JSON does
// (apimachinery meta/v1 time_proto.go), and MicroTime keeps microseconds
// (micro_time_proto.go); both write a zero time as an empty message.
// Quantity writes String() even for zero, "0" (resource quantity_proto.go).
package protobuf

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	"github.com/kubeworkbook/kubeworkbook/shared/api/upstream"
)

// The upstream names of the special messages.
const (
	timeMessage      = "k8s.io/apimachinery/pkg/apis/meta/v1.Time"
	microTimeMessage = "k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime"
	quantityMessage  = "k8s.io/apimachinery/pkg/api/resource.Quantity"
)

// specialCodec encodes one value of a special message into its bytes, and
// decodes them into v (addressable, of the Go type special was asked for).
type specialCodec struct {
	encode func(v reflect.Value) ([]byte, error)
	decode func(data []byte, v reflect.Value) error
}

var (
	timeCodec = &specialCodec{
		encode: func(v reflect.Value) ([]byte, error) {
			t := v.Interface().(metav1.Time)
			return timestamp(t.Time, 0), nil
		},
		decode: func(data []byte, v reflect.Value) error {
			if len(data) == 0 {
				v.Set(reflect.ValueOf(metav1.Time{}))
				return nil
			}
			sec, _, err := readTimestamp(data)
			if err != nil {
				return err
			}
			v.Set(reflect.ValueOf(metav1.Unix(sec, 0)))
			return nil
		},
	}
	microTimeCodec = &specialCodec{
		encode: func(v reflect.Value) ([]byte, error) {
			t := v.Interface().(metav1.MicroTime)
			return timestamp(t.Time, time.Microsecond), nil
		},
		decode: func(data []byte, v reflect.Value) error {
			if len(data) == 0 {
				v.Set(reflect.ValueOf(metav1.MicroTime{}))
				return nil
			}
			sec, nsec, err := readTimestamp(data)
			if err != nil {
				return err
			}
			nsec = int32(time.Duration(nsec).Truncate(time.Microsecond))
			v.Set(reflect.ValueOf(metav1.NewMicroTime(time.Unix(sec, int64(nsec)))))
			return nil
		},
	}
	quantityCodec = &specialCodec{
		encode: func(v reflect.Value) ([]byte, error) {
			q := v.Interface().(resource.Quantity)
			return appendBytes(appendTag(nil, 1, wireBytes), []byte(q.String())), nil
		},
		decode: func(data []byte, v reflect.Value) error {
			s, err := readString(data)
			if err != nil {
				return err
			}
			q, err := resource.ParseQuantity(s)
			if err != nil {
				return err
			}
			v.Set(reflect.ValueOf(q))
			return nil
		},
	}
	rawCodec = &specialCodec{
		encode: func(v reflect.Value) ([]byte, error) {
			raw := v.Bytes()
			if raw == nil {
				return nil, nil
			}
			return appendBytes(appendTag(nil, 1, wireBytes), raw), nil
		},
		decode: func(data []byte, v reflect.Value) error {
			r := reader{buf: data}
			for !r.done() {
				f, err := r.next()
				if err != nil {
					return err
				}
				if f.num == 1 && f.wire == wireBytes {
					v.SetBytes(append([]byte{}, f.bytes...))
				}
			}
			return nil
		},
	}
)

// special returns the codec of message name held in Go type t, or nil when
// the generic, table-driven codec applies.
func special(name string, t reflect.Type) *specialCodec {
	switch {
	case name == timeMessage && t == reflect.TypeFor[metav1.Time]():
		return timeCodec
	case name == microTimeMessage && t == reflect.TypeFor[metav1.MicroTime]():
		return microTimeCodec
	case name == quantityMessage && t == reflect.TypeFor[resource.Quantity]():
		return quantityCodec
	case name == upstream.RawExtension && t == reflect.TypeFor[json.RawMessage]():
		return rawCodec
	case strings.Contains(name, ".") && t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		// A message name held in a Go []string: the generator names a
		// map's list values so (protofields, shape).
		return stringListCodec
	}
	return nil
}

// stringListCodec is a list of strings wrapped in a message, {1: s} per
// element: the map-value twin of the wrapped shape. An empty list is the
// empty message and decodes to an empty, non-nil list, as upstream's does.
var stringListCodec = &specialCodec{
	encode: func(v reflect.Value) ([]byte, error) {
		b := []byte{}
		for i := range v.Len() {
			b = appendString(appendTag(b, 1, wireBytes), v.Index(i).String())
		}
		return b, nil
	},
	decode: func(data []byte, v reflect.Value) error {
		if v.IsNil() {
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		}
		r := reader{buf: data}
		for !r.done() {
			f, err := r.next()
			if err != nil {
				return err
			}
			if f.num != 1 {
				continue
			}
			if f.wire != wireBytes {
				return fmt.Errorf("field 1: wire type %s, want bytes", f.wire)
			}
			e := reflect.New(v.Type().Elem()).Elem()
			e.SetString(string(f.bytes))
			v.Set(reflect.Append(v, e))
		}
		return nil
	},
}

// timestamp encodes t as {1: seconds, 2: nanos}, nanos truncated to
// precision (0 drops them); the zero time is the empty message.
func timestamp(t time.Time, precision time.Duration) []byte {
	if t.IsZero() {
		return []byte{}
	}
	var nanos int64
	if precision > 0 {
		nanos = int64(time.Duration(t.Nanosecond()).Truncate(precision))
	}
	b := appendTag(nil, 1, wireVarint)
	b = appendVarint(b, uint64(t.Unix()))
	b = appendTag(b, 2, wireVarint)
	return appendVarint(b, uint64(nanos))
}

// readTimestamp decodes {1: seconds, 2: nanos}; the callers take empty
// data for the zero time before asking.
func readTimestamp(data []byte) (sec int64, nsec int32, err error) {
	r := reader{buf: data}
	for !r.done() {
		f, err := r.next()
		if err != nil {
			return 0, 0, err
		}
		switch {
		case f.num == 1 && f.wire == wireVarint:
			sec = int64(f.n)
		case f.num == 2 && f.wire == wireVarint:
			nsec = int32(f.n)
		case f.num == 1 || f.num == 2:
			return 0, 0, fmt.Errorf("timestamp field %d: wire type %s, want varint", f.num, f.wire)
		}
	}
	return sec, nsec, nil
}

// readString decodes a message {1: string}.
func readString(data []byte) (string, error) {
	var s string
	r := reader{buf: data}
	for !r.done() {
		f, err := r.next()
		if err != nil {
			return "", err
		}
		if f.num == 1 {
			if f.wire != wireBytes {
				return "", fmt.Errorf("field 1: wire type %s, want bytes", f.wire)
			}
			s = string(f.bytes)
		}
	}
	return s, nil
}
