// Status errors, as the real API server writes them.
//
// Interface:
//   - statusError: a metav1.Status with its HTTP code; handlers return one.
//   - errNotFound, errAlreadyExists, errConflict, errInvalid, errBadRequest,
//     errMethodNotAllowed, errUnauthorized, errUnsupportedMediaType,
//     errNotAcceptable: upstream's messages and reasons.
//   - writeStatus and writeJSON: the response writers.
//
// The kubectl side turns these into "Error from server (NotFound): ..."
// (stages/01-kubectl/rest); tests compare that text, so the wording here is
// upstream's.
package testserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// statusError is a failed request's answer.
type statusError struct {
	status metav1.Status
}

func (e *statusError) Error() string { return e.status.Message }

func newStatusError(code int, reason metav1.StatusReason, message string, details *metav1.StatusDetails) *statusError {
	return &statusError{status: metav1.Status{
		TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"},
		Status:   metav1.StatusFailure,
		Message:  message,
		Reason:   reason,
		Details:  details,
		Code:     int32(code),
	}}
}

// qualified prints "deployments.apps" or "pods", the resource name upstream
// messages use.
func qualified(group, resource string) string {
	return metav1.GroupResource{Group: group, Resource: resource}.String()
}

// errNotFound: deployments.apps "web" not found.
func errNotFound(group, resource, name string) *statusError {
	return newStatusError(http.StatusNotFound, metav1.StatusReasonNotFound,
		fmt.Sprintf("%s %q not found", qualified(group, resource), name),
		&metav1.StatusDetails{Name: name, Group: group, Kind: resource})
}

// errPathNotFound answers a path the server does not serve.
func errPathNotFound() *statusError {
	return newStatusError(http.StatusNotFound, metav1.StatusReasonNotFound,
		"the server could not find the requested resource", &metav1.StatusDetails{})
}

// errAlreadyExists: deployments.apps "web" already exists.
func errAlreadyExists(group, resource, name string) *statusError {
	return newStatusError(http.StatusConflict, metav1.StatusReasonAlreadyExists,
		fmt.Sprintf("%s %q already exists", qualified(group, resource), name),
		&metav1.StatusDetails{Name: name, Group: group, Kind: resource})
}

// errConflict: an update carried an old resourceVersion.
func errConflict(group, resource, name string) *statusError {
	return newStatusError(http.StatusConflict, metav1.StatusReasonConflict,
		fmt.Sprintf("Operation cannot be fulfilled on %s %q: the object has been modified; please apply your changes to the latest version and try again",
			qualified(group, resource), name),
		&metav1.StatusDetails{Name: name, Group: group, Kind: resource})
}

// errInvalid: Deployment.apps "web" is invalid: metadata.name: Required
// value: ... One cause is printed as is, several inside [...] joined by ", ",
// as upstream's aggregate error prints them.
func errInvalid(group, kind, name string, causes []metav1.StatusCause) *statusError {
	var parts []string
	for _, c := range causes {
		parts = append(parts, c.Field+": "+c.Message)
	}
	detail := strings.Join(parts, ", ")
	if len(parts) > 1 {
		detail = "[" + detail + "]"
	}
	msg := fmt.Sprintf("%s %q is invalid: %s", metav1.GroupKind{Group: group, Kind: kind}.String(), name, detail)
	return newStatusError(http.StatusUnprocessableEntity, metav1.StatusReasonInvalid, msg,
		&metav1.StatusDetails{Name: name, Group: group, Kind: kind, Causes: causes})
}

// errBadRequest answers a body the server cannot read.
func errBadRequest(message string) *statusError {
	return newStatusError(http.StatusBadRequest, metav1.StatusReasonBadRequest, message, nil)
}

// errMethodNotAllowed answers a verb the resource does not support.
func errMethodNotAllowed() *statusError {
	return newStatusError(http.StatusMethodNotAllowed, metav1.StatusReasonMethodNotAllowed,
		"the server does not allow this method on the requested resource", &metav1.StatusDetails{})
}

// errUnauthorized answers a request without acceptable credentials.
func errUnauthorized() *statusError {
	return newStatusError(http.StatusUnauthorized, metav1.StatusReasonUnauthorized, "Unauthorized", nil)
}

// errUnsupportedMediaType answers a body in a media type the server cannot
// read; accepted lists the ones it can.
func errUnsupportedMediaType(accepted string) *statusError {
	return newStatusError(http.StatusUnsupportedMediaType, metav1.StatusReasonUnsupportedMediaType,
		fmt.Sprintf("the body of the request was in an unknown format - accepted media types include: %s", accepted), nil)
}

// errInternal wraps a failure of the server itself.
func errInternal(err error) *statusError {
	return newStatusError(http.StatusInternalServerError, metav1.StatusReasonInternalError,
		fmt.Sprintf("Internal error occurred: %v", err), &metav1.StatusDetails{})
}

// writeStatus writes e with its code.
func writeStatus(w http.ResponseWriter, e *statusError) {
	writeJSON(w, int(e.status.Code), "application/json", e.status)
}

// writeJSON writes v as JSON with contentType and code.
func writeJSON(w http.ResponseWriter, code int, contentType string, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		code = http.StatusInternalServerError
		data = []byte(fmt.Sprintf(`{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":%q,"reason":"InternalError","code":500}`, err.Error()))
		contentType = "application/json"
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(code)
	w.Write(data)
	w.Write([]byte("\n"))
}
