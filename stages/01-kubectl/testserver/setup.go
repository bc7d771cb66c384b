// Setting up and inspecting the store from a test.
//
// Interface:
//   - (*Server).Create(obj): store a typed object or a map, as a POST would.
//   - (*Server).Objects() and Object(apiVersion, kind, namespace, name):
//     read what the client left behind.
//   - seedNamespaces: default, kube-node-lease, kube-public and kube-system
//     exist from the start, as on a new cluster.
package testserver

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"

	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

// seedNamespaces creates the namespaces every cluster starts with.
func (s *Server) seedNamespaces() {
	for _, ns := range defaultNamespaces {
		obj := map[string]any{"apiVersion": "v1", "kind": "Namespace", "metadata": map[string]any{"name": ns},
			"spec": map[string]any{"finalizers": []any{"kubernetes"}}, "status": map[string]any{"phase": "Active"}}
		s.store.create(objectKey{resource: "namespaces", name: ns}, obj, false)
	}
}

// Create stores obj as a POST would and returns the stored object. obj is
// a map with apiVersion and kind, or a typed API object (*appsv1.Deployment),
// whose apiVersion and kind may be left empty. Objects without a namespace
// go to "default".
func (s *Server) Create(obj any) (map[string]any, error) {
	data, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("encode object: %w", err)
	}
	m, err := codec.DecodeUnstructured(data)
	if err != nil {
		return nil, err
	}
	res, ok := s.api.byKind(unstructured.APIVersion(m), unstructured.Kind(m))
	if !ok {
		res, ok = byGoType(obj)
	}
	if !ok {
		return nil, fmt.Errorf("store %s %s: the server has no such kind", unstructured.APIVersion(m), unstructured.Kind(m))
	}
	ns := unstructured.Namespace(m)
	if res.Namespaced && ns == "" {
		ns = "default"
	}
	out, serr := s.create(target{res: res, namespace: ns}, &writeRequest{body: data, contentType: contentTypeJSON})
	if serr != nil {
		return nil, serr
	}
	s.withTypeMeta(out, res)
	return out, nil
}

// Objects returns a copy of every stored object with its apiVersion and
// kind, sorted by apiVersion, kind, namespace and name.
func (s *Server) Objects() []map[string]any {
	var out []map[string]any
	for _, res := range s.api.all() {
		items, _ := s.store.list(res.Group, res.Resource, "")
		for _, item := range items {
			s.withTypeMeta(item, res)
			out = append(out, item)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		for _, f := range []func(map[string]any) string{unstructured.APIVersion, unstructured.Kind, unstructured.Namespace, unstructured.Name} {
			if f(a) != f(b) {
				return f(a) < f(b)
			}
		}
		return false
	})
	return out
}

// Object returns a copy of one stored object; apiVersion is "v1" or
// "group/version", namespace "" for cluster-scoped kinds.
func (s *Server) Object(apiVersion, kind, namespace, name string) (map[string]any, bool) {
	res, ok := s.api.byKind(apiVersion, kind)
	if !ok {
		return nil, false
	}
	obj, ok := s.store.get(objectKey{res.Group, res.Resource, namespace, name})
	if ok {
		s.withTypeMeta(obj, res)
	}
	return obj, ok
}

// byGoType finds the scheme resource whose objects have obj's Go type.
func byGoType(obj any) (*scheme.Resource, bool) {
	for _, r := range scheme.All() {
		if reflect.TypeOf(r.New()) == reflect.TypeOf(obj) {
			return r, true
		}
	}
	return nil, false
}
