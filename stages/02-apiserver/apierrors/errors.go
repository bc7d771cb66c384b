// StatusError: an error that carries the Status the client will receive.
//
// Interface:
//   - New* constructors, one per upstream reason, with upstream's messages.
//   - StatusFor(err) returns the Status for any error (500 for unknown ones);
//     NewPlainError is the other 500, the one upstream sends for an error
//     that carries no Status.
//   - ReasonFor, IsNotFound, IsAlreadyExists, IsConflict, IsInvalid for callers
//     that branch on the outcome.
//
// Storage errors are translated in storage.go; the HTTP writer lives in
// stages/02-apiserver/endpoints.
package apierrors

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// StatusError is an error whose Status is sent to the client as is.
type StatusError struct {
	ErrStatus metav1.Status
	// Err, when set, is the underlying cause, kept for server logs and
	// errors.Is (a patch's sentinel errors, say); the client sees only
	// ErrStatus. Most constructors leave it nil.
	Err error
}

var _ error = (*StatusError)(nil)

// Error returns the Status message.
func (e *StatusError) Error() string { return e.ErrStatus.Message }

// Unwrap returns the underlying cause, nil when there is none.
func (e *StatusError) Unwrap() error { return e.Err }

// Status returns the Status to send, with its kind and apiVersion set.
func (e *StatusError) Status() metav1.Status {
	s := e.ErrStatus
	s.Kind, s.APIVersion = "Status", "v1"
	if s.Status == "" {
		s.Status = metav1.StatusFailure
	}
	return s
}

func newError(code int, reason metav1.StatusReason, message string, details *metav1.StatusDetails) *StatusError {
	return &StatusError{ErrStatus: metav1.Status{
		Status: metav1.StatusFailure, Code: int32(code), Reason: reason,
		Message: message, Details: details,
	}}
}

// qualified renders "deployments.apps" or "pods".
func qualified(gr metav1.GroupResource) string { return gr.String() }

// NewNotFound: `deployments.apps "nginx" not found` (404).
func NewNotFound(gr metav1.GroupResource, name string) *StatusError {
	return newError(http.StatusNotFound, metav1.StatusReasonNotFound,
		fmt.Sprintf("%s %q not found", qualified(gr), name),
		&metav1.StatusDetails{Name: name, Group: gr.Group, Kind: gr.Resource})
}

// NewAlreadyExists: `deployments.apps "nginx" already exists` (409).
func NewAlreadyExists(gr metav1.GroupResource, name string) *StatusError {
	return newError(http.StatusConflict, metav1.StatusReasonAlreadyExists,
		fmt.Sprintf("%s %q already exists", qualified(gr), name),
		&metav1.StatusDetails{Name: name, Group: gr.Group, Kind: gr.Resource})
}

// NewConflict: `Operation cannot be fulfilled on deployments.apps "nginx":
// <why>` (409), the answer to a stale resourceVersion.
func NewConflict(gr metav1.GroupResource, name string, why error) *StatusError {
	return newError(http.StatusConflict, metav1.StatusReasonConflict,
		fmt.Sprintf("Operation cannot be fulfilled on %s %q: %v", qualified(gr), name, why),
		&metav1.StatusDetails{Name: name, Group: gr.Group, Kind: gr.Resource})
}

// NewInvalid: `Deployment.apps "nginx" is invalid: <errors>` (422), with one
// StatusCause per field error so clients can point at each field.
func NewInvalid(gk metav1.GroupKind, name string, errs field.ErrorList) *StatusError {
	causes := make([]metav1.StatusCause, 0, len(errs))
	for _, e := range errs {
		causes = append(causes, metav1.StatusCause{
			Type: metav1.CauseType(e.Type), Message: e.ErrorBody(), Field: e.Field,
		})
	}
	// An empty kind (a patched document that is not an object) leaves no
	// leading space.
	msg := strings.TrimSpace(fmt.Sprintf("%s %q is invalid", gk.String(), name))
	if agg := errs.ToAggregate(); agg != nil {
		msg += ": " + agg.Error()
	}
	return newError(http.StatusUnprocessableEntity, metav1.StatusReasonInvalid, msg,
		&metav1.StatusDetails{Name: name, Group: gk.Group, Kind: gk.Kind, Causes: causes})
}

// NewBadRequest: a malformed request (400); message is sent as is.
func NewBadRequest(message string) *StatusError {
	return newError(http.StatusBadRequest, metav1.StatusReasonBadRequest, message, nil)
}

// NewResourceExpired: a watch or continue token older than the compacted
// revision (410, reason Expired); message is "too old resource version: X (Y)".
func NewResourceExpired(message string) *StatusError {
	return newError(http.StatusGone, metav1.StatusReasonExpired, message, nil)
}

// NewRequestEntityTooLarge: a body over the server's limit (413),
// "Request entity too large: limit is 3145728".
func NewRequestEntityTooLarge(limit int64) *StatusError {
	return NewRequestEntityTooLargeError(fmt.Sprintf("limit is %d", limit))
}

// NewRequestEntityTooLargeError: a request too large in some other way
// (413), "Request entity too large: <message>"; a JSON patch with too many
// operations, say.
func NewRequestEntityTooLargeError(message string) *StatusError {
	return newError(http.StatusRequestEntityTooLarge, metav1.StatusReasonRequestEntityTooLarge,
		"Request entity too large: "+message, nil)
}

