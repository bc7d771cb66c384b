package protobuf

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

// Talk 000, "write to etcd": whatever a client may put in an object it
// sends comes out of the server's decoder unchanged. Every served type is
// filled with non-zero values in every field, encoded and decoded.
func TestRoundTripEveryServedType(t *testing.T) {
	for _, rt := range servedTypes() {
		t.Run(rt.String(), func(t *testing.T) {
			obj := reflect.New(rt)
			fill(obj.Elem(), 0)
			if rt == reflect.TypeFor[metav1.WatchEvent]() {
				obj.Elem().FieldByName("Object").SetBytes([]byte(`{"kind":"Pod"}`))
			}
			data, err := Marshal(obj.Interface())
			if err != nil {
				t.Fatal(err)
			}
			back := reflect.New(rt)
			if err := Unmarshal(data, back.Interface()); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(obj.Interface(), back.Interface()); diff != "" {
				t.Errorf("round trip changed the object (-sent +decoded):\n%s", diff)
			}
		})
	}
}

// A negative number is sent as ten bytes and must come back negative,
// in an int32 as in an int64.
func TestRoundTripNegativeNumbers(t *testing.T) {
	in := metav1.ObjectMeta{Generation: -7, DeletionGracePeriodSeconds: new(int64)}
	*in.DeletionGracePeriodSeconds = -1
	data, err := Marshal(&in)
	if err != nil {
		t.Fatal(err)
	}
	var out metav1.ObjectMeta
	if err := Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	if out.Generation != -7 || *out.DeletionGracePeriodSeconds != -1 {
		t.Errorf("got generation %d, grace %d; want -7, -1", out.Generation, *out.DeletionGracePeriodSeconds)
	}
	status := metav1.Status{Code: -404}
	data, err = Marshal(&status)
	if err != nil {
		t.Fatal(err)
	}
	var back metav1.Status
	if err := Unmarshal(data, &back); err != nil || back.Code != -404 {
		t.Errorf("int32 -404 came back as %d (%v)", back.Code, err)
	}
}

// fill sets every settable field of v to a non-zero value that survives a
// round trip: TypeMeta stays empty, times to whole seconds (Time) or microseconds (MicroTime),
// two elements per list and map. depth bounds recursive types.
func fill(v reflect.Value, depth int) {
	switch v.Type() {
	case reflect.TypeFor[metav1.Time]():
		v.Set(reflect.ValueOf(metav1.Unix(1_790_000_000+int64(depth), 0)))
		return
	case reflect.TypeFor[metav1.MicroTime]():
		v.Set(reflect.ValueOf(metav1.NewMicroTime(time.Unix(1_790_000_000, 123_456_000))))
		return
	case reflect.TypeFor[resource.Quantity]():
		v.Set(reflect.ValueOf(resource.MustParse("1500m")))
		return
	case reflect.TypeFor[intstr.IntOrString]():
		v.Set(reflect.ValueOf(intstr.FromString(fmt.Sprintf("port-%d", depth))))
		return
	case reflect.TypeFor[json.RawMessage]():
		v.SetBytes([]byte(`{}`))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("%s-%d", v.Type().Name(), depth))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(7 + depth))
	case reflect.Uint, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(7 + depth))
	case reflect.Pointer:
		if depth > 8 {
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), depth+1)
	case reflect.Slice:
		if isBytes(v.Type()) {
			v.SetBytes([]byte{0, 1, 0xff})
			return
		}
		if depth > 8 {
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), depth+1)
		}
	case reflect.Map:
		if depth > 8 {
			return
		}
		v.Set(reflect.MakeMap(v.Type()))
		for i := range 2 {
			k := reflect.New(v.Type().Key()).Elem()
			k.SetString(fmt.Sprintf("key-%d", i))
			e := reflect.New(v.Type().Elem()).Elem()
			fill(e, depth+1)
			v.SetMapIndex(k, e)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			// TypeMeta is not on the wire: the envelope carries the
			// kind of the top-level object, and nested ones have none.
			if sf := v.Type().Field(i); sf.IsExported() && sf.Name != "TypeMeta" {
				fill(v.Field(i), depth+1)
			}
		}
	}
}
