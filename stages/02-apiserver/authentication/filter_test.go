package authentication

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// upstream401 is the body upstream's API server sends for every
// authentication failure.
const upstream401 = `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}` + "\n"

// Talk 001, "API Server Interactions" (authN): on success the
// Authorization header is removed and the user is put in the request's
// context for authorization and admission; on failure the client gets
// upstream's 401 Status and never the reason, which goes to the log.
func TestWithAuthentication(t *testing.T) {
	a := WithAuthenticatedGroup(BearerToken(staticToken("good", "jane")))
	tests := []struct {
		name       string
		header     string
		audiences  []string
		granted    []string
		wantCode   int
		wantUser   string
		wantLogErr string
	}{
		{name: "good token", header: "Bearer good", wantCode: http.StatusOK, wantUser: "jane"},
		{name: "bad token", header: "Bearer bad", wantCode: http.StatusUnauthorized, wantLogErr: "invalid bearer token"},
		{name: "no credentials", wantCode: http.StatusUnauthorized},
		{name: "credential for another audience", header: "Bearer good", audiences: []string{"https://kubernetes.default.svc"}, granted: []string{"vault"},
			wantCode: http.StatusUnauthorized, wantLogErr: "unable to match the audience: [vault], accepted: [https://kubernetes.default.svc]"},
		{name: "credential for our audience", header: "Bearer good", audiences: []string{"https://kubernetes.default.svc"}, granted: []string{"https://kubernetes.default.svc"},
			wantCode: http.StatusOK, wantUser: "jane"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			withAuds := AuthenticatorFunc(func(r *http.Request) (*Response, bool, error) {
				resp, ok, err := a.AuthenticateRequest(r)
				if ok {
					resp.Audiences = tc.granted
				}
				return resp, ok, err
			})
			var seen *http.Request
			next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen = r })
			var logged struct {
				resp *Response
				err  error
				n    int
			}
			log := func(_ *http.Request, resp *Response, err error) {
				logged.resp, logged.err, logged.n = resp, err, logged.n+1
			}

			r := httptest.NewRequest("GET", "/api/v1/pods", nil)
			if tc.header != "" {
				r.Header.Set("Authorization", tc.header)
			}
			w := httptest.NewRecorder()
			WithAuthentication(next, withAuds, tc.audiences, log).ServeHTTP(w, r)

			if w.Code != tc.wantCode || logged.n != 1 {
				t.Fatalf("code = %d after %d log calls, want %d after 1", w.Code, logged.n, tc.wantCode)
			}
			if tc.wantCode == http.StatusUnauthorized {
				if seen != nil {
					t.Error("the next handler ran for a refused request")
				}
				if got := w.Body.String(); got != upstream401 {
					t.Errorf("body = %s\nwant  %s", got, upstream401)
				}
				if ct := w.Header().Get("Content-Type"); ct != "application/json" {
					t.Errorf("Content-Type = %q", ct)
				}
				gotErr := ""
				if logged.err != nil {
					gotErr = logged.err.Error()
				}
				if gotErr != tc.wantLogErr || logged.resp != nil {
					t.Errorf("log got %v, %q; want nil, %q", logged.resp, gotErr, tc.wantLogErr)
				}
				return
			}
			if h := seen.Header.Get("Authorization"); h != "" {
				t.Errorf("Authorization header %q reached the handler", h)
			}
			u, ok := user.From(seen.Context())
			if !ok || u.Name != tc.wantUser {
				t.Errorf("user in context = %+v, %v; want %s", u, ok, tc.wantUser)
			}
			resp, ok := ResponseFrom(seen.Context())
			if !ok || resp.Authenticator != NameTokenFile || logged.resp != resp {
				t.Errorf("response in context = %+v, %v; logged %+v", resp, ok, logged.resp)
			}
		})
	}
}

// The filter asks for the API server's audiences through the context.
func TestWithAuthenticationSetsAudiences(t *testing.T) {
	var asked []string
	a := AuthenticatorFunc(func(r *http.Request) (*Response, bool, error) {
		asked, _ = AudiencesFrom(r.Context())
		return &Response{User: user.Info{Name: "jane"}}, true, nil
	})
	h := WithAuthentication(http.NotFoundHandler(), a, []string{"api"}, nil)
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	if len(asked) != 1 || asked[0] != "api" {
		t.Errorf("audiences asked = %v, want [api]", asked)
	}
}