// NewMethodNotSupported: a verb the resource does not serve (405).
func NewMethodNotSupported(gr metav1.GroupResource, verb string) *StatusError {
	return newError(http.StatusMethodNotAllowed, metav1.StatusReasonMethodNotAllowed,
		fmt.Sprintf("%s is not supported on resources of kind %q", verb, qualified(gr)),
		&metav1.StatusDetails{Group: gr.Group, Kind: gr.Resource})
}

// NewNotAcceptable: no representation matches the Accept header (406).
func NewNotAcceptable(accept string, supported []string) *StatusError {
	return newError(http.StatusNotAcceptable, metav1.StatusReasonNotAcceptable,
		fmt.Sprintf("only the following media types are accepted: %s", strings.Join(supported, ", ")), nil)
}

// NewUnsupportedMediaType: a request body in a format the server does not
// read (415).
func NewUnsupportedMediaType(contentType string, supported []string) *StatusError {
	return newError(http.StatusUnsupportedMediaType, metav1.StatusReasonUnsupportedMediaType,
		fmt.Sprintf("the body of the request was in an unknown format - accepted media types include: %s",
			strings.Join(supported, ", ")), nil)
}

// NewForbidden: `pods "x" is forbidden: <why>` (403). name may be empty
// for collections: `pods is forbidden: ...`.
func NewForbidden(gr metav1.GroupResource, name string, why error) *StatusError {
	subject := qualified(gr)
	if name != "" {
		subject = fmt.Sprintf("%s %q", subject, name)
	}
	return newError(http.StatusForbidden, metav1.StatusReasonForbidden,
		fmt.Sprintf("%s is forbidden: %v", subject, why),
		&metav1.StatusDetails{Name: name, Group: gr.Group, Kind: gr.Resource})
}

// NewTimeout: the server could not answer in time (504, reason Timeout);
// the client should retry after retryAfterSeconds.
func NewTimeout(message string, retryAfterSeconds int) *StatusError {
	return newError(http.StatusGatewayTimeout, metav1.StatusReasonTimeout,
		fmt.Sprintf("Timeout: %s", message),
		&metav1.StatusDetails{RetryAfterSeconds: int32(retryAfterSeconds)})
}

// NewTooLargeResourceVersion: a read asked for a revision this server has
// not seen yet (504 Timeout with a ResourceVersionTooLarge cause and a
// one-second retry). It happens when a client moves between apiservers and
// one lags behind etcd; client-go's reflector recognises the cause and
// retries instead of failing.
func NewTooLargeResourceVersion(requested, current int64) *StatusError {
	err := NewTimeout(fmt.Sprintf("Too large resource version: %d, current: %d", requested, current), 1)
	err.ErrStatus.Details.Causes = []metav1.StatusCause{{
		Type: metav1.CauseTypeResourceVersionTooLarge, Message: "Too large resource version",
	}}
	return err
}

// NewServiceUnavailable: the server cannot answer now (503).
func NewServiceUnavailable(reason string) *StatusError {
	return newError(http.StatusServiceUnavailable, metav1.StatusReasonServiceUnavailable, reason, nil)
}

// NewInternalError: an unexpected failure (500). The message keeps the
// upstream prefix so clients recognise it.
func NewInternalError(err error) *StatusError {
	return newError(http.StatusInternalServerError, metav1.StatusReasonInternalError,
		fmt.Sprintf("Internal error occurred: %v", err),
		&metav1.StatusDetails{Causes: []metav1.StatusCause{{Message: err.Error()}}})
}

// NewPlainError: err as upstream answers an error that carries no Status
// (its ErrorToAPIStatus): 500 with an empty reason and err's message as
// is, which kubectl prints as "Error from server: <message>". Unlike
// NewInternalError it adds neither the reason InternalError nor the
// "Internal error occurred:" prefix. err stays reachable with errors.Is.
// The patch package answers a list item without its merge key this way.
func NewPlainError(err error) *StatusError {
	se := newError(http.StatusInternalServerError, metav1.StatusReasonUnknown, err.Error(), nil)
	se.Err = err
	return se
}

// StatusFor returns the Status the client receives for err: a StatusError's
// own, or a 500 InternalError for anything else.
func StatusFor(err error) metav1.Status {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Status()
	}
	return NewInternalError(err).Status()
}

// ReasonFor returns err's Status reason (StatusReasonUnknown for non-Status
// errors).
func ReasonFor(err error) metav1.StatusReason {
	var se *StatusError
	if errors.As(err, &se) {
		return se.ErrStatus.Reason
	}
	return metav1.StatusReasonUnknown
}

// IsNotFound reports a 404 NotFound.
func IsNotFound(err error) bool { return ReasonFor(err) == metav1.StatusReasonNotFound }

// IsAlreadyExists reports a 409 AlreadyExists.
func IsAlreadyExists(err error) bool { return ReasonFor(err) == metav1.StatusReasonAlreadyExists }

// IsConflict reports a 409 Conflict.
func IsConflict(err error) bool { return ReasonFor(err) == metav1.StatusReasonConflict }

// IsInvalid reports a 422 Invalid.
func IsInvalid(err error) bool { return ReasonFor(err) == metav1.StatusReasonInvalid }
