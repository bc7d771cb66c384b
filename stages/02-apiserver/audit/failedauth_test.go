package audit

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// Talk 000, "Authentication" and "Authorization": a refused request is
// in the log with the answer's status: 403 from authorization (seen by
// WithAudit), 401 from authentication (seen only by
// WithFailedAuthenticationAudit, with no user).
func TestRefusedRequests(t *testing.T) {
	backend := &memoryBackend{}
	policy := policyAt(t, auditv1.LevelMetadata)
	authenticate := func(next http.Handler) http.Handler { // a stand-in for authentication.WithAuthentication
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Authorization") != "Bearer good" {
				reply(http.StatusUnauthorized, `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}`)(w, r)
				return
			}
			next.ServeHTTP(w, r.WithContext(user.WithUser(r.Context(), viewer)))
		})
	}
	chain := WithAuditID(WithFailedAuthenticationAudit(authenticate(WithAudit(reply(http.StatusForbidden, forbiddenJSON), backend, policy)), backend, policy))

	tests := []struct {
		name        string
		token       string
		wantCode    int32
		wantStages  []auditv1.Stage
		wantUser    string
		wantMessage string
		wantReason  string
	}{
		{"forbidden", "Bearer good", 403, []auditv1.Stage{auditv1.StageRequestReceived, auditv1.StageResponseComplete},
			"viewer", `secrets is forbidden: User "viewer" cannot list resource "secrets" in API group "" in the namespace "kube-system"`, "Forbidden"},
		{"unauthorized token", "Bearer bad", 401, []auditv1.Stage{auditv1.StageResponseStarted},
			"", "Authentication failed, attempted: bearer", ""},
		{"no credentials", "", 401, []auditv1.Stage{auditv1.StageResponseStarted},
			"", "Authentication failed, no credentials provided", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			backend.events = nil
			r := request(t, http.MethodGet, "/api/v1/namespaces/kube-system/secrets", "", nil)
			if tc.token != "" {
				r.Header.Set("Authorization", tc.token)
			}
			rec := httptest.NewRecorder()
			chain.ServeHTTP(rec, r)
			if int32(rec.Code) != tc.wantCode {
				t.Fatalf("code %d, want %d", rec.Code, tc.wantCode)
			}
			if got := backend.stages(); !slices.Equal(got, tc.wantStages) {
				t.Fatalf("stages %v, want %v", got, tc.wantStages)
			}
			last := backend.all()[len(tc.wantStages)-1]
			if s := last.ResponseStatus; s == nil || s.Code != tc.wantCode || s.Message != tc.wantMessage || string(s.Reason) != tc.wantReason {
				t.Errorf("responseStatus %+v, want code %d, message %q, reason %q", s, tc.wantCode, tc.wantMessage, tc.wantReason)
			}
			if last.User.Username != tc.wantUser || last.Verb != "list" || last.ObjectRef == nil || last.ObjectRef.Resource != "secrets" {
				t.Errorf("event user %q verb %q objectRef %+v", last.User.Username, last.Verb, last.ObjectRef)
			}
			if id := rec.Header().Get(auditv1.HeaderAuditID); id != string(last.AuditID) {
				t.Errorf("Audit-ID header %q, event %q", id, last.AuditID)
			}
		})
	}
}
