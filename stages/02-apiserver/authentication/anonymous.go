// Anonymous: the user of a request that carries no credentials, when the
// server allows such requests (--anonymous-auth). Authorization then
// decides what system:anonymous may do; upstream's bootstrap RBAC lets it
// read /healthz, /version and discovery, and nothing else.
//
// Interface:
//   - Anonymous(): an Authenticator that always succeeds.
//
// It is never tried after another authenticator failed: New puts it
// behind the union with "fail on error", so a request with a wrong token
// is refused rather than demoted to anonymous.
package authentication

import (
	"net/http"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// Anonymous returns an Authenticator that accepts every request as
// system:anonymous in the group system:unauthenticated.
func Anonymous() Authenticator {
	return AuthenticatorFunc(func(*http.Request) (*Response, bool, error) {
		return &Response{
			User:          user.Info{Name: user.Anonymous, Groups: []string{user.AllUnauthenticated}},
			Authenticator: NameAnonymous,
		}, true, nil
	})
}
