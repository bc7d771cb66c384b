// Status errors: how a failed API request reaches the user.
//
// Interface:
//   - StatusError{Code, Status}: every non-2xx response. Error() is the
//     line kubectl prints, e.g.
//     Error from server (NotFound): deployments.apps "x" not found
//   - IsNotFound, IsAlreadyExists, IsConflict, IsForbidden,
//     IsUnauthorized, IsInvalid: ask about the reason, looking through
//     wrapped errors.
//   - newStatusError: decodes the metav1.Status body the API server sends,
//     or synthesizes one from the HTTP code when the body is something else
//     (a proxy's HTML page, a plain-text 404).
//
// The Status type itself is in shared/api/meta/v1; the stage-2 API server
// writes it.

package rest

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// maxUnstructuredBody caps how much of a non-Status error body ends up in
// the message, as upstream does.
const maxUnstructuredBody = 2048

// StatusError is the error for a response outside 2xx. Code is the HTTP
// status code; Status is the server's explanation, decoded or synthesized,
// so Status.Reason and Status.Message are always meaningful.
type StatusError struct {
	Code   int
	Status metav1.Status
}

var _ error = (*StatusError)(nil)

// StatusCode returns the HTTP status code.
func (e *StatusError) StatusCode() int { return e.Code }

// Error returns the line kubectl prints for this error, so the command
// layer prints it verbatim (without adding "error: "):
//
//	Error from server (NotFound): deployments.apps "x" not found
//	Error from server: the server responded with the status code 412 but did not return more information
//	error: You must be logged in to the server (Unauthorized)
//	The Deployment "x" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0
func (e *StatusError) Error() string {
	s := e.Status
	switch {
	case s.Reason == metav1.StatusReasonUnauthorized:
		return fmt.Sprintf("error: You must be logged in to the server (%s)", s.Message)
	case s.Reason == metav1.StatusReasonInvalid:
		return invalidMessage(s)
	case s.Reason != "":
		return fmt.Sprintf("Error from server (%s): %s", s.Reason, s.Message)
	default:
		return "Error from server: " + s.Message
	}
}

// invalidMessage words a validation failure as kubectl's CheckErr does: the
// object, then one "field: message" inline, or several as a bulleted list
// (duplicates dropped).
func invalidMessage(s metav1.Status) string {
	head := "The request is invalid"
	if s.Details == nil {
		if s.Message != "" {
			head += ": " + s.Message
		}
		return head
	}
	d := s.Details
	if d.Kind != "" || d.Name != "" {
		head = fmt.Sprintf("The %s %q is invalid", d.Kind, d.Name)
	} else if s.Message != "" {
		head += ": " + s.Message
	}
	var lines []string
	seen := map[string]bool{}
	for _, c := range d.Causes {
		line := c.Field + ": " + c.Message
		if !seen[line] {
			seen[line] = true
			lines = append(lines, line)
		}
	}
	switch len(lines) {
	case 0:
		return head
	case 1:
		return head + ": " + lines[0]
	}
	return head + ": \n* " + strings.Join(lines, "\n* ")
}

// newStatusError builds the error for a non-2xx response. A body that is a
// metav1.Status (kind "Status", or a non-empty "status" field) is used as
// sent; anything else becomes a Status worded from the HTTP code.
func newStatusError(code int, verb string, header http.Header, body []byte) *StatusError {
	var s metav1.Status
	if err := json.Unmarshal(body, &s); err == nil && (s.Kind == "Status" || s.Status != "") {
		if s.Code == 0 {
			s.Code = int32(code)
		}
		return &StatusError{Code: code, Status: s}
	}
	message := "unknown"
	if isTextResponse(header) {
		if len(body) > maxUnstructuredBody {
			body = body[:maxUnstructuredBody]
		}
		message = strings.TrimSpace(string(body))
	}
	return &StatusError{Code: code, Status: genericStatus(code, verb, message)}
}

func isTextResponse(h http.Header) bool {
	media, _, err := mime.ParseMediaType(h.Get("Content-Type"))
	return err == nil && strings.HasPrefix(media, "text/")
}

