// Patch: PATCH of an object, in the four shapes kubectl sends.
//
// Interface:
//   - (*Handler).patch: the Content-Type picks the patch type (415 for
//     anything else, listing the four): JSON patch (RFC 6902), JSON merge
//     patch (RFC 7386), strategic merge patch (lists merged by key:
//     containers by name, ports by containerPort), or server-side apply
//     (application/apply-patch+yaml, which needs fieldManager and may say
//     force, and creates a missing object: 201).
//   - The patch is applied inside the registry's UpdateFunc, to the
//     current object, so a concurrent write makes the registry retry with
//     the newer object instead of losing it; the result is decoded like a
//     PUT body (unknown fields per fieldValidation) and must keep its name
//     (applyTo, which the scale subresource's PATCH shares).
//   - Writes that are not applies record an Update entry in
//     metadata.managedFields (recordUpdate, used by create and update too).
//
// The patch mechanics live in stages/02-apiserver/patch; this file only
// moves bytes between the request, that package and the registry.
package endpoints

import (
	"context"
	"encoding/json"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/patch"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// applyPatchType is the Content-Type of server-side apply.
const applyPatchType = string(patch.ApplyPatchType)

// patchRequest is a parsed PATCH: its type, body and options.
type patchRequest struct {
	pt   patch.PatchType
	body []byte
	opts writeOptions
	// force takes over fields other managers own (apply only).
	force bool
	// manager is the fieldManager, or the user agent's name.
	manager  string
	fieldMgr *patch.FieldManager
}

// parsePatch reads a PATCH's Content-Type, options and body.
func (h *Handler) parsePatch(rq *request) (*patchRequest, error) {
	// Every kind here has a Go type, so every kind takes strategic merge
	// patches (upstream refuses them only for custom resources).
	pt, err := patch.ParsePatchType(rq.r.Header.Get("Content-Type"), patch.PatchTypes(true))
	if err != nil {
		return nil, err
	}
	q := rq.r.URL.Query()
	opts, errs := parseWriteOptions(q)
	if len(errs) > 0 {
		return nil, invalidOptions("PatchOptions", errs)
	}
	var force *bool
	if _, ok := q["force"]; ok {
		force = ptr(queryBool(q, "force"))
	}
	if err := patch.ValidatePatchOptions(pt, opts.fieldManager, force); err != nil {
		return nil, err
	}
	body, err := readBody(rq, h.opts.MaxRequestBodyBytes)
	if err != nil {
		return nil, err
	}
	return &patchRequest{
		pt: pt, body: body, opts: opts, force: force != nil && *force,
		manager:  patch.ManagerOrUserAgent(opts.fieldManager, rq.r.UserAgent()),
		fieldMgr: fieldManagerFor(rq),
	}, nil
}

// patch serves PATCH of an object or of its status.
func (h *Handler) patch(rq *request) {
	p, err := h.parsePatch(rq)
	if err != nil {
		writeError(rq, err)
		return
	}
	apply := p.pt == patch.ApplyPatchType
	tryUpdate := func(_ context.Context, current metav1.Object) (metav1.Object, error) {
		obj := rq.res.New()
		if err := p.applyTo(rq, current, obj); err != nil {
			return nil, err
		}
		if err := ensureNamespace(obj, rq.namespace); err != nil {
			return nil, err
		}
		if !apply {
			setManagedFields(p.fieldMgr, current, obj, p.manager)
		}
		return obj, nil
	}
	opts := registry.UpdateOptions{DryRun: p.opts.dryRun, FieldManager: p.manager, Subresource: rq.sub, AllowCreate: apply,
		Admission: h.admissionFor(rq, p.opts.dryRun)}
	out, created, err := rq.store.Update(rq.ctx, rq.key(), tryUpdate, opts)
	writeUpdated(rq, out, created, err)
}

// applyTo applies the patch to current, the object as stored (nil when it
// does not exist, which only an apply accepts), and decodes the result
// into into like a PUT body; the result must keep the URL's name (400).
// The object's PATCH and its scale's both go through here.
func (p *patchRequest) applyTo(rq *request, current, into metav1.Object) error {
	var live []byte
	if current != nil {
		var err error
		if live, err = json.Marshal(withTypeMeta(current, kindOf(rq))); err != nil {
			return apierrors.NewInternalError(err)
		}
	}
	patched, err := p.apply(live)
	if err != nil {
		return err
	}
	if err := decodeJSON(rq, patched, kindOf(rq), into, p.opts.directive, nil); err != nil {
		return err
	}
	return checkName(into, rq.name)
}

// apply applies the patch to live, the current object as JSON (nil when
// it does not exist, which only an apply accepts).
func (p *patchRequest) apply(live []byte) ([]byte, error) {
	if p.pt == patch.ApplyPatchType {
		return p.fieldMgr.Apply(live, p.body, p.manager, p.force)
	}
	return patch.Apply(p.pt, live, p.body, p.fieldMgr.Schema)
}

// fieldManagerFor returns the field manager of rq's endpoint: the kind's
// schema, its apiVersion, and the top-level fields the endpoint does not
// write (status for the object of a kind with a status subresource; spec
// and metadata for its status).
func fieldManagerFor(rq *request) *patch.FieldManager {
	gvk := kindOf(rq)
	fm := &patch.FieldManager{APIVersion: gvk.GroupVersion().String(), Subresource: rq.sub, Now: rq.now}
	switch rq.sub {
	case "scale":
		fm.Schema = patch.LookupFor(scaleType())
	default:
		fm.Schema = patch.LookupFor(rq.res.New())
	}
	if hasStatus(rq.res) {
		switch rq.sub {
		case "":
			fm.ResetFields = []string{"status"}
		case "status":
			fm.ResetFields = []string{"spec", "metadata"}
		}
	}
	return fm
}

// hasStatus reports whether res serves a status subresource.
func hasStatus(res *scheme.Resource) bool {
	_, ok := res.Subresource("status")
	return ok
}
