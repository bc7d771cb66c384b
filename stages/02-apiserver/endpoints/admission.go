// Admission: the admission chain's hooks for one write.
//
// Interface:
//   - Options.Admission (the chain) and Options.AdmissionRecorder (what to
//     do with a finished pass: the server logs it and adds its audit
//     annotations).
//   - (*Handler).admissionFor(rq, dryRun): the registry.Admission of a
//     create, update or patch of an object or its status.
//   - (*Handler).admitDelete(rq, current, dryRun): the validating pass of
//     a delete.
//   - AddWarning(ctx, text): a Warning header on the response of the
//     request ctx belongs to (PodSecurity's warn mode, webhooks' warnings).
//
// The handler knows who asks (the user the authentication filter put in
// the context) and what (the resource and subresource of the URL); the
// registry knows when in the write the chain runs (registry/admission.go).
// The attributes are built here, from both. Talk 000, "Admission
// controllers".
package endpoints

import (
	"context"
	"reflect"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// warningKey finds a request's *request in its context.
type warningKey struct{}

// AddWarning adds a `Warning: 299 - "text"` header to the response of the
// request ctx belongs to, once per text; outside a request it does
// nothing. Admission plugins warn through it.
func AddWarning(ctx context.Context, text string) {
	if rq, ok := ctx.Value(warningKey{}).(*request); ok {
		addWarning(rq, text)
	}
}

// AdmissionRecorder hears of every admission pass once it is over, with
// the attributes as the plugins left them (their Trace and Annotations).
type AdmissionRecorder func(ctx context.Context, a *admission.Attributes)

// admissionFor returns the admission hooks of rq's write. Writes to the
// object and to its status are admitted; other subresources (scale,
// binding, eviction) are not yet, and neither is anything when the
// server runs without a chain.
func (h *Handler) admissionFor(rq *request, dryRun bool) registry.Admission {
	chain := h.opts.Admission
	if chain == nil || (rq.sub != "" && rq.sub != "status") {
		return registry.Admission{}
	}
	run := func(pass func(context.Context, *admission.Attributes) error) func(context.Context, metav1.Object, metav1.Object) error {
		return func(ctx context.Context, obj, old metav1.Object) error {
			op := admission.Update
			if old == nil {
				op = admission.Create
			}
			a := h.attributes(rq, op, obj, old, dryRun)
			err := pass(ctx, a)
			h.record(ctx, a)
			// A plugin may hand back another object (a webhook's patched
			// copy): the write goes on with its contents.
			if err == nil && a.Object != obj && a.Object != nil && reflect.TypeOf(a.Object) == reflect.TypeOf(obj) {
				reflect.ValueOf(obj).Elem().Set(reflect.ValueOf(a.Object).Elem())
			}
			return err
		}
	}
	return registry.Admission{Mutate: run(chain.Admit), Validate: run(chain.Validate)}
}

// admitDelete runs the mutating and validating passes of a delete of
// current (upstream lets validating plugins refuse a delete, as
// NamespaceLifecycle refuses to delete kube-system).
func (h *Handler) admitDelete(rq *request, current metav1.Object, dryRun bool) error {
	chain := h.opts.Admission
	if chain == nil || rq.sub != "" {
		return nil
	}
	a := h.attributes(rq, admission.Delete, nil, current, dryRun)
	err := chain.Admit(rq.ctx, a)
	if err == nil {
		err = chain.Validate(rq.ctx, a)
	}
	h.record(rq.ctx, a)
	return err
}

// attributes describes one write of rq to the plugins.
func (h *Handler) attributes(rq *request, op admission.Operation, obj, old metav1.Object, dryRun bool) *admission.Attributes {
	u, _ := user.From(rq.ctx)
	a := &admission.Attributes{
		Operation: op, Kind: kindOf(rq), Resource: rq.res.GroupVersionResource(), Subresource: rq.sub,
		Namespace: rq.namespace, Name: rq.name, Object: obj, OldObject: old, DryRun: dryRun, User: u,
	}
	if obj != nil && a.Name == "" {
		a.Name = obj.GetObjectMeta().Name
	}
	return a
}

// record hands a finished pass to the recorder, if any.
func (h *Handler) record(ctx context.Context, a *admission.Attributes) {
	if h.opts.AdmissionRecorder != nil {
		h.opts.AdmissionRecorder(ctx, a)
	}
}
