// Authenticator: the one question every credential kind answers, "who sent
// this request?", and what travels with the answer.
//
// Interface:
//   - Authenticator: AuthenticateRequest(r) for a whole HTTP request
//     (client certificate, Authorization header, nothing at all).
//   - TokenAuthenticator: AuthenticateToken(ctx, token) for a bearer
//     token alone; BearerToken (bearertoken.go) lifts one to an
//     Authenticator.
//   - Response: the user, the authenticator that decided, the audiences.
//   - AuthenticatorFunc and TokenAuthenticatorFunc: functions as either.
//   - WithResponse/ResponseFrom: the result, in the request's context.
//
// Audiences (what a credential is good for) are in audiences.go.
//
// The kinds themselves are one file each (x509.go, tokenfile.go,
// passwordfile.go, anonymous.go, serviceaccount/); union.go chains them
// and filter.go puts the chain in front of the handlers.
package authentication

import (
	"context"
	"net/http"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// Authenticator decides who sent a request. It is called once per request,
// from any goroutine, before authorization.
//
// The three outcomes:
//   - resp, true, nil: the request carries credentials of this kind and
//     they prove resp.User.
//   - _, false, nil: no credentials of this kind; ask the next one.
//   - _, false, err: credentials of this kind that do not hold (an
//     expired certificate, an unknown token); err says why, for the log.
//
// An Authenticator must not change r, except that a bearer-token one may
// delete the Authorization header it consumed.
type Authenticator interface {
	AuthenticateRequest(r *http.Request) (*Response, bool, error)
}

// TokenAuthenticator decides whose a bearer token is, with the same three
// outcomes as Authenticator. ctx may carry the audiences the token must
// be good for (AudiencesFrom).
type TokenAuthenticator interface {
	AuthenticateToken(ctx context.Context, token string) (*Response, bool, error)
}

// Response is a successful authentication.
type Response struct {
	// User is who sent the request.
	User user.Info
	// Authenticator names the kind that decided (one of the Name*
	// constants), for the -v 4 log and the audit event.
	Authenticator string
	// Audiences are those of the requested audiences the credential is
	// good for; empty means "the API server's", which is all a credential
	// that knows nothing of audiences (a certificate) can say.
	Audiences []string
}

// The names each authenticator puts in Response.Authenticator.
const (
	NameX509           = "x509"
	NameTokenFile      = "token-file"
	NameBasicAuth      = "basic-auth"
	NameServiceAccount = "service-account"
	NameAnonymous      = "anonymous"
)

// AuthenticatorFunc is a function used as an Authenticator.
type AuthenticatorFunc func(r *http.Request) (*Response, bool, error)

// AuthenticateRequest calls f(r).
func (f AuthenticatorFunc) AuthenticateRequest(r *http.Request) (*Response, bool, error) {
	return f(r)
}

// TokenAuthenticatorFunc is a function used as a TokenAuthenticator.
type TokenAuthenticatorFunc func(ctx context.Context, token string) (*Response, bool, error)

// AuthenticateToken calls f(ctx, token).
func (f TokenAuthenticatorFunc) AuthenticateToken(ctx context.Context, token string) (*Response, bool, error) {
	return f(ctx, token)
}

type responseKey struct{}

// WithResponse returns a copy of ctx carrying the authentication result,
// for the audit event and the -v 4 log ("which authenticator decided").
func WithResponse(ctx context.Context, resp *Response) context.Context {
	return context.WithValue(ctx, responseKey{}, resp)
}

// ResponseFrom returns the authentication result ctx carries; ok is false
// before authentication.
func ResponseFrom(ctx context.Context) (resp *Response, ok bool) {
	resp, ok = ctx.Value(responseKey{}).(*Response)
	return resp, ok && resp != nil
}
