// WithFailedAuthenticationAudit: an event for requests authentication
// refuses, which never reach WithAudit.
//
// Interface:
//   - WithFailedAuthenticationAudit(next, backend, policy): wrap the
//     authentication step; a 401 it answers is written as one
//     ResponseStarted event with no user.
//
// Upstream wraps authentication's failure handler; here authentication
// answers 401 itself (stages/02-apiserver/authentication/filter.go), so
// this filter goes around it and tells a refusal from a request that
// went on by whether WithAudit saw the request.
package audit

import (
	"fmt"
	"net/http"
	"strings"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
)

// WithFailedAuthenticationAudit wraps next, the authentication step
// (with WithAudit below it), and records each request it refuses with
// 401: one event at ResponseStarted, as upstream, whose status has the
// code and a message naming the credentials tried ("Authentication
// failed, attempted: bearer"). The policy is evaluated for a user with
// no name or groups. A nil backend or policy returns next as it is.
func WithFailedAuthenticationAudit(next http.Handler, backend Backend, policy *Policy) http.Handler {
	if backend == nil || policy == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, s := withState(w, r)
		message := attemptedMethods(r) // now: authentication may remove the header
		rw := newResponseWriter(w, func(code int) bool {
			s.mu.Lock()
			evaluated := s.evaluated
			s.mu.Unlock()
			if code == http.StatusUnauthorized && !evaluated {
				recordFailedAuthentication(r, s, backend, policy, message)
			}
			return false
		})
		next.ServeHTTP(rw, r)
	})
}

// recordFailedAuthentication writes the event of a refused request.
func recordFailedAuthentication(r *http.Request, s *requestState, backend Backend, policy *Policy, message string) {
	info, ok := endpoints.RequestInfoFrom(r.Context())
	if !ok {
		info, _ = endpoints.NewRequestInfo(r) // filled as far as it parses
	}
	attrs := authorizer.Attributes{
		User: user.Info{}, Verb: info.Verb, ResourceRequest: info.IsResourceRequest,
		Namespace: info.Namespace, APIGroup: info.APIGroup, APIVersion: info.APIVersion,
		Resource: info.Resource, Subresource: info.Subresource, Name: info.Name, Path: info.Path,
	}
	eval := policy.Evaluate(attrs)
	if eval.Level == auditv1.LevelNone || eval.Omits(auditv1.StageResponseStarted) {
		return
	}
	ev := newEvent(r, s.auditID, s.received, attrs, eval.Level)
	ev.Stage = auditv1.StageResponseStarted
	ev.StageTimestamp = metav1.NowMicro()
	ev.ResponseStatus = &metav1.Status{Code: http.StatusUnauthorized, Message: message}
	backend.ProcessEvents(ev) // ev is this function's own: no lock to hold
}

// attemptedMethods names the credentials r carried, in upstream's words.
func attemptedMethods(r *http.Request) string {
	var methods []string
	if _, _, ok := r.BasicAuth(); ok {
		methods = append(methods, "basic")
	}
	if parts := strings.Fields(r.Header.Get("Authorization")); len(parts) > 1 && strings.EqualFold(parts[0], "bearer") {
		methods = append(methods, "bearer")
	}
	if strings.TrimSpace(r.URL.Query().Get("access_token")) != "" {
		methods = append(methods, "access_token")
	}
	if r.TLS != nil && len(r.TLS.PeerCertificates) > 0 {
		methods = append(methods, "x509")
	}
	if len(methods) == 0 {
		return "Authentication failed, no credentials provided"
	}
	return fmt.Sprintf("Authentication failed, attempted: %s", strings.Join(methods, ", "))
}
