// Deep copies: a private copy of a typed object, without going through
// JSON.
//
// Interface:
//   - deepCopy(obj): a copy of obj that shares nothing the copy's owner
//     could change (maps, slices, pointers) with obj.
//
// Create needs a private copy of the caller's object to fill in; clone
// (object.go) makes one by a JSON round trip, which on a create cost as
// much CPU as the etcd client's whole transaction and twice the garbage
// of the object itself. Walking the Go value with reflect does the same
// in a tenth of the time. Unlike clone it does not normalise: the copy is
// the object as the caller built it (nanosecond times, empty maps), which
// is what upstream's generated DeepCopy gives too; the stored copy is
// normalised anyway, by the write's encoding.
package registry

import (
	"reflect"
	"sync"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// deepCopy returns a copy of obj whose maps, slices, pointers and
// interfaces are copies too, down to the leaves; nil gives nil. Unexported
// fields are copied as they are, shallowly: the API types keep in them
// only values they never change after setting (resource.Quantity's
// number, time.Time's location).
func deepCopy(obj metav1.Object) metav1.Object {
	v := reflect.ValueOf(obj)
	if !v.IsValid() || v.IsNil() {
		return nil
	}
	return copyValue(v).Interface().(metav1.Object)
}

// copyValue returns a deep copy of v, a value of the same type.
func copyValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(copyValue(v.Elem()))
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v) // every field, the unexported ones included, shallowly
		t := v.Type()
		for i := range t.NumField() {
			if t.Field(i).IsExported() && holdsReferences(t.Field(i).Type) {
				out.Field(i).Set(copyValue(v.Field(i)))
			}
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		if !holdsReferences(v.Type().Elem()) {
			reflect.Copy(out, v) // []byte, []string: one copy
			return out
		}
		for i := range v.Len() {
			out.Index(i).Set(copyValue(v.Index(i)))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			out.SetMapIndex(it.Key(), copyValue(it.Value()))
		}
		return out
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(copyValue(v.Elem()))
		return out
	case reflect.Array:
		out := reflect.New(v.Type()).Elem()
		for i := range v.Len() {
			out.Index(i).Set(copyValue(v.Index(i)))
		}
		return out
	}
	return v // strings, numbers, booleans: values already
}

// referenceTypes caches holdsReferences for struct types, which would
// otherwise walk their fields on every copy: reflect.Type to bool.
var referenceTypes sync.Map

// holdsReferences reports whether a value of type t can share memory
// with another: false for strings, numbers and booleans, and for structs
// and arrays of them, which assignment copies whole.
func holdsReferences(t reflect.Type) bool {
	if t.Kind() == reflect.Struct {
		if known, ok := referenceTypes.Load(t); ok {
			return known.(bool)
		}
		refs := structHoldsReferences(t)
		referenceTypes.Store(t, refs)
		return refs
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		return true
	case reflect.Array:
		return holdsReferences(t.Elem())
	}
	return false
}

// structHoldsReferences is holdsReferences for a struct type: whether
// any exported field holds references.
func structHoldsReferences(t reflect.Type) bool {
	for i := range t.NumField() {
		if t.Field(i).IsExported() && holdsReferences(t.Field(i).Type) {
			return true
		}
	}
	return false
}
