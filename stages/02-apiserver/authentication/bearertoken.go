// BearerToken: the HTTP half of token authentication. It finds the token
// in "Authorization: Bearer <token>" and hands it to a TokenAuthenticator
// (the token file, service-account tokens), which does not need to know
// about HTTP at all.
//
// Interface:
//   - BearerToken(tokens): a TokenAuthenticator as an Authenticator.
//   - ErrInvalidBearerToken: a bearer token no token authenticator knows.
package authentication

import (
	"errors"
	"net/http"
	"strings"
)

// ErrInvalidBearerToken is the reason given when a request carries a bearer
// token and no token authenticator recognised it, upstream's wording.
var ErrInvalidBearerToken = errors.New("invalid bearer token")

// BearerToken returns an Authenticator that reads the bearer token of a
// request and asks tokens about it. A request without an Authorization
// header, with another scheme (Basic) or with an empty token gets no
// opinion; the scheme is matched without regard to case. A token that
// tokens had no opinion on is ErrInvalidBearerToken: the client clearly
// meant to authenticate with it. On success the Authorization header is
// deleted from r, so nothing later can pass the token on.
func BearerToken(tokens TokenAuthenticator) Authenticator {
	return AuthenticatorFunc(func(r *http.Request) (*Response, bool, error) {
		token, ok := bearerToken(r)
		if !ok {
			return nil, false, nil
		}
		resp, ok, err := tokens.AuthenticateToken(r.Context(), token)
		if ok {
			r.Header.Del("Authorization")
			return resp, true, nil
		}
		if err == nil {
			err = ErrInvalidBearerToken
		}
		return nil, false, err
	})
}

// bearerToken returns the token of "Authorization: Bearer <token>".
func bearerToken(r *http.Request) (string, bool) {
	scheme, token, found := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !found || !strings.EqualFold(scheme, "bearer") {
		return "", false
	}
	// A second space would start something that is not part of a token.
	token, _, _ = strings.Cut(token, " ")
	return token, token != ""
}
