// Errors: how a failed patch becomes the Status the client reads.
//
// Interface:
//   - Failures are *apierrors.StatusError, the one error type of the API
//     server, built with apierrors' constructors where upstream has one;
//     the cause stays reachable with errors.Is. AsStatus returns the
//     Status for any error this package returns.
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
// declared merge key: name"). This package keeps those codes; the 500 is
// apierrors.NewPlainError.

package patch

import (
	"errors"
	"net/http"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// AsStatus returns the Status err should be answered with: the one an
// *apierrors.StatusError inside err carries, or, for any other error, a
// 500 with an empty reason and err's message (apierrors.NewPlainError),
// which is what upstream sends for an error that is not an API status. A
// nil err is a 200 Success.
func AsStatus(err error) metav1.Status {
	if err == nil {
		return metav1.Status{Status: metav1.StatusSuccess, Code: http.StatusOK}
	}
	var se *apierrors.StatusError
	if !errors.As(err, &se) {
		se = apierrors.NewPlainError(err)
	}
	return se.ErrStatus
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

// newBadRequest is apierrors.NewBadRequest (400, msg as the message) with
// cause kept for errors.Is; cause may be nil.
func newBadRequest(msg string, cause error) *apierrors.StatusError {
	se := apierrors.NewBadRequest(msg)
	se.Err = cause
	return se
}

// newUnprocessable is upstream's NewGenericServerResponse(422, ...): the
// generic message and reason Invalid. Upstream drops the detail; here it
// goes into one cause on the field "patch", so kubectl prints why
// ("The request is invalid: patch: testing value /spec/replicas failed").
func newUnprocessable(detail error) *apierrors.StatusError {
	return &apierrors.StatusError{Err: detail, ErrStatus: metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusUnprocessableEntity,
		Reason: metav1.StatusReasonInvalid, Message: GenericInvalidMessage,
		Details: &metav1.StatusDetails{Causes: []metav1.StatusCause{{
			Type: metav1.CauseTypeFieldValueInvalid, Field: "patch", Message: detail.Error(),
		}}},
	}}
}

// newUnsupportedMediaType is upstream's negotiation error for a PATCH
// whose Content-Type is not one the resource accepts (415).
func newUnsupportedMediaType(contentType string, accepted []PatchType) *apierrors.StatusError {
	names := make([]string, len(accepted))
	for i, a := range accepted {
		names[i] = string(a)
	}
	return apierrors.NewUnsupportedMediaType(contentType, names)
}

// interpretMergeError gives a strategic merge failure its upstream code:
// the format errors are 400, a list of lists and keys outside $retainKeys
// 422, and anything else (a missing merge key, an unknown $patch value) a
// 500 with an empty reason, as upstream sends a plain error.
func interpretMergeError(err error) error {
	switch {
	case errors.Is(err, ErrBadJSONDoc), errors.Is(err, ErrBadPatchFormatForPrimitiveList),
		errors.Is(err, ErrBadPatchFormatForRetainKeys), errors.Is(err, ErrBadPatchFormatForSetElementOrderList):
		return newBadRequest(err.Error(), err)
	case errors.Is(err, ErrNoListOfLists), errors.Is(err, ErrPatchContentNotMatchRetainKeys):
		return newUnprocessable(err)
	}
	return apierrors.NewPlainError(err)
}
