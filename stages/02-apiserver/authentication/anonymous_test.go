package authentication

import (
	"errors"
	"net/http/httptest"
	"slices"
	"testing"
)

// Anonymous requests are allowed only when enabled, and only when no
// authenticator failed: a wrong token is refused, not demoted.
func TestAnonymous(t *testing.T) {
	tests := []struct {
		name      string
		anonymous bool
		header    string
		wantOK    bool
		wantUser  string
		wantGrps  []string
		wantErr   error
	}{
		{"enabled, no credentials", true, "", true, "system:anonymous", []string{"system:unauthenticated"}, nil},
		{"disabled, no credentials", false, "", false, "", nil, nil},
		{"enabled, bad token", true, "Bearer bad", false, "", nil, ErrInvalidBearerToken},
		{"enabled, good token", true, "Bearer good", true, "jane", []string{"system:authenticated"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := WithAuthenticatedGroup(BearerToken(staticToken("good", "jane")))
			if tc.anonymous {
				a = FallBack(a, Anonymous())
			}
			r := httptest.NewRequest("GET", "/api", nil)
			if tc.header != "" {
				r.Header.Set("Authorization", tc.header)
			}
			resp, ok, err := a.AuthenticateRequest(r)
			if ok != tc.wantOK || !errors.Is(err, tc.wantErr) {
				t.Fatalf("AuthenticateRequest = %v, %v; want %v, %v", ok, err, tc.wantOK, tc.wantErr)
			}
			if ok && (resp.User.Name != tc.wantUser || !slices.Equal(resp.User.Groups, tc.wantGrps)) {
				t.Errorf("user = %+v, want %s %v", resp.User, tc.wantUser, tc.wantGrps)
			}
		})
	}
}