// genericStatus is upstream NewGenericServerResponse without the resource
// suffix: the reason and message for a bare HTTP code. serverMessage is the
// body text ("unknown" when the body was not text).
func genericStatus(code int, verb, serverMessage string) metav1.Status {
	reason := metav1.StatusReasonUnknown
	message := fmt.Sprintf("the server responded with the status code %d but did not return more information", code)
	switch code {
	case http.StatusConflict:
		reason = metav1.StatusReasonConflict
		if verb == http.MethodPost {
			reason = metav1.StatusReasonAlreadyExists
		}
		message = "the server reported a conflict"
	case http.StatusNotFound:
		reason, message = metav1.StatusReasonNotFound, "the server could not find the requested resource"
	case http.StatusBadRequest:
		reason, message = metav1.StatusReasonBadRequest, "the server rejected our request for an unknown reason"
	case http.StatusUnauthorized:
		reason, message = metav1.StatusReasonUnauthorized, "the server has asked for the client to provide credentials"
	case http.StatusForbidden:
		// The body says who was refused what; keep it.
		reason, message = metav1.StatusReasonForbidden, serverMessage
	case http.StatusNotAcceptable:
		reason, message = metav1.StatusReasonNotAcceptable, serverMessage
		if serverMessage == "" || serverMessage == "unknown" {
			message = "the server was unable to respond with a content type that the client supports"
		}
	case http.StatusUnsupportedMediaType:
		reason, message = metav1.StatusReasonUnsupportedMediaType, serverMessage
	case http.StatusMethodNotAllowed:
		reason, message = metav1.StatusReasonMethodNotAllowed, "the server does not allow this method on the requested resource"
	case http.StatusUnprocessableEntity:
		reason, message = metav1.StatusReasonInvalid, "the server rejected our request due to an error in our request"
	case http.StatusServiceUnavailable:
		reason, message = metav1.StatusReasonServiceUnavailable, "the server is currently unable to handle the request"
	case http.StatusGatewayTimeout:
		reason, message = metav1.StatusReasonTimeout, "the server was unable to return a response in the time allotted, but may still be processing the request"
	case http.StatusTooManyRequests:
		reason, message = metav1.StatusReasonTooManyRequests, "the server has received too many requests and has asked us to try again later"
	default:
		if code >= 500 {
			reason = metav1.StatusReasonInternalError
			message = fmt.Sprintf("an error on the server (%q) has prevented the request from succeeding", serverMessage)
		}
	}
	return metav1.Status{
		TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"},
		Status:   metav1.StatusFailure,
		Code:     int32(code),
		Reason:   reason,
		Message:  message,
		Details: &metav1.StatusDetails{Causes: []metav1.StatusCause{{
			Type:    metav1.CauseTypeUnexpectedServerResponse,
			Message: serverMessage,
		}}},
	}
}

// reasonAndCode finds the StatusError in err's chain.
func reasonAndCode(err error) (metav1.StatusReason, int, bool) {
	var se *StatusError
	if !errors.As(err, &se) {
		return metav1.StatusReasonUnknown, 0, false
	}
	return se.Status.Reason, se.Code, true
}

// hasReason reports whether err carries reason, or carries no reason but
// the HTTP code that reason is sent with (a server that did not explain).
func hasReason(err error, reason metav1.StatusReason, code int) bool {
	r, c, ok := reasonAndCode(err)
	if !ok {
		return false
	}
	return r == reason || (r == metav1.StatusReasonUnknown && c == code)
}

// IsNotFound reports whether err says the object or path does not exist.
func IsNotFound(err error) bool {
	return hasReason(err, metav1.StatusReasonNotFound, http.StatusNotFound)
}

// IsAlreadyExists reports whether err says a create hit an existing name.
func IsAlreadyExists(err error) bool {
	r, _, ok := reasonAndCode(err)
	return ok && r == metav1.StatusReasonAlreadyExists
}

// IsConflict reports whether err says the write lost a race (stale
// resourceVersion). A bare 409 counts.
func IsConflict(err error) bool {
	return hasReason(err, metav1.StatusReasonConflict, http.StatusConflict)
}

// IsForbidden reports whether err says the user may not do this.
func IsForbidden(err error) bool {
	return hasReason(err, metav1.StatusReasonForbidden, http.StatusForbidden)
}

// IsUnauthorized reports whether err says the credentials were missing or
// not accepted.
func IsUnauthorized(err error) bool {
	return hasReason(err, metav1.StatusReasonUnauthorized, http.StatusUnauthorized)
}

// IsInvalid reports whether err says the object failed validation.
func IsInvalid(err error) bool {
	return hasReason(err, metav1.StatusReasonInvalid, http.StatusUnprocessableEntity)
}
