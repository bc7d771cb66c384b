// Update: PUT of a whole object.
//
// Interface:
//   - (*Handler).update: decodes the body like a create, checks that its
//     name is the URL's (400 otherwise) and its namespace the request's,
//     and calls Storage.Update with an UpdateFunc that returns it. The
//     object's resourceVersion makes the write a compare-and-swap: stale
//     is a 409 Conflict (talk 003, "etcd"). Answers 200, or 201 when the
//     object did not exist and the resource allows creating by PUT
//     (services, endpoints, leases, RBAC objects, ... as upstream).
//   - writeUpdated: the answer of a PUT or PATCH (200, or 201 when the
//     write created the object), shared with patch.go.
//   - setManagedFields: the managedFields of a create or PUT, recorded
//     on the typed object.
//   - The status and finalize subresources go through here too, with
//     UpdateOptions.Subresource set: the registry then keeps everything
//     but the status (or the finalizers).
//
// Talk 004, step 6 ("update objects"): a controller's status write.
package endpoints

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"k8s.io/klog/v2"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/patch"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// allowCreateOnUpdate lists the resources whose PUT creates a missing
// object: upstream's strategies with AllowCreateOnUpdate true. Others
// answer 404.
var allowCreateOnUpdate = map[metav1.GroupResource]bool{
	{Resource: "endpoints"}: true, {Resource: "events"}: true, {Resource: "limitranges"}: true, {Resource: "services"}: true,
	{Group: "discovery.k8s.io", Resource: "endpointslices"}: true, {Group: "coordination.k8s.io", Resource: "leases"}: true,
	{Group: "rbac.authorization.k8s.io", Resource: "roles"}: true, {Group: "rbac.authorization.k8s.io", Resource: "rolebindings"}: true,
	{Group: "rbac.authorization.k8s.io", Resource: "clusterroles"}: true, {Group: "rbac.authorization.k8s.io", Resource: "clusterrolebindings"}: true,
}

// update serves PUT of an object or of its status or finalize
// subresource.
func (h *Handler) update(rq *request) {
	opts, directive, err := updateOptions(rq.r.URL.Query(), rq.sub)
	if err != nil {
		writeError(rq, err)
		return
	}
	obj := rq.res.New()
	if err := h.readObject(rq, kindOf(rq), obj, directive, sameName(rq.name)); err != nil {
		writeError(rq, err)
		return
	}
	opts.FieldManager = patch.ManagerOrUserAgent(opts.FieldManager, rq.r.UserAgent())
	opts.AllowCreate = rq.sub == "" && allowCreateOnUpdate[rq.groupResource()]
	replace, err := replaceWith(rq, obj, opts.FieldManager)
	if err != nil {
		writeError(rq, err)
		return
	}
	opts.Admission = h.admissionFor(rq, opts.DryRun)
	out, created, err := rq.store.Update(rq.ctx, rq.key(), replace, opts)
	writeUpdated(rq, out, created, err)
}

// writeUpdated answers a PUT or PATCH with the registry's result: the
// error, or the stored object with 200, or 201 when the write created it.
func writeUpdated(rq *request, out metav1.Object, created bool, err error) {
	if err != nil {
		writeError(rq, err)
		return
	}
	code := http.StatusOK
	if created {
		code = http.StatusCreated
	}
	writeObject(rq, code, out)
}

// replaceWith returns the UpdateFunc of a PUT: each call (the registry
// retries after a lost race) returns a fresh copy of obj with its managed
// fields recorded against the current object.
func replaceWith(rq *request, obj metav1.Object, manager string) (registry.UpdateFunc, error) {
	pristine, err := json.Marshal(obj)
	if err != nil {
		return nil, apierrors.NewInternalError(fmt.Errorf("copy the request's object: %w", err))
	}
	fm := fieldManagerFor(rq)
	return func(_ context.Context, current metav1.Object) (metav1.Object, error) {
		fresh := rq.res.New()
		if err := json.Unmarshal(pristine, fresh); err != nil {
			return nil, apierrors.NewInternalError(fmt.Errorf("copy the request's object: %w", err))
		}
		setManagedFields(fm, current, fresh, manager) // current nil: a create by PUT
		return fresh, nil
	}, nil
}

// checkName fails with upstream's 400 unless obj is named name.
func checkName(obj metav1.Object, name string) error {
	if got := obj.GetObjectMeta().Name; got != name {
		return apierrors.NewBadRequest(fmt.Sprintf("the name of the object (%s) does not match the name on the URL (%s)", got, name))
	}
	return nil
}

// sameName is checkName as the nameCheck of a PUT: the body must name
// the object of the URL.
func sameName(name string) nameCheck {
	return func(obj metav1.Object) error { return checkName(obj, name) }
}

// setManagedFields sets obj's managedFields for a create or PUT by
// manager (and for a patch that is not an apply): old is the stored
// object, nil for a create. patch's UpdateManagedFields returns the
// entries rather than the whole object as JSON, which saves encoding the
// object back and decoding it again for one field. As
// upstream, a failure here never fails the write: it is logged and the
// managed fields are left as they were.
func setManagedFields(fm *patch.FieldManager, old, obj metav1.Object, manager string) {
	var oldJSON []byte
	var err error
	if old != nil {
		if oldJSON, err = json.Marshal(old); err != nil {
			klog.V(2).InfoS("managed fields not recorded", "manager", manager, "err", err)
			return
		}
	}
	newJSON, err := json.Marshal(obj)
	var entries []metav1.ManagedFieldsEntry
	if err == nil {
		entries, err = fm.UpdateManagedFields(oldJSON, newJSON, manager)
	}
	if err != nil {
		klog.V(2).InfoS("managed fields not recorded", "manager", manager, "err", err)
		return
	}
	obj.GetObjectMeta().ManagedFields = entries
}
