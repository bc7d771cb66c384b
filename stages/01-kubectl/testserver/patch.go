// Patches and subresources: PATCH, /scale, /status and /log.
//
// Interface:
//   - patch: JSON patch (RFC 6902), JSON merge patch (RFC 7386), strategic
//     merge patch (read as a merge patch: lists are replaced, not merged by
//     key) and server-side apply (a merge that creates a missing object).
//   - scale: the Scale (autoscaling/v1) view of spec.replicas that
//     "kubectl scale" reads and patches.
//   - status: the object, with writes limited to its status.
//   - (*Server).SetLog and serveLog: the text "kubectl logs" gets.
//
// Patches are applied with github.com/evanphx/json-patch/v5, the library
// upstream uses.
package testserver

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"

	jsonpatch "github.com/evanphx/json-patch/v5"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

// The patch media types kubectl sends.
const (
	patchJSON      = "application/json-patch+json"
	patchMerge     = "application/merge-patch+json"
	patchStrategic = "application/strategic-merge-patch+json"
	patchApply     = "application/apply-patch+yaml"
)

// patch applies body to the object t names. Server-side apply of a
// missing object creates it (201); everything else answers 200.
func (s *Server) patch(t target, in *writeRequest) (map[string]any, int, *statusError) {
	pt, _, _ := mime.ParseMediaType(in.contentType)
	cur, ok := s.store.get(t.key())
	if !ok {
		if pt == patchApply {
			asYAML := *in
			asYAML.contentType = "application/yaml"
			obj, serr := s.create(t, &asYAML)
			in.warnings = asYAML.warnings
			return obj, http.StatusCreated, serr
		}
		return nil, 0, errNotFound(t.res.Group, t.res.Resource, t.name)
	}
	patched, serr := applyPatch(cur, in.body, pt)
	if serr != nil {
		return nil, 0, serr
	}
	out, serr := s.replace(t, patched, in.dryRun)
	return out, http.StatusOK, serr
}

// applyPatch returns cur with patch applied.
func applyPatch(cur map[string]any, patch []byte, patchType string) (map[string]any, *statusError) {
	doc, err := json.Marshal(cur)
	if err != nil {
		return nil, errInternal(err)
	}
	var out []byte
	switch patchType {
	case patchJSON:
		var p jsonpatch.Patch
		if p, err = jsonpatch.DecodePatch(patch); err == nil {
			out, err = p.Apply(doc)
		}
	case patchMerge, patchStrategic:
		out, err = jsonpatch.MergePatch(doc, patch)
	case patchApply:
		var j []byte
		if j, err = codec.ToJSON(patch); err == nil {
			out, err = jsonpatch.MergePatch(doc, j)
		}
	default:
		return nil, errUnsupportedMediaType(fmt.Sprintf("%s, %s, %s, %s", patchJSON, patchMerge, patchStrategic, patchApply))
	}
	if err != nil {
		return nil, errBadRequest(fmt.Sprintf("the patch could not be applied: %v", err))
	}
	obj, err := codec.DecodeUnstructured(out)
	if err != nil {
		return nil, errBadRequest(fmt.Sprintf("the patched object could not be decoded: %v", err))
	}
	return obj, nil
}

// scale serves /scale: GET reads, PUT and PATCH change spec.replicas.
func (s *Server) scale(method string, t target, in *writeRequest) (map[string]any, *statusError) {
	cur, ok := s.store.get(t.key())
	if !ok {
		return nil, errNotFound(t.res.Group, t.res.Resource, t.name)
	}
	var next map[string]any
	switch method {
	case http.MethodGet:
		return scaleOf(cur), nil
	case http.MethodPut:
		var err error
		if next, err = codec.DecodeUnstructured(in.body); err != nil {
			return nil, errBadRequest(fmt.Sprintf("the body of the request could not be decoded: %v", err))
		}
		// A Scale with a resourceVersion is a precondition on the object.
		if rv, ok := unstructured.NestedString(next, "metadata", "resourceVersion"); ok && rv != "" {
			unstructured.SetNestedField(cur, rv, "metadata", "resourceVersion")
		}
	case http.MethodPatch:
		pt, _, _ := mime.ParseMediaType(in.contentType)
		var serr *statusError
		if next, serr = applyPatch(scaleOf(cur), in.body, pt); serr != nil {
			return nil, serr
		}
	default:
		return nil, errMethodNotAllowed()
	}
	replicas, ok := unstructured.NestedInt64(next, "spec", "replicas")
	if !ok || replicas < 0 {
		return nil, errInvalid("autoscaling", "Scale", t.name, []metav1.StatusCause{{
			Type: metav1.CauseTypeFieldValueInvalid, Field: "spec.replicas",
			Message: fmt.Sprintf("Invalid value: %v: must be greater than or equal to 0", replicas),
		}})
	}
	unstructured.SetNestedField(cur, replicas, "spec", "replicas")
	out, serr := s.replace(t, cur, in.dryRun)
	if serr != nil {
		return nil, serr
	}
	return scaleOf(out), nil
}

