package authorization

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
)

// serve sends method path as u through WithAuthorization over a, after
// the request-info step, and returns the response and what was recorded.
func serve(t *testing.T, a authorizer.Authorizer, u *user.Info, method, path string) (*httptest.ResponseRecorder, []authorizer.Verdict) {
	t.Helper()
	var verdicts []authorizer.Verdict
	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	h := WithAuthorization(ok, a, func(_ *http.Request, _ authorizer.Attributes, v authorizer.Verdict) {
		verdicts = append(verdicts, v)
	})
	req := httptest.NewRequest(method, path, nil)
	info, err := endpoints.NewRequestInfo(req)
	if err != nil {
		t.Fatal(err)
	}
	ctx := endpoints.WithRequestInfo(req.Context(), info)
	if u != nil {
		ctx = user.WithUser(ctx, *u)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req.WithContext(ctx))
	return rec, verdicts
}

// Talk 001, "authZ": the filter reads the user authentication left in
// the context and the parsed path, and lets through only what the chain
// allows.
func TestWithAuthorization(t *testing.T) {
	chain := newChain(t, ModeNode, ModeRBAC)
	failing := authorizer.AuthorizerFunc(func(context.Context, authorizer.Attributes) (authorizer.Decision, string, error) {
		return authorizer.DecisionNoOpinion, "", errors.New("webhook unreachable")
	})
	tests := []struct {
		name     string
		a        authorizer.Authorizer
		user     *user.Info
		path     string
		wantCode int
		wantBody string
	}{
		{"allowed", chain, &editor, "/api/v1/namespaces/default/pods", 200, ""},
		{"kubelet lists its pods", chain, &kubelet, "/api/v1/pods?fieldSelector=spec.nodeName%3Dworker-1", 200, ""},
		{"kubelet lists every pod", chain, &kubelet, "/api/v1/pods", 403,
			`User \"system:node:worker-1\" cannot list resource \"pods\" in API group \"\" at the cluster scope: can only list/watch pods with spec.nodeName field selector`},
		{"forbidden", chain, &viewer, "/api/v1/namespaces/default/secrets/db-password", 403,
			`secrets \"db-password\" is forbidden`},
		{"error without an allow", failing, &editor, "/api/v1/namespaces/default/pods", 500, "webhook unreachable"},
		{"no user", chain, nil, "/api/v1/namespaces/default/pods", 500, "no user found in the request context"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, _ := serve(t, tc.a, tc.user, http.MethodGet, tc.path)
			if rec.Code != tc.wantCode {
				t.Errorf("code = %d, want %d; body %s", rec.Code, tc.wantCode, rec.Body)
			}
			if !strings.Contains(rec.Body.String(), tc.wantBody) {
				t.Errorf("body %s does not contain %s", rec.Body, tc.wantBody)
			}
		})
	}
}

// Each decision reaches the recorder with the deciding mode, and turns
// into upstream's audit annotations.
func TestRecorderAndAuditAnnotations(t *testing.T) {
	chain := newChain(t, ModeRBAC)
	_, allowed := serve(t, chain, &editor, http.MethodGet, "/api/v1/namespaces/default/pods")
	_, denied := serve(t, chain, &viewer, http.MethodDelete, "/api/v1/namespaces/default/pods/web-0")
	if len(allowed) != 1 || len(denied) != 1 {
		t.Fatalf("recorded %d and %d verdicts, want 1 each", len(allowed), len(denied))
	}
	if allowed[0].Authorizer != ModeRBAC {
		t.Errorf("allowed by %q, want RBAC", allowed[0].Authorizer)
	}
	tests := []struct {
		name string
		v    authorizer.Verdict
		want map[string]string
	}{
		{"allow", allowed[0], map[string]string{DecisionAnnotationKey: "allow",
			ReasonAnnotationKey: `RBAC: allowed by RoleBinding "erin-edit/default" of ClusterRole "edit" to User "erin"`}},
		{"forbid", denied[0], map[string]string{DecisionAnnotationKey: "forbid", ReasonAnnotationKey: ""}},
		{"error", authorizer.Verdict{Decision: authorizer.DecisionNoOpinion, Err: errors.New("x")},
			map[string]string{ReasonAnnotationKey: "internal error"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := AuditAnnotations(tc.v)
			if len(got) != len(tc.want) {
				t.Fatalf("AuditAnnotations = %v, want %v", got, tc.want)
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q", k, got[k], v)
				}
			}
		})
	}
}
