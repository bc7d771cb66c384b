// Errors: how a failed patch becomes the Status the client reads.
//
// Interface:
//   - StatusError carries the metav1.Status the REST layer writes; its
//     Status method is the contract (upstream's APIStatus interface), and
//     AsStatus finds one inside any error.
//   - The messages of malformed strategic merge patches, named as
//     upstream's mergepatch errors (ErrBadJSONDoc, ErrNoListOfLists, ...),
//     with the HTTP status upstream answers them with.
//
// Upstream maps patch failures like this (apiserver handlers/patch.go):
// a body that is not JSON, a bad directive format → 400 BadRequest; a
// JSON patch whose operations do not apply (a failed "test", a missing
// path) and a list of lists → 422 with the generic "the server rejected
// our request due to an error in our request"; a list item without its
// merge key → a plain error, which the server sends as a 500 with an empty
// reason (kubectl prints "Error from server: map: ... does not contain
// declared merge key: name"). This package keeps those codes.

package patch

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// StatusError is a failure with the Status the API server answers it
// with; the REST layer adds kind "Status" and apiVersion "v1" when it
// writes it. Err, when set, is the underlying cause (for server logs and
// errors.Is); the client sees only ErrStatus.
type StatusError struct {
	ErrStatus metav1.Status
	Err       error
}

// Error returns the Status message.
func (e *StatusError) Error() string { return e.ErrStatus.Message }

// Status returns the Status to write, as upstream's APIStatus interface.
func (e *StatusError) Status() metav1.Status { return e.ErrStatus }

// Unwrap returns the underlying cause.
func (e *StatusError) Unwrap() error { return e.Err }

// AsStatus returns the Status err should be answered with: the one a
// *StatusError inside err carries, or, for any other error, a 500 with an
// empty reason and err's message, which is what upstream sends for an
// error that is not an API status. A nil err is a 200 Success.
func AsStatus(err error) metav1.Status {
	if err == nil {
		return metav1.Status{Status: metav1.StatusSuccess, Code: http.StatusOK}
	}
	var se *StatusError
	if errors.As(err, &se) {
		return se.ErrStatus
	}
	return metav1.Status{Status: metav1.StatusFailure, Code: http.StatusInternalServerError, Message: err.Error()}
}

// Messages of malformed strategic merge patches, worded as upstream's
// k8s.io/apimachinery/pkg/util/mergepatch.
var (
	ErrBadJSONDoc                           = errors.New("invalid JSON document")
	ErrNoListOfLists                        = errors.New("lists of lists are not supported")
	ErrBadPatchFormatForPrimitiveList       = errors.New("invalid patch format of primitive list")
	ErrBadPatchFormatForRetainKeys          = errors.New("invalid patch format of retainKeys")
	ErrBadPatchFormatForSetElementOrderList = errors.New("invalid patch format of setElementOrder list")
	ErrPatchContentNotMatchRetainKeys       = errors.New("patch content doesn't match retainKeys list")
)

// GenericInvalidMessage is the message of upstream's 422 for a patch that
// is well-formed but cannot be applied.
const GenericInvalidMessage = "the server rejected our request due to an error in our request"

// newBadRequest is upstream's NewBadRequest: 400 with msg as the message.
func newBadRequest(msg string, cause error) *StatusError {
	return &StatusError{Err: cause, ErrStatus: metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusBadRequest,
		Reason: metav1.StatusReasonBadRequest, Message: msg,
	}}
}

// newUnprocessable is upstream's NewGenericServerResponse(422, ...): the
// generic message and reason Invalid. Upstream drops the detail; here it
// goes into one cause on the field "patch", so kubectl prints why
// ("The request is invalid: patch: testing value /spec/replicas failed").
func newUnprocessable(detail error) *StatusError {
	return &StatusError{Err: detail, ErrStatus: metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusUnprocessableEntity,
		Reason: metav1.StatusReasonInvalid, Message: GenericInvalidMessage,
		Details: &metav1.StatusDetails{Causes: []metav1.StatusCause{{
			Type: metav1.CauseTypeFieldValueInvalid, Field: "patch", Message: detail.Error(),
		}}},
	}}
}

// newInvalid is upstream's NewInvalid: 422 naming the kind and object,
// with one cause per field error.
func newInvalid(group, kind, name string, errs field.ErrorList) *StatusError {
	qualified := kind
	if group != "" {
		qualified += "." + group
	}
	st := metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusUnprocessableEntity,
		Reason:  metav1.StatusReasonInvalid,
		Message: strings.TrimSpace(fmt.Sprintf("%s %q is invalid: %v", qualified, name, errs.ToAggregate())),
		Details: &metav1.StatusDetails{Group: group, Kind: kind, Name: name},
	}
	for _, e := range errs {
		st.Details.Causes = append(st.Details.Causes, metav1.StatusCause{
			Type: metav1.CauseType(e.Type), Field: e.Field,
			Message: strings.TrimPrefix(e.Error(), e.Field+": "),
		})
	}
	return &StatusError{ErrStatus: st}
}

// newTooLarge is upstream's NewRequestEntityTooLargeError (413).
func newTooLarge(msg string) *StatusError {
	return &StatusError{ErrStatus: metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusRequestEntityTooLarge,
		Reason: metav1.StatusReasonRequestEntityTooLarge, Message: "Request entity too large: " + msg,
	}}
}

// newUnsupportedMediaType is upstream's negotiation error for a PATCH
// whose Content-Type is not one the resource accepts (415).
func newUnsupportedMediaType(accepted []PatchType) *StatusError {
	names := make([]string, len(accepted))
	for i, a := range accepted {
		names[i] = string(a)
	}
	return &StatusError{ErrStatus: metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusUnsupportedMediaType,
		Reason:  metav1.StatusReasonUnsupportedMediaType,
		Message: "the body of the request was in an unknown format - accepted media types include: " + strings.Join(names, ", "),
	}}
}

// interpretMergeError gives a strategic merge failure its upstream code:
// the format errors are 400, a list of lists and keys outside $retainKeys
// 422, and anything else (a missing merge key, an unknown $patch value) is
// returned as a plain error, which AsStatus turns into a 500.
func interpretMergeError(err error) error {
	switch {
	case errors.Is(err, ErrBadJSONDoc), errors.Is(err, ErrBadPatchFormatForPrimitiveList),
		errors.Is(err, ErrBadPatchFormatForRetainKeys), errors.Is(err, ErrBadPatchFormatForSetElementOrderList):
		return newBadRequest(err.Error(), err)
	case errors.Is(err, ErrNoListOfLists), errors.Is(err, ErrPatchContentNotMatchRetainKeys):
		return newUnprocessable(err)
	}
	return err
}
