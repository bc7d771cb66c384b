// Audiences: whom a credential is for. A service-account token names the
// services it may be shown to (its "aud" claim); a token issued for a
// vault server must not let its bearer into the API server, nor the other
// way round. The API server's own audiences come from --api-audiences
// (by default its service-account issuer).
//
// Interface:
//   - WithAudiences/AudiencesFrom: the audiences a request asks for,
//     in its context.
//   - IntersectAudiences(a, b).
//   - AudienceAgnostic and AudienceAgnosticToken: make a credential that
//     knows nothing of audiences (a certificate, a static token) good for
//     the API server's audiences only.
package authentication

import (
	"context"
	"fmt"
	"net/http"
	"slices"
)

type audiencesKey struct{}

// WithAudiences returns a copy of ctx saying which audiences a credential
// must be good for: the API server's own for a request (set by
// WithAuthentication), the asker's for a TokenReview.
func WithAudiences(ctx context.Context, audiences []string) context.Context {
	return context.WithValue(ctx, audiencesKey{}, audiences)
}

// AudiencesFrom returns the audiences ctx asks for; ok is false when none
// were set, and an authenticator falls back to the API server's.
func AudiencesFrom(ctx context.Context) (audiences []string, ok bool) {
	audiences, ok = ctx.Value(audiencesKey{}).([]string)
	return audiences, ok
}

// IntersectAudiences returns the audiences in both a and b, in a's order,
// each once.
func IntersectAudiences(a, b []string) []string {
	var both []string
	for _, aud := range a {
		if slices.Contains(b, aud) && !slices.Contains(both, aud) {
			both = append(both, aud)
		}
	}
	return both
}

// AudienceAgnostic wraps an authenticator whose credentials carry no
// audience. When the context asks for audiences (AudiencesFrom), it asks
// a only if they include one of apiAudiences, and the success is good for
// those shared audiences alone; otherwise it has no opinion. A TokenReview
// from a vault server, asking "is this token for vault?", so never hears
// yes for a static token meant for the API server. Without requested
// audiences it is a.
func AudienceAgnostic(apiAudiences []string, a Authenticator) Authenticator {
	return AuthenticatorFunc(func(r *http.Request) (*Response, bool, error) {
		return audienceAgnostic(r.Context(), apiAudiences, func() (*Response, bool, error) {
			return a.AuthenticateRequest(r)
		})
	})
}

// AudienceAgnosticToken is AudienceAgnostic for a token authenticator.
func AudienceAgnosticToken(apiAudiences []string, t TokenAuthenticator) TokenAuthenticator {
	return TokenAuthenticatorFunc(func(ctx context.Context, token string) (*Response, bool, error) {
		return audienceAgnostic(ctx, apiAudiences, func() (*Response, bool, error) {
			return t.AuthenticateToken(ctx, token)
		})
	})
}

func audienceAgnostic(ctx context.Context, apiAudiences []string, authenticate func() (*Response, bool, error)) (*Response, bool, error) {
	requested, ok := AudiencesFrom(ctx)
	if !ok {
		return authenticate()
	}
	shared := IntersectAudiences(apiAudiences, requested)
	if len(shared) == 0 {
		return nil, false, nil
	}
	resp, ok, err := authenticate()
	if !ok {
		return nil, false, err
	}
	if len(resp.Audiences) > 0 {
		// A wiring mistake: this authenticator does know audiences.
		return nil, false, fmt.Errorf("audience agnostic authenticator wrapped an authenticator that returned audiences: %q", resp.Audiences)
	}
	out := *resp
	out.Audiences = shared
	return &out, true, nil
}
