// Unauthorized: the answer to a request whose credentials no
// authenticator accepted (talk 000, "Server side authentication").
//
// Interface:
//   - NewUnauthorized(reason): 401 with reason Unauthorized.
//   - IsUnauthorized(err).
//
// The authentication filter (stages/02-apiserver/authentication) sends
// NewUnauthorized("Unauthorized") and never the authenticators' own
// reasons: those go to the server log, so a caller learns nothing about
// which credentials came close.
package apierrors

import (
	"net/http"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// NewUnauthorized: 401, reason Unauthorized, with reason as the message
// ("not authorized" when empty, as upstream).
func NewUnauthorized(reason string) *StatusError {
	if reason == "" {
		reason = "not authorized"
	}
	return newError(http.StatusUnauthorized, metav1.StatusReasonUnauthorized, reason, nil)
}

// IsUnauthorized reports a 401 Unauthorized.
func IsUnauthorized(err error) bool { return ReasonFor(err) == metav1.StatusReasonUnauthorized }
