// Deletes: DeleteOptions, and what a delete does to an object's
// dependents.
//
// Interface:
//   - deleteOptions(r, body): the options of a DELETE, read from its body
//     (kubectl sends a DeleteOptions document) or, without one, from the
//     query, as the API server reads them; checked like upstream's.
//   - (*Server).remove(t, opts): delete one object; deleteCollection the
//     ones a selector picks.
//
// Options: dryRun ["All"] computes the answer and changes nothing;
// propagationPolicy decides the dependents' fate (objects whose
// ownerReferences name the deleted uid): Background and Foreground delete
// them, as the garbage collector would, and Orphan removes the owner
// reference and keeps them. gracePeriodSeconds: a pod is deleted
// gracefully upstream - kept with a deletionTimestamp until its kubelet
// confirms - and the answer shows that timestamp; with no kubelet here the
// pod is removed at once. Deleting a namespace deletes what is in it, as
// the namespace controller does. Talk 002, the Ghost demo's "delete";
// talk 000, "deployment and replicaset controllers" (the owner references
// that tie a Deployment to its ReplicaSets and their pods).
package testserver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// propagationPolicies are the values propagationPolicy may take.
var propagationPolicies = []metav1.DeletionPropagation{
	metav1.DeletePropagationForeground, metav1.DeletePropagationBackground, metav1.DeletePropagationOrphan,
}

// defaultPodGracePeriod is the grace period of a pod whose spec sets none.
const defaultPodGracePeriod = 30

// deleteOptions reads a DELETE's options: the body's DeleteOptions when
// it has one, the query parameters otherwise (never both, as upstream).
// A body that is not a DeleteOptions is a 400; a dryRun other than "All"
// or an unknown propagationPolicy a 422.
func deleteOptions(r *http.Request, body []byte) (metav1.DeleteOptions, *statusError) {
	var opts metav1.DeleteOptions
	if len(bytes.TrimSpace(body)) > 0 {
		if err := json.Unmarshal(body, &opts); err != nil {
			return opts, errBadRequest(fmt.Sprintf("the body of the request could not be decoded as DeleteOptions: %v", err))
		}
	} else {
		q := r.URL.Query()
		opts.DryRun = q["dryRun"]
		if v := q.Get("gracePeriodSeconds"); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return opts, errBadRequest(fmt.Sprintf("gracePeriodSeconds: invalid value %q: must be an integer", v))
			}
			opts.GracePeriodSeconds = &n
		}
		if v := q.Get("propagationPolicy"); v != "" {
			p := metav1.DeletionPropagation(v)
			opts.PropagationPolicy = &p
		}
	}

	var errs field.ErrorList
	for _, v := range opts.DryRun {
		if v != metav1.DryRunAll {
			errs = append(errs, field.NotSupported(field.NewPath("dryRun"), v, []string{metav1.DryRunAll}))
		}
	}
	if p := opts.PropagationPolicy; p != nil && !slices.Contains(propagationPolicies, *p) {
		errs = append(errs, field.NotSupported(field.NewPath("propagationPolicy"), string(*p), propagationPolicies))
	}
	if len(errs) == 0 {
		return opts, nil
	}
	causes := make([]metav1.StatusCause, len(errs))
	for i, e := range errs {
		causes[i] = metav1.StatusCause{Type: metav1.CauseType(e.Type), Field: e.Field, Message: e.ErrorBody()}
	}
	return opts, errInvalid("meta.k8s.io", "DeleteOptions", "", causes)
}

// dryRun reports whether opts ask for a dry run.
func dryRun(opts metav1.DeleteOptions) bool { return slices.Contains(opts.DryRun, metav1.DryRunAll) }

// remove deletes the object t names and returns it; then its dependents
// and, for a namespace, its contents go too (see the file comment).
func (s *Server) remove(t target, opts metav1.DeleteOptions) (map[string]any, *statusError) {
	obj, serr := s.store.remove(t.key(), dryRun(opts))
	if serr != nil {
		return nil, serr
	}
	if dryRun(opts) {
		return withGracePeriod(t.res, obj, opts), nil
	}
	policy := metav1.DeletePropagationBackground
	if opts.PropagationPolicy != nil {
		policy = *opts.PropagationPolicy
	}
	s.handleDependents(uidOf(obj), policy)
	if t.res.Group == "" && t.res.Resource == "namespaces" {
		s.deleteNamespaceContents(t.name)
	}
	return withGracePeriod(t.res, obj, opts), nil
}

