// Create: POST of a new object to its collection.
//
// Interface:
//   - (*Handler).create: decodes the body (decode.go) into the resource's
//     Go type, puts it in the URL's namespace (400 when the body names
//     another), and hands it to Storage.Create with dryRun and
//     fieldManager; answers 201 Created with the stored object.
//   - readObject: the body of a POST or PUT decoded, its name checked
//     against the URL's when the caller asks (a nameCheck) and its
//     namespace against the request's (ensureNamespace, upstream's rule);
//     create, update, binding and eviction all read their body this way,
//     the POSTs through readCreate, which parses their options first.
//
// Defaults, validation (422) and the write itself happen in the registry:
// nothing is stored when any step fails. Talk 004, step 2 ("save objects"),
// and talk 000, "write to etcd".
package endpoints

import (
	"net/http"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/patch"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// create serves POST to a collection.
func (h *Handler) create(rq *request) {
	if rq.store == nil { // the bindings resource, served by the binding storage
		h.createBinding(rq)
		return
	}
	obj := rq.res.New()
	opts, err := h.readCreate(rq, kindOf(rq), obj, nil)
	if err != nil {
		writeError(rq, err)
		return
	}
	opts.FieldManager = patch.ManagerOrUserAgent(opts.FieldManager, rq.r.UserAgent())
	setManagedFields(fieldManagerFor(rq), nil, obj, opts.FieldManager)
	opts.Admission = h.admissionFor(rq, opts.DryRun)
	out, err := rq.store.Create(rq.ctx, rq.namespace, obj, opts)
	if err != nil {
		writeError(rq, err)
		return
	}
	writeObject(rq, http.StatusCreated, out)
}

// decodeRequest reads rq's body (413 past the limit) and decodes it into
// into, an object of kind want.
func (h *Handler) decodeRequest(rq *request, want metav1.GroupVersionKind, into metav1.Object, directive string) error {
	body, err := readBody(rq, h.opts.MaxRequestBodyBytes)
	if err != nil {
		return err
	}
	return decodeObject(rq, body, rq.r.Header.Get("Content-Type"), want, into, directive)
}

// nameCheck checks a decoded body's name against the URL's, failing with
// the 400 upstream answers a mismatch with; nil checks nothing (a create
// takes its name from the body).
type nameCheck func(obj metav1.Object) error

// readObject reads the object a POST or PUT writes: rq's body decoded
// into into, an object of kind want (decodeRequest); then check, when not
// nil, on its name; then ensureNamespace. The first failure is returned,
// in that order, and into may be partly filled.
func (h *Handler) readObject(rq *request, want metav1.GroupVersionKind, into metav1.Object, directive string, check nameCheck) error {
	if err := h.decodeRequest(rq, want, into, directive); err != nil {
		return err
	}
	if check != nil {
		if err := check(into); err != nil {
			return err
		}
	}
	return ensureNamespace(into, rq.namespace)
}

// readCreate reads a POST: its options (createOptions), then its body
// into into, an object of kind want, with readObject's checks.
func (h *Handler) readCreate(rq *request, want metav1.GroupVersionKind, into metav1.Object, check nameCheck) (registry.CreateOptions, error) {
	opts, directive, err := createOptions(rq.r.URL.Query())
	if err != nil {
		return opts, err
	}
	return opts, h.readObject(rq, want, into, directive, check)
}

// ensureNamespace applies upstream's rule to obj's namespace: empty takes
// the request's; a cluster-scoped request (namespace "") clears it; any
// other difference is a 400.
func ensureNamespace(obj metav1.Object, namespace string) error {
	meta := obj.GetObjectMeta()
	switch {
	case meta.Namespace == namespace:
	case meta.Namespace == "" || namespace == "":
		meta.Namespace = namespace
	default:
		return apierrors.NewBadRequest("the namespace of the provided object does not match the namespace sent on the request")
	}
	return nil
}
