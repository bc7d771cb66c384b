// Outcomes: what a webhook's answer, or its silence, does to the request.
//
// Interface:
//   - rejection(name, status): the error for allowed=false,
//     `admission webhook "x" denied the request: <message>`.
//   - failed(a, h, kind, index, err): applies the failurePolicy to a call
//     that got no usable answer.
//   - (*dispatcher).report(ctx, a, h, resp): passes warnings to the
//     client and audit annotations to the audit event.
//   - dryRunUnsupported(h, a): a dry-run request may only reach webhooks
//     that declare they have no side effects on it.
package webhook

import (
	"context"
	"fmt"
	"net/http"
	"sort"

	"k8s.io/klog/v2"

	admissionv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admission/v1"
	admissionregistrationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admissionregistration/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// rejection is the error for a webhook that answered allowed=false. The
// webhook's message follows upstream's prefix; its code is kept when it
// is an error code, 400 otherwise.
func rejection(webhook string, result *metav1.Status) *apierrors.StatusError {
	status := metav1.Status{}
	if result != nil {
		status = *result
	}
	if status.Code < http.StatusBadRequest {
		status.Code = http.StatusBadRequest
	}
	status.Status = metav1.StatusFailure
	deniedBy := fmt.Sprintf("admission webhook %q denied the request", webhook)
	switch {
	case status.Message != "":
		status.Message = deniedBy + ": " + status.Message
	case status.Reason != "":
		status.Message = deniedBy + ": " + string(status.Reason)
	default:
		status.Message = deniedBy + " without explanation"
	}
	return &apierrors.StatusError{ErrStatus: status}
}

// failed applies h's failurePolicy to a call error: Ignore lets the
// request through, recording in the audit event that the webhook failed
// open (upstream's key, with index the webhook's position among all of
// the plugin's webhooks); Fail rejects it with a 500.
func failed(a *admission.Attributes, h *hook, kind string, index int, err error) error {
	if h.failurePolicy == admissionregistrationv1.Ignore {
		annotate(a, fmt.Sprintf("failed-open.%s.webhook.admission.k8s.io/round_0_index_%d", kind, index), h.name)
		return nil
	}
	return apierrors.NewInternalError(err)
}

// report passes on what an allowing webhook said besides yes: its
// warnings to the client, its audit annotations (keys prefixed with the
// webhook's name, "pod-policy.example.com/checked") to the audit event.
func (d *dispatcher) report(ctx context.Context, a *admission.Attributes, h *hook, resp *admissionv1.AdmissionResponse) {
	for _, w := range resp.Warnings {
		d.warn(ctx, w)
	}
	keys := make([]string, 0, len(resp.AuditAnnotations))
	for k := range resp.AuditAnnotations {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		annotate(a, h.name+"/"+k, resp.AuditAnnotations[k])
	}
}

// dryRunUnsupported rejects a dry-run request (400) that matches a
// webhook which may have side effects: calling it could change something
// outside the request the client asked not to change.
func dryRunUnsupported(h *hook, a *admission.Attributes) error {
	if !a.DryRun || h.sideEffects == admissionregistrationv1.SideEffectClassNone ||
		h.sideEffects == admissionregistrationv1.SideEffectClassNoneOnDryRun {
		return nil
	}
	return apierrors.NewBadRequest(fmt.Sprintf("admission webhook %q does not support dry run", h.name))
}

func (d *dispatcher) warn(ctx context.Context, text string) {
	if d.cfg.Warn != nil {
		d.cfg.Warn(ctx, text)
	}
}

// annotate records an audit annotation. A key set twice to different
// values (two webhooks of the same name in two configurations) keeps the
// first and is logged: the request is not at fault.
func annotate(a *admission.Attributes, key, value string) {
	if err := a.AddAnnotation(key, value); err != nil {
		klog.ErrorS(err, "webhook admission: audit annotation dropped")
	}
}