// withGracePeriod marks a deleted pod the way the API server's answer to
// a graceful delete does: deletionTimestamp (now plus the grace period) and
// deletionGracePeriodSeconds. The grace period is the request's, else the
// pod's terminationGracePeriodSeconds, else 30 seconds; 0 leaves obj as
// it is (an immediate delete). Other kinds are deleted without grace.
func withGracePeriod(res *scheme.Resource, obj map[string]any, opts metav1.DeleteOptions) map[string]any {
	if res.Group != "" || res.Resource != "pods" {
		return obj
	}
	grace, ok := unstructured.NestedInt64(obj, "spec", "terminationGracePeriodSeconds")
	if !ok {
		grace = defaultPodGracePeriod
	}
	if opts.GracePeriodSeconds != nil {
		grace = *opts.GracePeriodSeconds
	}
	if grace <= 0 {
		return obj
	}
	meta := metadataOf(obj)
	meta["deletionTimestamp"] = time.Now().UTC().Add(time.Duration(grace) * time.Second).Format(time.RFC3339)
	meta["deletionGracePeriodSeconds"] = grace
	return obj
}

// handleDependents applies policy to every object with an owner reference
// to ownerUID: Orphan drops that reference, Background and Foreground
// delete the object - and, in turn, its own dependents.
func (s *Server) handleDependents(ownerUID string, policy metav1.DeletionPropagation) {
	if ownerUID == "" {
		return
	}
	for _, obj := range s.Objects() {
		refs, _ := unstructured.NestedSlice(obj, "metadata", "ownerReferences")
		kept := slices.DeleteFunc(slices.Clone(refs), func(ref any) bool {
			m, _ := ref.(map[string]any)
			return m["uid"] == ownerUID
		})
		if len(kept) == len(refs) {
			continue
		}
		res, ok := s.api.byKind(unstructured.APIVersion(obj), unstructured.Kind(obj))
		if !ok {
			continue
		}
		key := objectKey{res.Group, res.Resource, unstructured.Namespace(obj), unstructured.Name(obj)}
		if policy == metav1.DeletePropagationOrphan {
			if len(kept) == 0 {
				delete(metadataOf(obj), "ownerReferences")
			} else {
				metadataOf(obj)["ownerReferences"] = kept
			}
			s.store.update(key, obj, false)
			continue
		}
		if gone, serr := s.store.remove(key, false); serr == nil {
			s.handleDependents(uidOf(gone), policy)
		}
	}
}

// deleteCollection removes every object of the collection that matches
// the selectors and returns them as a list.
func (s *Server) deleteCollection(r *http.Request, t target, opts metav1.DeleteOptions) (map[string]any, *statusError) {
	items, rv, serr := s.selected(r, t)
	if serr != nil {
		return nil, serr
	}
	for _, item := range items {
		one := t
		one.namespace, one.name = unstructured.Namespace(item), unstructured.Name(item)
		// A NotFound means an earlier item's delete took this one along
		// as its dependent.
		if _, serr := s.remove(one, opts); serr != nil && serr.status.Code != http.StatusNotFound {
			return nil, serr
		}
	}
	return s.listObject(t.res, items, rv, ""), nil
}

// deleteNamespaceContents removes every object in namespace ns, as the
// namespace controller does once a namespace is deleted.
func (s *Server) deleteNamespaceContents(ns string) {
	for _, obj := range s.Objects() {
		if unstructured.Namespace(obj) != ns {
			continue
		}
		if res, ok := s.api.byKind(unstructured.APIVersion(obj), unstructured.Kind(obj)); ok {
			s.store.remove(objectKey{res.Group, res.Resource, ns, unstructured.Name(obj)}, false)
		}
	}
}

// uidOf returns obj's metadata.uid, or "".
func uidOf(obj map[string]any) string {
	uid, _ := unstructured.NestedString(obj, "metadata", "uid")
	return uid
}
