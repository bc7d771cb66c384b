// Objects: typed values in memory, JSON bytes in storage, and the parts of
// an object the rules below talk about (metadata, spec, status).
//
// Interface:
//   - (*Store).decode, encode, clone: bytes to typed object and back. What
//     is stored carries apiVersion and kind, as upstream's etcd values do;
//     a resource with a storage form (storageform.go) is stored as
//     another kind.
//   - desiredState(obj): everything outside metadata and status, as JSON,
//     the part whose change bumps metadata.generation.
//   - copyStatus(dst, src), withStatusOf(old, obj): the two halves of the
//     status subresource rule.
//
// The split works on any kind by name: a struct field called Status is
// the status, ObjectMeta and TypeMeta are the header, everything else is
// the desired state (Spec, or Data and Type of a Secret).
package registry

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// decode turns stored bytes into a new object of the Store's kind,
// converting from the storage form when there is one.
func (s *Store) decode(data []byte) (metav1.Object, error) {
	if s.form == nil {
		obj := s.res.New()
		if err := json.Unmarshal(data, obj); err != nil {
			return nil, fmt.Errorf("decode %s: %w", s.res.Resource, err)
		}
		return obj, nil
	}
	stored := s.form.res.New()
	if err := json.Unmarshal(data, stored); err != nil {
		return nil, fmt.Errorf("decode %s: %w", s.gr, err)
	}
	obj := s.form.fromStorage(stored)
	obj.GetObjectKind().SetGroupVersionKind(s.res.GroupVersionKind())
	return obj, nil
}

// encode returns obj as JSON with apiVersion and kind set to the Store's
// kind, whatever the client sent (the HTTP layer has already checked
// them); obj's are set too. With a storage form, the JSON is of the
// storage form's kind.
func (s *Store) encode(obj metav1.Object) ([]byte, error) {
	obj.GetObjectKind().SetGroupVersionKind(s.res.GroupVersionKind())
	stored := obj
	if s.form != nil {
		stored = s.form.toStorage(obj)
		stored.GetObjectKind().SetGroupVersionKind(s.form.res.GroupVersionKind())
	}
	data, err := json.Marshal(stored)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", s.gr, err)
	}
	return data, nil
}

// clone returns a deep copy of obj made through JSON, which is what the
// object would look like after a round trip through storage. A nil obj
// gives nil.
func (s *Store) clone(obj metav1.Object) metav1.Object {
	if obj == nil || reflect.ValueOf(obj).IsNil() {
		return nil
	}
	data, err := json.Marshal(obj)
	if err != nil {
		panic(fmt.Sprintf("registry: clone %T: %v", obj, err)) // every API type marshals
	}
	out := s.res.New()
	if err := json.Unmarshal(data, out); err != nil {
		panic(fmt.Sprintf("registry: clone %T: %v", obj, err))
	}
	return out
}

// desiredState returns the JSON of obj without apiVersion, kind,
// metadata and status: for most kinds, the spec. Two objects with equal
// desired states ask their controllers for the same thing.
func desiredState(obj metav1.Object) []byte {
	data, err := json.Marshal(obj)
	if err != nil {
		panic(fmt.Sprintf("registry: encode %T: %v", obj, err))
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		panic(fmt.Sprintf("registry: decode %T: %v", obj, err))
	}
	for _, header := range []string{"apiVersion", "kind", "metadata", "status"} {
		delete(m, header)
	}
	out, _ := json.Marshal(m) // map keys are sorted, so equal states give equal bytes
	return out
}

// specChanged reports whether obj asks for something else than old.
func specChanged(obj, old metav1.Object) bool {
	return !bytes.Equal(desiredState(obj), desiredState(old))
}

// statusField returns the Status field of the struct obj points to, and
// false for a kind without one.
func statusField(obj metav1.Object) (reflect.Value, bool) {
	f := reflect.ValueOf(obj).Elem().FieldByName("Status")
	return f, f.IsValid()
}

// copyStatus sets dst's status to src's (both of one kind): an update of
// the object itself does not change its status.
func copyStatus(dst, src metav1.Object) {
	d, ok := statusField(dst)
	s, _ := statusField(src)
	if ok {
		d.Set(s)
	}
}

// clearStatus resets obj's status to the zero value.
func clearStatus(obj metav1.Object) {
	if f, ok := statusField(obj); ok {
		f.Set(reflect.Zero(f.Type()))
	}
}

// withStatusOf returns what a write to the status subresource stores:
// the stored object old, with obj's status, and obj's resourceVersion
// (the client's precondition) and managedFields. Nothing else of obj is
// kept - neither spec nor labels, annotations, finalizers or owners, as
// upstream's ResetObjectMetaForStatus; old is modified and returned.
func withStatusOf(old, obj metav1.Object) metav1.Object {
	copyStatus(old, obj)
	meta, req := old.GetObjectMeta(), obj.GetObjectMeta()
	meta.ResourceVersion = req.ResourceVersion
	meta.ManagedFields = req.ManagedFields
	return old
}
