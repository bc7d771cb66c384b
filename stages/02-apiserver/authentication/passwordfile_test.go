package authentication

import (
	"errors"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// Talk 000, "Server side authentication", username and password: basic
// credentials that match a line of the (legacy) password file name its
// user; a wrong password or unknown user is refused with one message
// that does not tell which was wrong.
func TestBasicAuth(t *testing.T) {
	ba, err := ParseBasicAuth(strings.NewReader("s3cret,jane,1001,\"dev,ops\"\nhunter2,bob,1002\n"), "passwords.csv")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		user, pass string
		noAuth     bool
		wantOK     bool
		wantErr    error
		wantGroups []string
	}{
		{name: "right password", user: "jane", pass: "s3cret", wantOK: true, wantGroups: []string{"dev", "ops"}},
		{name: "wrong password", user: "jane", pass: "hunter2", wantErr: ErrInvalidBasicAuth},
		{name: "unknown user", user: "eve", pass: "s3cret", wantErr: ErrInvalidBasicAuth},
		{name: "no basic credentials", noAuth: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/api", nil)
			if !tc.noAuth {
				r.SetBasicAuth(tc.user, tc.pass)
			}
			resp, ok, err := ba.AuthenticateRequest(r)
			if ok != tc.wantOK || !errors.Is(err, tc.wantErr) {
				t.Fatalf("AuthenticateRequest = %v, %v; want %v, %v", ok, err, tc.wantOK, tc.wantErr)
			}
			if err != nil && err.Error() != "invalid username/password combination" {
				t.Errorf("message = %q, want upstream's", err)
			}
			if !ok {
				return
			}
			if resp.User.Name != tc.user || !slices.Equal(resp.User.Groups, tc.wantGroups) || resp.Authenticator != NameBasicAuth {
				t.Errorf("got %+v from %q", resp.User, resp.Authenticator)
			}
			if r.Header.Get("Authorization") != "" {
				t.Error("the Authorization header survived a successful basic auth")
			}
		})
	}
}

func TestBasicAuthFileErrors(t *testing.T) {
	_, err := ParseBasicAuth(strings.NewReader("pw,jane\n"), "passwords.csv")
	want := `load password file "passwords.csv": line 1 must have at least 3 columns (password, user name, user uid), found 2`
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v, want %q", err, want)
	}
}
