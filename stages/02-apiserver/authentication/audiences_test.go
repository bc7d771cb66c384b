package authentication

import (
	"context"
	"slices"
	"testing"
)

// A static token knows nothing of audiences: it is good for the API
// server's only, so a TokenReview asking "is this for vault?" is not
// answered yes.
func TestAudienceAgnosticToken(t *testing.T) {
	api := []string{"https://kubernetes.default.svc", "api"}
	a := AudienceAgnosticToken(api, staticToken("good", "jane"))
	tests := []struct {
		name      string
		requested []string // nil: none in the context
		wantOK    bool
		wantAuds  []string
	}{
		{"no audiences asked", nil, true, nil},
		{"API audience asked", []string{"api", "other"}, true, []string{"api"}},
		{"foreign audience asked", []string{"vault"}, false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			if tc.requested != nil {
				ctx = WithAudiences(ctx, tc.requested)
			}
			resp, ok, err := a.AuthenticateToken(ctx, "good")
			if ok != tc.wantOK || err != nil {
				t.Fatalf("AuthenticateToken = %v, %v; want %v, nil", ok, err, tc.wantOK)
			}
			if ok && !slices.Equal(resp.Audiences, tc.wantAuds) {
				t.Errorf("audiences = %v, want %v", resp.Audiences, tc.wantAuds)
			}
		})
	}
}

func TestIntersectAudiences(t *testing.T) {
	got := IntersectAudiences([]string{"a", "b", "a", "c"}, []string{"c", "a"})
	if !slices.Equal(got, []string{"a", "c"}) {
		t.Errorf("IntersectAudiences = %v, want [a c]", got)
	}
	if got := IntersectAudiences([]string{"a"}, nil); got != nil {
		t.Errorf("IntersectAudiences with nothing = %v, want nil", got)
	}
}
