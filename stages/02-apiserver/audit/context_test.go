package audit

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// An audit ID given by a server in front (an aggregator) is kept; one is
// made otherwise, and every request gets its own.
func TestAuditID(t *testing.T) {
	backend := &memoryBackend{}
	h := WithAudit(reply(http.StatusOK, `{}`), backend, policyAt(t, auditv1.LevelMetadata))
	r := request(t, http.MethodGet, "/api/v1/pods", "", &admin)
	r.Header.Set(auditv1.HeaderAuditID, "from-the-aggregator")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	if got := rec.Header().Get(auditv1.HeaderAuditID); got != "from-the-aggregator" || backend.all()[0].AuditID != "from-the-aggregator" {
		t.Errorf("Audit-ID %q, event %q: want the request's", got, backend.all()[0].AuditID)
	}
	seen := map[string]bool{}
	for range 3 {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, request(t, http.MethodGet, "/api/v1/pods", "", &admin))
		id := rec.Header().Get(auditv1.HeaderAuditID)
		if len(id) != 36 || seen[id] {
			t.Errorf("made audit ID %q: want a fresh uuid", id)
		}
		seen[id] = true
	}
}

// The impersonation step can replace what the headers said with the user
// it built; a second, different value of an annotation is dropped.
func TestLaterStepsAddToTheEvent(t *testing.T) {
	backend := &memoryBackend{}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		LogImpersonatedUser(r.Context(), user.Info{Name: "jane", Groups: []string{"developers", user.AllAuthenticated}})
		AddAnnotation(r.Context(), "pod-security.kubernetes.io/enforce-policy", "restricted:latest")
		AddAnnotation(r.Context(), "pod-security.kubernetes.io/enforce-policy", "privileged:latest")
		reply(http.StatusOK, `{}`)(w, r)
	})
	r := request(t, http.MethodGet, "/api/v1/namespaces/default/pods/web", "", &admin)
	r.Header.Set("Impersonate-User", "jane")
	WithAudit(h, backend, policyAt(t, auditv1.LevelMetadata)).ServeHTTP(httptest.NewRecorder(), r)
	last := backend.all()[1]
	if got := last.ImpersonatedUser; got == nil || got.Username != "jane" || !slices.Equal(got.Groups, []string{"developers", user.AllAuthenticated}) {
		t.Errorf("impersonatedUser %+v", got)
	}
	if got := last.Annotations["pod-security.kubernetes.io/enforce-policy"]; got != "restricted:latest" {
		t.Errorf("annotation %q, want the first value kept", got)
	}
}
