// Objects: the verbs on REST paths - create, get, update - and the
// dispatch to the others.
//
// Interface:
//   - serveObjects(w, r, body): dispatch by HTTP method and path to the
//     verb handlers below, list.go, delete.go, patch.go (patch, scale,
//     status, log) and watch.go; warnings become Warning headers.
//   - serveGet: one object, or its one-row Table.
//   - verbOf(r, t): the verb a request is, as discovery names verbs.
//
// decode.go checks request bodies; setup.go lets a test fill and read the
// store directly.
//
// Behaviour follows the API server where kubectl can see it: 201 on
// create, the object on delete, dryRun=All computes without storing,
// names and namespaces are checked, a list drops its items' apiVersion and
// kind, and ?labelSelector, ?fieldSelector, ?limit/continue work. Talk 004,
// step 2 ("save objects").
package testserver

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"slices"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// defaultNamespaces exist on every new cluster.
var defaultNamespaces = []string{"default", "kube-node-lease", "kube-public", "kube-system"}

// serveObjects answers a request for objects: find the target, name the
// verb, act, and write the answer.
func (s *Server) serveObjects(w http.ResponseWriter, r *http.Request, body []byte) {
	t, serr := s.parseTarget(r.URL.Path)
	if serr != nil {
		writeStatus(w, serr)
		return
	}
	verb, serr := verbOf(r, t)
	if serr != nil {
		writeStatus(w, serr)
		return
	}
	in := newWriteRequest(r, body)

	var obj map[string]any
	code := http.StatusOK
	switch {
	case t.sub == "scale":
		obj, serr = s.scale(r.Method, t, in)
	case t.sub == "status":
		obj, serr = s.status(r.Method, t, in)
	case t.sub == "log":
		s.serveLog(w, t)
		return
	case t.sub != "":
		// binding, eviction, exec, ...: the later stages' servers handle them.
		serr = errMethodNotAllowed()
	case verb == "watch":
		s.serveWatch(w, r, t)
		return
	case verb == "list":
		s.serveList(w, r, t)
		return
	case verb == "get":
		s.serveGet(w, r, t)
		return
	case verb == "create":
		obj, serr = s.create(t, in)
		code = http.StatusCreated
	case verb == "update":
		obj, serr = s.update(t, in)
	case verb == "patch":
		obj, code, serr = s.patch(t, in)
	case verb == "delete", verb == "deletecollection":
		var opts metav1.DeleteOptions
		if opts, serr = deleteOptions(r, body); serr != nil {
			break
		}
		if verb == "delete" {
			obj, serr = s.remove(t, opts)
		} else {
			obj, serr = s.deleteCollection(r, t, opts)
		}
	}
	if serr != nil {
		writeStatus(w, serr)
		return
	}
	if t.sub == "" {
		s.withTypeMeta(obj, t.res)
	}
	writeWarnings(w, in.warnings)
	writeJSON(w, code, contentTypeJSON, obj)
}

// serveGet answers a GET of one object: the object, or - when the Accept
// header asks for a Table, as "kubectl get deploy web" does - a Table with
// its one row.
func (s *Server) serveGet(w http.ResponseWriter, r *http.Request, t target) {
	obj, ok := s.store.get(t.key())
	if !ok {
		writeStatus(w, errNotFound(t.res.Group, t.res.Resource, t.name))
		return
	}
	if v := tableVersion(r); v != "" {
		table, serr := s.table(t.res, []map[string]any{obj}, r.URL.Query().Get("includeObject"))
		if serr != nil {
			writeStatus(w, serr)
			return
		}
		table.ResourceVersion, _ = metadataOf(obj)["resourceVersion"].(string)
		writeJSON(w, http.StatusOK, tableContentType(v), table)
		return
	}
	s.withTypeMeta(obj, t.res)
	writeJSON(w, http.StatusOK, contentTypeJSON, obj)
}

// verbOf names what r does to t with the verbs discovery lists (get,
// list, watch, create, update, patch, delete, deletecollection) and checks
// that the resource, or subresource, supports it.
func verbOf(r *http.Request, t target) (string, *statusError) {
	verb := map[string]string{
		http.MethodGet: "get", http.MethodPost: "create", http.MethodPut: "update",
		http.MethodPatch: "patch", http.MethodDelete: "delete",
	}[r.Method]
	q := r.URL.Query()
	switch {
	case t.sub != "":
		sub, _ := t.res.Subresource(t.sub)
		if !slices.Contains(sub.Verbs, verb) {
			return "", errMethodNotAllowed()
		}
		return verb, nil
	case verb == "get" && t.name == "" && (q.Get("watch") == "true" || q.Get("watch") == "1"):
		verb = "watch"
	case verb == "get" && t.name == "":
		verb = "list"
	case verb == "delete" && t.name == "":
		verb = "deletecollection"
	case verb == "create" && t.name != "":
		return "", errMethodNotAllowed()
	}
	if !t.res.HasVerb(verb) {
		return "", errMethodNotAllowed()
	}
	return verb, nil
}

