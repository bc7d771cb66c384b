package authentication

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// `kubectl auth whoami` shows the user the request was authenticated as.
func TestSelfSubjectReview(t *testing.T) {
	got, err := json.Marshal(SelfSubjectReview(user.Info{
		Name: "kubernetes-admin", Groups: []string{"system:masters", "system:authenticated"},
		Extra: map[string][]string{ExtraCredentialID: {"X509SHA256=ab"}},
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"kind":"SelfSubjectReview","apiVersion":"authentication.k8s.io/v1","metadata":{},"status":{"userInfo":` +
		`{"username":"kubernetes-admin","groups":["system:masters","system:authenticated"],"extra":{"authentication.kubernetes.io/credential-id":["X509SHA256=ab"]}}}}`
	if string(got) != want {
		t.Errorf("SelfSubjectReview =\n%s\nwant\n%s", got, want)
	}
}

// A TokenReview gets the answer a request bearing the token would get,
// never anonymous.
func TestReviewToken(t *testing.T) {
	api := []string{"api"}
	a := FallBack(WithAuthenticatedGroup(BearerToken(AudienceAgnosticToken(api, staticToken("good", "jane")))), Anonymous())
	tests := []struct {
		name      string
		spec      authenticationv1.TokenReviewSpec
		wantAuth  bool
		wantUser  string
		wantGrps  []string
		wantAuds  []string
		wantError string
	}{
		{name: "good token", spec: authenticationv1.TokenReviewSpec{Token: "good"}, wantAuth: true, wantUser: "jane", wantGrps: []string{"system:authenticated"}},
		{name: "good token for the API audience", spec: authenticationv1.TokenReviewSpec{Token: "good", Audiences: []string{"api"}},
			wantAuth: true, wantUser: "jane", wantGrps: []string{"system:authenticated"}, wantAuds: []string{"api"}},
		{name: "good token asked for another audience", spec: authenticationv1.TokenReviewSpec{Token: "good", Audiences: []string{"vault"}},
			wantError: "invalid bearer token"},
		{name: "unknown token", spec: authenticationv1.TokenReviewSpec{Token: "bad"}, wantError: "invalid bearer token"},
		{name: "trailing space is trimmed", spec: authenticationv1.TokenReviewSpec{Token: "good "}, wantAuth: true, wantUser: "jane", wantGrps: []string{"system:authenticated"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := &authenticationv1.TokenReview{Spec: tc.spec}
			if err := ReviewToken(context.Background(), a, tr); err != nil {
				t.Fatal(err)
			}
			st := tr.Status
			if st.Authenticated != tc.wantAuth || st.User.Username != tc.wantUser || !slices.Equal(st.User.Groups, tc.wantGrps) ||
				!slices.Equal(st.Audiences, tc.wantAuds) || st.Error != tc.wantError {
				t.Errorf("status = %+v", st)
			}
		})
	}
	for _, token := range []string{"", "   "} {
		err := ReviewToken(context.Background(), a, &authenticationv1.TokenReview{Spec: authenticationv1.TokenReviewSpec{Token: token}})
		if s := apierrors.StatusFor(err); s.Code != 400 || s.Message != "token is required for TokenReview in authentication" {
			t.Errorf("token %q: status = %+v", token, s)
		}
	}
}