// scaleOf builds the Scale view of an object with spec.replicas.
func scaleOf(obj map[string]any) map[string]any {
	meta := map[string]any{}
	for _, k := range []string{"name", "namespace", "uid", "resourceVersion", "creationTimestamp"} {
		if v, ok := metadataOf(obj)[k]; ok {
			meta[k] = v
		}
	}
	specReplicas, _ := unstructured.NestedInt64(obj, "spec", "replicas")
	statusReplicas, _ := unstructured.NestedInt64(obj, "status", "replicas")
	status := map[string]any{"replicas": statusReplicas}
	if sel, ok := unstructured.NestedMap(obj, "spec", "selector"); ok {
		var ls metav1.LabelSelector
		if data, err := json.Marshal(sel); err == nil && json.Unmarshal(data, &ls) == nil {
			if parsed, err := labels.FromLabelSelector(&ls); err == nil {
				status["selector"] = parsed.String()
			}
		}
	}
	return map[string]any{
		"kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": meta,
		"spec": map[string]any{"replicas": specReplicas}, "status": status,
	}
}

// status serves /status: GET reads the object; PUT and PATCH change only
// its status.
func (s *Server) status(method string, t target, in *writeRequest) (map[string]any, *statusError) {
	cur, ok := s.store.get(t.key())
	if !ok {
		return nil, errNotFound(t.res.Group, t.res.Resource, t.name)
	}
	var next map[string]any
	switch method {
	case http.MethodGet:
		s.withTypeMeta(cur, t.res)
		return cur, nil
	case http.MethodPut:
		var serr *statusError
		if next, serr = s.decodeBody(t, in); serr != nil {
			return nil, serr
		}
	case http.MethodPatch:
		pt, _, _ := mime.ParseMediaType(in.contentType)
		var serr *statusError
		if next, serr = applyPatch(cur, in.body, pt); serr != nil {
			return nil, serr
		}
	default:
		return nil, errMethodNotAllowed()
	}
	cur["status"] = next["status"]
	if rv, ok := unstructured.NestedString(next, "metadata", "resourceVersion"); ok && rv != "" {
		unstructured.SetNestedField(cur, rv, "metadata", "resourceVersion")
	}
	out, serr := s.replace(t, cur, in.dryRun)
	if serr == nil {
		s.withTypeMeta(out, t.res)
	}
	return out, serr
}

// SetLog sets the text GET .../pods/{name}/log returns for a pod.
func (s *Server) SetLog(namespace, pod, text string) {
	s.logsMu.Lock()
	defer s.logsMu.Unlock()
	if s.logs == nil {
		s.logs = map[string]string{}
	}
	s.logs[namespace+"/"+pod] = text
}

// serveLog answers GET of a pod's log with the text SetLog stored (empty
// when none was).
func (s *Server) serveLog(w http.ResponseWriter, t target) {
	if _, ok := s.store.get(t.key()); !ok {
		writeStatus(w, errNotFound(t.res.Group, t.res.Resource, t.name))
		return
	}
	s.logsMu.Lock()
	text := s.logs[t.namespace+"/"+t.name]
	s.logsMu.Unlock()
	w.Header().Set("Content-Type", "text/plain")
	w.WriteHeader(http.StatusOK)
	w.Write([]byte(text))
}
