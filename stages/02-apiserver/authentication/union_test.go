package authentication

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// fixed returns an Authenticator with a fixed answer, counting its calls.
func fixed(name string, ok bool, err error, calls *int) Authenticator {
	return AuthenticatorFunc(func(*http.Request) (*Response, bool, error) {
		*calls++
		if !ok {
			return nil, false, err
		}
		return &Response{User: user.Info{Name: name}, Authenticator: name}, true, nil
	})
}

// Talk 001, "API Server Interactions" (authN): the authenticators are
// tried in order and the first success decides; only if every one fails
// does the request fail, with all their reasons in one error.
func TestUnion(t *testing.T) {
	errCert := errors.New("x509: certificate signed by unknown authority")
	type answer struct {
		ok  bool
		err error
	}
	cases := []struct {
		name     string
		answers  []answer
		wantOK   bool
		wantUser string
		wantErr  string
		wantAsks int
	}{
		{"first success wins, later ones are not asked", []answer{{ok: true}, {ok: true}}, true, "a0", "", 1},
		{"success after a failure", []answer{{err: errCert}, {ok: true}}, true, "a1", "", 2},
		{"success after no opinion", []answer{{}, {ok: true}}, true, "a1", "", 2},
		{"all fail: aggregate in order", []answer{{err: errCert}, {err: ErrInvalidBearerToken}}, false, "", "[x509: certificate signed by unknown authority, invalid bearer token]", 2},
		{"one failure is not bracketed", []answer{{}, {err: ErrInvalidBearerToken}}, false, "", "invalid bearer token", 2},
		{"repeated reasons appear once", []answer{{err: ErrInvalidBearerToken}, {err: errors.New("invalid bearer token")}}, false, "", "invalid bearer token", 2},
		{"nobody has an opinion", []answer{{}, {}}, false, "", "", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			var chain []Authenticator
			for i, a := range tc.answers {
				chain = append(chain, fixed("a"+string(rune('0'+i)), a.ok, a.err, &calls))
			}
			resp, ok, err := Union(chain...).AuthenticateRequest(httptest.NewRequest("GET", "/", nil))
			if ok != tc.wantOK || calls != tc.wantAsks {
				t.Fatalf("ok=%v after %d calls; want %v after %d", ok, calls, tc.wantOK, tc.wantAsks)
			}
			if ok && resp.User.Name != tc.wantUser {
				t.Errorf("user = %q, want %q", resp.User.Name, tc.wantUser)
			}
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tc.wantErr {
				t.Errorf("error = %q, want %q", gotErr, tc.wantErr)
			}
		})
	}
	// The aggregate keeps each failure reachable.
	_, _, err := Union(fixed("a", false, errCert, new(int)), fixed("b", false, ErrInvalidBearerToken, new(int))).
		AuthenticateRequest(httptest.NewRequest("GET", "/", nil))
	if !errors.Is(err, errCert) || !errors.Is(err, ErrInvalidBearerToken) {
		t.Errorf("errors.Is cannot find the failures in %v", err)
	}
}

// Every authenticated user is in system:authenticated, once; anonymous is
// not.
func TestWithAuthenticatedGroup(t *testing.T) {
	tests := []struct {
		name string
		in   user.Info
		want []string
	}{
		{"plain user", user.Info{Name: "jane", Groups: []string{"dev"}}, []string{"dev", user.AllAuthenticated}},
		{"already present", user.Info{Name: "jane", Groups: []string{user.AllAuthenticated}}, []string{user.AllAuthenticated}},
		{"anonymous", user.Info{Name: user.Anonymous, Groups: []string{user.AllUnauthenticated}}, []string{user.AllUnauthenticated}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			groups := slices.Clip(tc.in.Groups)
			inner := AuthenticatorFunc(func(*http.Request) (*Response, bool, error) {
				return &Response{User: tc.in}, true, nil
			})
			resp, _, _ := WithAuthenticatedGroup(inner).AuthenticateRequest(httptest.NewRequest("GET", "/", nil))
			if !slices.Equal(resp.User.Groups, tc.want) {
				t.Errorf("groups = %v, want %v", resp.User.Groups, tc.want)
			}
			if !slices.Equal(tc.in.Groups, groups) {
				t.Errorf("the inner response's groups changed to %v", tc.in.Groups)
			}
		})
	}
}