// create stores the object in the request body under the collection t
// names.
func (s *Server) create(t target, in *writeRequest) (map[string]any, *statusError) {
	obj, serr := s.decodeBody(t, in)
	if serr != nil {
		return nil, serr
	}
	meta := metadataOf(obj)
	if ns, _ := meta["namespace"].(string); ns != "" && ns != t.namespace && t.res.Namespaced {
		return nil, errBadRequest("the namespace of the provided object does not match the namespace sent on the request")
	}
	if t.res.Namespaced {
		meta["namespace"] = t.namespace
		if _, ok := s.store.get(objectKey{resource: "namespaces", name: t.namespace}); !ok {
			return nil, errNotFound("", "namespaces", t.namespace)
		}
	} else {
		delete(meta, "namespace")
	}
	name, _ := meta["name"].(string)
	if gen, _ := meta["generateName"].(string); name == "" && gen != "" {
		name = gen + randomSuffix()
		meta["name"] = name
	}
	if serr := validateName(t.res, name); serr != nil {
		return nil, serr
	}
	delete(meta, "resourceVersion")
	t.name = name
	return s.store.create(t.key(), obj, in.dryRun)
}

// update replaces the named object with the request body.
func (s *Server) update(t target, in *writeRequest) (map[string]any, *statusError) {
	obj, serr := s.decodeBody(t, in)
	if serr != nil {
		return nil, serr
	}
	return s.replace(t, obj, in.dryRun)
}

// replace stores obj as the new state of the object t names. obj must fit
// the resource's Go type, which a patch may have broken.
func (s *Server) replace(t target, obj map[string]any, dryRun bool) (map[string]any, *statusError) {
	if serr := checkTypes(t.res, obj); serr != nil {
		return nil, serr
	}
	meta := metadataOf(obj)
	if name, _ := meta["name"].(string); name != t.name {
		return nil, errBadRequest(fmt.Sprintf("the name of the object (%s) does not match the name on the URL (%s)", name, t.name))
	}
	if t.res.Namespaced {
		meta["namespace"] = t.namespace
	}
	return s.store.update(t.key(), obj, dryRun)
}

// validateName checks metadata.name as the API server does for every kind:
// required, and a DNS-1123 subdomain.
func validateName(res *scheme.Resource, name string) *statusError {
	p := field.NewPath("metadata", "name")
	var causes []metav1.StatusCause
	if name == "" {
		causes = append(causes, metav1.StatusCause{Type: metav1.CauseTypeFieldValueRequired, Field: p.String(),
			Message: "Required value: name or generateName is required"})
	} else {
		for _, msg := range validation.IsDNS1123Subdomain(name) {
			causes = append(causes, metav1.StatusCause{Type: metav1.CauseTypeFieldValueInvalid, Field: p.String(),
				Message: fmt.Sprintf("Invalid value: %q: %s", name, msg)})
		}
	}
	if len(causes) == 0 {
		return nil
	}
	return errInvalid(res.Group, res.Kind, name, causes)
}

// withTypeMeta sets apiVersion and kind to the served version.
func (s *Server) withTypeMeta(obj map[string]any, res *scheme.Resource) {
	obj["apiVersion"], obj["kind"] = res.GroupVersion().String(), res.Kind
}

// listObject wraps items in a <Kind>List, dropping each item's apiVersion
// and kind as the API server does.
func (s *Server) listObject(res *scheme.Resource, items []map[string]any, rv, cont string) map[string]any {
	out := make([]any, 0, len(items))
	for _, item := range items {
		delete(item, "apiVersion")
		delete(item, "kind")
		out = append(out, item)
	}
	meta := map[string]any{"resourceVersion": rv}
	if cont != "" {
		meta["continue"] = cont
	}
	return map[string]any{"apiVersion": res.GroupVersion().String(), "kind": res.ListKind, "metadata": meta, "items": out}
}

// randomSuffix returns the five characters generateName gets, drawn from
// upstream's alphabet (no vowels, no look-alike characters).
func randomSuffix() string {
	const alphabet = "bcdfghjklmnpqrstvwxz2456789"
	var b [5]byte
	rand.Read(b[:])
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b[:])
}
