package authentication

import (
	"errors"
	"net/http/httptest"
	"testing"
)

// Talk 001, "Client Interactions": bearer tokens travel in the
// Authorization header. Only "Bearer <token>" (any case) is read; a
// token no authenticator knows is "invalid bearer token", and a known one
// is removed from the request.
func TestBearerToken(t *testing.T) {
	a := BearerToken(staticToken("good", "jane"))
	tests := []struct {
		name      string
		header    string
		wantOK    bool
		wantErr   error
		wantStays bool
	}{
		{name: "good token", header: "Bearer good", wantOK: true},
		{name: "scheme in lower case", header: "bearer good", wantOK: true},
		{name: "surrounding spaces", header: "  Bearer good  ", wantOK: true},
		{name: "unknown token", header: "Bearer bad", wantErr: ErrInvalidBearerToken, wantStays: true},
		{name: "empty token", header: "Bearer ", wantStays: true},
		{name: "basic scheme", header: "Basic amFuZTpzM2NyZXQ=", wantStays: true},
		{name: "no header"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/api", nil)
			if tc.header != "" {
				r.Header.Set("Authorization", tc.header)
			}
			resp, ok, err := a.AuthenticateRequest(r)
			if ok != tc.wantOK || !errors.Is(err, tc.wantErr) {
				t.Fatalf("AuthenticateRequest = %v, %v; want %v, %v", ok, err, tc.wantOK, tc.wantErr)
			}
			if ok && resp.User.Name != "jane" {
				t.Errorf("user = %q", resp.User.Name)
			}
			if stays := r.Header.Get("Authorization") != ""; stays != tc.wantStays {
				t.Errorf("Authorization header kept = %v, want %v", stays, tc.wantStays)
			}
		})
	}
}
