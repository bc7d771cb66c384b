// AdmissionReview: one question from the API server to a webhook, and its
// answer.
//
// Interface:
//   - AdmissionReview carries a Request (server to webhook) or a Response
//     (webhook to server); the response's UID must equal the request's.
//   - AdmissionRequest: what is being written, by whom (UserInfo), the
//     object and the old object as JSON, dry run and the options.
//   - AdmissionResponse: allowed, a Status to reject with, a JSONPatch,
//     audit annotations and warnings.
//   - Operation and PatchType with their values.
package admissionv1

import (
	"encoding/json"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// AdmissionReview is the body of the POST to a webhook and of its reply.
type AdmissionReview struct {
	metav1.TypeMeta `json:",inline"`
	// Request is set in the server's POST.
	Request *AdmissionRequest `json:"request,omitempty"`
	// Response is set in the webhook's reply.
	Response *AdmissionResponse `json:"response,omitempty"`
}

// AdmissionRequest describes the write being admitted.
type AdmissionRequest struct {
	// UID identifies this review; the response must echo it.
	UID metav1.UID `json:"uid"`
	// Kind is the kind of Object ("apps/v1 Scale" for deployments/scale).
	Kind metav1.GroupVersionKind `json:"kind"`
	// Resource and SubResource say where the write goes.
	Resource    metav1.GroupVersionResource `json:"resource"`
	SubResource string                      `json:"subResource,omitempty"`
	// RequestKind, RequestResource and RequestSubResource are what the
	// client asked for, before a matchPolicy Equivalent conversion.
	RequestKind        *metav1.GroupVersionKind     `json:"requestKind,omitempty"`
	RequestResource    *metav1.GroupVersionResource `json:"requestResource,omitempty"`
	RequestSubResource string                       `json:"requestSubResource,omitempty"`
	// Name may be empty on create with generateName; Namespace is empty
	// for cluster-scoped resources.
	Name      string    `json:"name,omitempty"`
	Namespace string    `json:"namespace,omitempty"`
	Operation Operation `json:"operation"`
	// UserInfo is who made the request.
	UserInfo UserInfo `json:"userInfo"`
	// Object is the new object (absent for DELETE); OldObject the stored
	// one (absent for CREATE).
	Object    json.RawMessage `json:"object,omitempty"`
	OldObject json.RawMessage `json:"oldObject,omitempty"`
	// DryRun true means nothing will be stored: a webhook with side effects
	// must not act.
	DryRun *bool `json:"dryRun,omitempty"`
	// Options is the operation's options object (meta.k8s.io/v1
	// CreateOptions, UpdateOptions or DeleteOptions).
	Options json.RawMessage `json:"options,omitempty"`
}

// UserInfo is the user of a request, as authentication.k8s.io/v1 spells
// it.
type UserInfo struct {
	Username string              `json:"username,omitempty"`
	UID      string              `json:"uid,omitempty"`
	Groups   []string            `json:"groups,omitempty"`
	Extra    map[string][]string `json:"extra,omitempty"`
}

// AdmissionResponse is the webhook's decision.
type AdmissionResponse struct {
	// UID is the request's UID.
	UID metav1.UID `json:"uid"`
	// Allowed false rejects the write with Result.
	Allowed bool `json:"allowed"`
	// Result says why a request was rejected; its message follows
	// `admission webhook "<name>" denied the request: ` in the error the
	// client sees.
	Result *metav1.Status `json:"status,omitempty"`
	// Patch is a JSONPatch (RFC 6902) to apply to the object, base64 in
	// JSON; only mutating webhooks may send one.
	Patch     []byte     `json:"patch,omitempty"`
	PatchType *PatchType `json:"patchType,omitempty"`
	// AuditAnnotations are added to the request's audit event, each key
	// prefixed with the webhook's name.
	AuditAnnotations map[string]string `json:"auditAnnotations,omitempty"`
	// Warnings are returned to the client as Warning headers.
	Warnings []string `json:"warnings,omitempty"`
}

// Operation is the write being admitted.
type Operation string

// The operations.
const (
	Create  Operation = "CREATE"
	Update  Operation = "UPDATE"
	Delete  Operation = "DELETE"
	Connect Operation = "CONNECT"
)

// PatchType is the format of AdmissionResponse.Patch.
type PatchType string

// PatchTypeJSONPatch is the only patch type: RFC 6902.
const PatchTypeJSONPatch PatchType = "JSONPatch"
