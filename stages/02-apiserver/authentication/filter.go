// WithAuthentication: the authentication step of the request chain,
// between request info and audit (talk 000, "Server side
// authentication"; talk 001, "API Server Interactions": on success the Authorization header is
// removed and the user is added to the request's context).
//
// Interface:
//   - WithAuthentication(next, a, apiAudiences, log): the filter.
//   - LogFunc: what the filter reports per request, for -v 4 logs.
//   - Unauthorized(w): the 401 every failure gets.
package authentication

import (
	"fmt"
	"net/http"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// LogFunc is told the outcome of authenticating r: resp on success, or
// nil and the reason on failure (err is nil when the request carried no
// credentials the server knows). It runs on the request's goroutine
// before the response is written, so it should only log.
type LogFunc func(r *http.Request, resp *Response, err error)

// WithAuthentication returns a handler that authenticates each request
// with a and passes it on to next, or answers 401 Unauthorized.
//
// Before asking a, it puts apiAudiences (the API server's own, from
// --api-audiences; may be empty) in the context with WithAudiences. A
// success whose audiences share none with apiAudiences is refused too
// (a token issued for another service). On success it deletes the
// Authorization header, so no later step can forward the credential, and
// puts the user (user.WithUser) and the whole Response (WithResponse) in
// the request's context. The client never learns why it was refused; the
// reasons go to log, which may be nil.
func WithAuthentication(next http.Handler, a Authenticator, apiAudiences []string, log LogFunc) http.Handler {
	if log == nil {
		log = func(*http.Request, *Response, error) {}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(apiAudiences) > 0 {
			r = r.WithContext(WithAudiences(r.Context(), apiAudiences))
		}
		resp, ok, err := a.AuthenticateRequest(r)
		if ok && !audiencesAcceptable(apiAudiences, resp.Audiences) {
			ok, err = false, fmt.Errorf("unable to match the audience: %v, accepted: %v", resp.Audiences, apiAudiences)
		}
		if !ok {
			log(r, nil, err)
			Unauthorized(w)
			return
		}
		log(r, resp, nil)
		r.Header.Del("Authorization")
		ctx := user.WithUser(r.Context(), resp.User)
		next.ServeHTTP(w, r.WithContext(WithResponse(ctx, resp)))
	})
}

// audiencesAcceptable: a credential without audiences, or a server
// without any, accepts; otherwise they must share one.
func audiencesAcceptable(api, granted []string) bool {
	return len(api) == 0 || len(granted) == 0 || len(IntersectAudiences(api, granted)) > 0
}

// Unauthorized writes upstream's answer to a request that could not be
// authenticated: 401 with the Status
//
//	{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
//	 "message":"Unauthorized","reason":"Unauthorized","code":401}
//
// kubectl prints it as "error: You must be logged in to the server
// (Unauthorized)".
func Unauthorized(w http.ResponseWriter) {
	apierrors.WriteStatus(w, apierrors.NewUnauthorized("Unauthorized").Status())
}
