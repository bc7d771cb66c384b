// Create: POST of a new object to its collection.
//
// Interface:
//   - (*Handler).create: decodes the body (decode.go) into the resource's
//     Go type, puts it in the URL's namespace (400 when the body names
//     another), and hands it to Storage.Create with dryRun and
//     fieldManager; answers 201 Created with the stored object.
//   - ensureNamespace: upstream's rule for the body's namespace against
//     the request's.
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
)

// create serves POST to a collection.
func (h *Handler) create(rq *request) {
	if rq.store == nil { // the bindings resource, served by the binding storage
		h.createBinding(rq)
		return
	}
	opts, directive, err := createOptions(rq.r.URL.Query())
	if err != nil {
		writeError(rq, err)
		return
	}
	obj := rq.res.New()
	if err := h.decodeRequest(rq, kindOf(rq), obj, directive); err != nil {
		writeError(rq, err)
		return
	}
	if err := ensureNamespace(obj, rq.namespace); err != nil {
		writeError(rq, err)
		return
	}
	opts.FieldManager = patch.ManagerOrUserAgent(opts.FieldManager, rq.r.UserAgent())
	recordUpdate(fieldManagerFor(rq), nil, obj, opts.FieldManager)
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
