// Nested field access for JSON-shaped maps.
//
// Interface:
//   - NestedField and its typed forms (NestedString, NestedMap, NestedSlice,
//     NestedInt64, NestedBool, NestedStringMap) read a value at a path;
//     the bool result says whether it was there with that type.
//   - SetNestedField and RemoveNestedField write, creating or pruning maps.
//   - APIVersion, Kind, Name, Namespace and friends read the identity fields.
//
// Numbers may be float64 (encoding/json's default), json.Number or any Go
// integer type, since objects reach here both from JSON and from code.
package unstructured

import (
	"encoding/json"
	"math"
)

// NestedField returns the value at fields inside obj.
func NestedField(obj map[string]any, fields ...string) (any, bool) {
	var cur any = obj
	for _, f := range fields {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		cur, ok = m[f]
		if !ok {
			return nil, false
		}
	}
	return cur, true
}

// NestedString returns the string at fields; false if absent or not a string.
func NestedString(obj map[string]any, fields ...string) (string, bool) {
	v, ok := NestedField(obj, fields...)
	s, isStr := v.(string)
	return s, ok && isStr
}

// NestedBool returns the boolean at fields.
func NestedBool(obj map[string]any, fields ...string) (bool, bool) {
	v, ok := NestedField(obj, fields...)
	b, isBool := v.(bool)
	return b, ok && isBool
}

// NestedMap returns the object at fields.
func NestedMap(obj map[string]any, fields ...string) (map[string]any, bool) {
	v, ok := NestedField(obj, fields...)
	m, isMap := v.(map[string]any)
	return m, ok && isMap
}

// NestedSlice returns the list at fields.
func NestedSlice(obj map[string]any, fields ...string) ([]any, bool) {
	v, ok := NestedField(obj, fields...)
	s, isSlice := v.([]any)
	return s, ok && isSlice
}

// NestedStringMap returns a map of strings (labels, annotations) at fields;
// false if absent or if any value is not a string.
func NestedStringMap(obj map[string]any, fields ...string) (map[string]string, bool) {
	m, ok := NestedMap(obj, fields...)
	if !ok {
		return nil, false
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		s, isStr := v.(string)
		if !isStr {
			return nil, false
		}
		out[k] = s
	}
	return out, true
}

// NestedInt64 returns the whole number at fields. A float with a fractional
// part is not a whole number and reports false.
func NestedInt64(obj map[string]any, fields ...string) (int64, bool) {
	v, ok := NestedField(obj, fields...)
	if !ok {
		return 0, false
	}
	return ToInt64(v)
}

// ToInt64 converts a JSON number of any representation to int64.
func ToInt64(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int32:
		return int64(n), true
	case int64:
		return n, true
	case float64:
		if n != math.Trunc(n) || math.IsInf(n, 0) {
			return 0, false
		}
		return int64(n), true
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	}
	return 0, false
}

// SetNestedField stores value at fields, creating intermediate maps. An
// intermediate value that is not a map is replaced.
func SetNestedField(obj map[string]any, value any, fields ...string) {
	if len(fields) == 0 {
		return
	}
	m := obj
	for _, f := range fields[:len(fields)-1] {
		next, ok := m[f].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[f] = next
		}
		m = next
	}
	m[fields[len(fields)-1]] = value
}

// RemoveNestedField deletes the value at fields, if present.
func RemoveNestedField(obj map[string]any, fields ...string) {
	if len(fields) == 0 {
		return
	}
	parent, ok := NestedMap(obj, fields[:len(fields)-1]...)
	if len(fields) == 1 {
		parent, ok = obj, true
	}
	if ok {
		delete(parent, fields[len(fields)-1])
	}
}

// APIVersion returns obj's apiVersion ("v1", "apps/v1").
func APIVersion(obj map[string]any) string { s, _ := NestedString(obj, "apiVersion"); return s }

// Kind returns obj's kind ("Deployment").
func Kind(obj map[string]any) string { s, _ := NestedString(obj, "kind"); return s }

// Name returns metadata.name.
func Name(obj map[string]any) string { s, _ := NestedString(obj, "metadata", "name"); return s }

// Namespace returns metadata.namespace.
func Namespace(obj map[string]any) string {
	s, _ := NestedString(obj, "metadata", "namespace")
	return s
}

// GenerateName returns metadata.generateName.
func GenerateName(obj map[string]any) string {
	s, _ := NestedString(obj, "metadata", "generateName")
	return s
}

// Labels returns metadata.labels (nil if none).
func Labels(obj map[string]any) map[string]string {
	m, _ := NestedStringMap(obj, "metadata", "labels")
	return m
}

// Annotations returns metadata.annotations (nil if none).
func Annotations(obj map[string]any) map[string]string {
	m, _ := NestedStringMap(obj, "metadata", "annotations")
	return m
}

// DeepCopy returns a copy of a JSON-shaped value that shares no maps or
// slices with v. Values that are not JSON-shaped are copied by assignment.
func DeepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = DeepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = DeepCopy(e)
		}
		return out
	}
	return v
}

// DeepCopyMap is DeepCopy for an object.
func DeepCopyMap(obj map[string]any) map[string]any {
	if obj == nil {
		return nil
	}
	return DeepCopy(obj).(map[string]any)
}
