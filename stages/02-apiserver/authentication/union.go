// Union: many authenticators asked as one. Talk 001 ("API Server
// Interactions", authN) describes it: the server builds a list of authenticators from its
// flags, tries them in turn, and the first that recognises the request
// decides; if every one fails, the request fails with all their reasons.
//
// Interface:
//   - Union(a...) and UnionTokens(t...): first success wins; failures
//     are collected into an *AggregateError.
//   - WithAuthenticatedGroup(a): add system:authenticated to every
//     success but the anonymous one.
//   - FallBack(a, b): ask b only when a had no opinion and no error (how
//     anonymous is added).
package authentication

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// Union returns an Authenticator that asks each of authenticators in
// order. The first success is the answer, even if an earlier one failed:
// a client may send a certificate the server does not trust together with
// a good token. If none succeeds, the result is an *AggregateError of the
// failures (nil when none had an opinion at all).
func Union(authenticators ...Authenticator) Authenticator {
	return AuthenticatorFunc(func(r *http.Request) (*Response, bool, error) {
		var errs []error
		for _, a := range authenticators {
			resp, ok, err := a.AuthenticateRequest(r)
			if ok {
				return resp, true, nil
			}
			if err != nil {
				errs = append(errs, err)
			}
		}
		return nil, false, aggregate(errs)
	})
}

// UnionTokens is Union for token authenticators: the token file, then the
// service-account tokens, each recognising only its own.
func UnionTokens(tokens ...TokenAuthenticator) TokenAuthenticator {
	return TokenAuthenticatorFunc(func(ctx context.Context, token string) (*Response, bool, error) {
		var errs []error
		for _, t := range tokens {
			resp, ok, err := t.AuthenticateToken(ctx, token)
			if ok {
				return resp, true, nil
			}
			if err != nil {
				errs = append(errs, err)
			}
		}
		return nil, false, aggregate(errs)
	})
}

// AggregateError is the failures of every authenticator of a union, in
// order. Its message is upstream's: one error as it is, several as
// "[first, second]", each distinct message once.
type AggregateError struct {
	Errors []error
}

// aggregate returns errs as an *AggregateError, or nil (an untyped nil
// error, not a nil pointer in an interface) when there are none.
func aggregate(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return &AggregateError{Errors: errs}
}

// Error lists the distinct messages.
func (e *AggregateError) Error() string {
	var msgs []string
	for _, err := range e.Errors {
		if m := err.Error(); !slices.Contains(msgs, m) {
			msgs = append(msgs, m)
		}
	}
	if len(msgs) == 1 {
		return msgs[0]
	}
	return "[" + strings.Join(msgs, ", ") + "]"
}

// Unwrap returns the failures, so errors.Is finds any of them.
func (e *AggregateError) Unwrap() []error { return e.Errors }

// WithAuthenticatedGroup returns an Authenticator that adds the group
// system:authenticated to each success of a, except for system:anonymous
// and users that already have it or system:unauthenticated. RBAC
// bindings to "everyone who logged in" name this group.
func WithAuthenticatedGroup(a Authenticator) Authenticator {
	return AuthenticatorFunc(func(r *http.Request) (*Response, bool, error) {
		resp, ok, err := a.AuthenticateRequest(r)
		if !ok {
			return resp, ok, err
		}
		u := resp.User
		if u.Name == user.Anonymous || slices.Contains(u.Groups, user.AllAuthenticated) || slices.Contains(u.Groups, user.AllUnauthenticated) {
			return resp, true, nil
		}
		out := *resp
		out.User.Groups = append(slices.Clip(u.Groups), user.AllAuthenticated)
		return &out, true, nil
	})
}

// FallBack returns an Authenticator that asks first, and asks then only
// when first had no opinion and no error. A failure of first is final,
// which is what keeps a bad credential from falling through to anonymous.
func FallBack(first, then Authenticator) Authenticator {
	return AuthenticatorFunc(func(r *http.Request) (*Response, bool, error) {
		resp, ok, err := first.AuthenticateRequest(r)
		if ok || err != nil {
			return resp, ok, err
		}
		return then.AuthenticateRequest(r)
	})
}
