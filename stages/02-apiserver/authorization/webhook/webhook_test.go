package webhook

import (
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	authorizationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authorization/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// fakeWebhook is an authorization service over HTTPS: alice is allowed,
// mallory denied, bob left to others, and "broken" makes it fail.
type fakeWebhook struct {
	server *httptest.Server
	calls  atomic.Int32
	last   atomic.Value // the last review received, as JSON
}

func newFakeWebhook(t *testing.T) *fakeWebhook {
	f := &fakeWebhook{}
	f.server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.calls.Add(1)
		if r.URL.Path != "/authorize" || r.Method != http.MethodPost || r.Header.Get("Authorization") != "Bearer apiserver-token" {
			http.Error(w, "unexpected request "+r.Method+" "+r.URL.Path, http.StatusBadRequest)
			return
		}
		var review authorizationv1.SubjectAccessReview
		if err := json.NewDecoder(r.Body).Decode(&review); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		body, _ := json.Marshal(review)
		f.last.Store(string(body))
		switch review.Spec.User {
		case "alice":
			review.Status = authorizationv1.SubjectAccessReviewStatus{Allowed: true, Reason: "alice is on call"}
		case "mallory":
			review.Status = authorizationv1.SubjectAccessReviewStatus{Denied: true, Reason: "mallory is banned"}
		case "broken":
			http.Error(w, "database down", http.StatusInternalServerError)
			return
		default:
			review.Status = authorizationv1.SubjectAccessReviewStatus{Reason: "not my business"}
		}
		_ = json.NewEncoder(w).Encode(review)
	}))
	t.Cleanup(f.server.Close)
	return f
}

// kubeconfig writes the webhook's kubeconfig-format file.
func (f *fakeWebhook) kubeconfig(t *testing.T) string {
	ca := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: f.server.Certificate().Raw})
	cfg := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: authz
  cluster:
    server: %s/authorize
    certificate-authority-data: %s
users:
- name: apiserver
  user:
    token: apiserver-token
contexts:
- name: webhook
  context:
    cluster: authz
    user: apiserver
current-context: webhook
`, f.server.URL, base64.StdEncoding.EncodeToString(ca))
	path := filepath.Join(t.TempDir(), "webhook.kubeconfig")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func listPods(name string) authorizer.Attributes {
	return authorizer.Attributes{User: user.Info{Name: name, Groups: []string{user.AllAuthenticated}},
		Verb: "list", ResourceRequest: true, APIVersion: "v1", Resource: "pods", Namespace: "default"}
}

// Talk 000, "Authorization chain": the Webhook mode asks an outside
// service. allowed is Allow, denied an explicit Deny, neither no opinion,
// and a failing service no opinion with an error.
func TestAuthorize(t *testing.T) {
	f := newFakeWebhook(t)
	a, err := New(Config{KubeconfigFile: f.kubeconfig(t)})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		user       string
		want       authorizer.Decision
		wantReason string
		wantErr    string
	}{
		{"alice", authorizer.DecisionAllow, "alice is on call", ""},
		{"mallory", authorizer.DecisionDeny, "mallory is banned", ""},
		{"bob", authorizer.DecisionNoOpinion, "not my business", ""},
		{"broken", authorizer.DecisionNoOpinion, "", "database down"},
	}
	for _, tc := range tests {
		t.Run(tc.user, func(t *testing.T) {
			d, reason, err := a.Authorize(t.Context(), listPods(tc.user))
			if d != tc.want || reason != tc.wantReason {
				t.Errorf("Authorize = %v %q, want %v %q", d, reason, tc.want, tc.wantReason)
			}
			if (err != nil) != (tc.wantErr != "") || (err != nil && !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("error = %v, want %q", err, tc.wantErr)
			}
		})
	}
}

// Answers are cached by the question: asking twice calls the webhook
// once, a different question calls it again, and an answer that has
// expired is asked for anew. Failures are not cached.
func TestCache(t *testing.T) {
	f := newFakeWebhook(t)
	a, err := New(Config{KubeconfigFile: f.kubeconfig(t), AuthorizedTTL: time.Hour, UnauthorizedTTL: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name      string
		attrs     authorizer.Attributes
		wantCalls int32
	}{
		{"first question", listPods("alice"), 1},
		{"same question: cache hit", listPods("alice"), 1},
		{"other question", listPods("carol"), 2},
		{"not-allowed answer already expired", listPods("carol"), 3},
		{"failure", listPods("broken"), 4},
		{"failure is asked again", listPods("broken"), 5},
	}
	for _, s := range steps {
		_, _, _ = a.Authorize(t.Context(), s.attrs)
		if got := f.calls.Load(); got != s.wantCalls {
			t.Errorf("%s: %d webhook calls, want %d", s.name, got, s.wantCalls)
		}
	}
}

// The review the webhook receives: apiVersion, kind, the user with
// groups, and the resource attributes with the raw field selector.
func TestReviewSent(t *testing.T) {
	f := newFakeWebhook(t)
	a, err := New(Config{KubeconfigFile: f.kubeconfig(t)})
	if err != nil {
		t.Fatal(err)
	}
	attrs := listPods("bob")
	attrs.User.Extra = map[string][]string{"scopes": {"view"}}
	attrs.FieldSelector = "spec.nodeName=worker-1"
	if _, _, err := a.Authorize(t.Context(), attrs); err != nil {
		t.Fatal(err)
	}
	want := `{"kind":"SubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{},"spec":{"resourceAttributes":{"namespace":"default","verb":"list","version":"v1","resource":"pods","fieldSelector":{"rawSelector":"spec.nodeName=worker-1"}},"user":"bob","groups":["system:authenticated"],"extra":{"scopes":["view"]}},"status":{"allowed":false}}`
	if got := f.last.Load(); got != want {
		t.Errorf("review sent:\n got %s\nwant %s", got, want)
	}
	path := ReviewFor(authorizer.Attributes{User: user.Info{Name: "bob"}, Verb: "get", Path: "/healthz"})
	if path.Spec.NonResourceAttributes == nil || path.Spec.ResourceAttributes != nil || path.Spec.NonResourceAttributes.Path != "/healthz" {
		t.Errorf("non-resource review = %+v", path.Spec)
	}
}

// The configuration must name an HTTPS webhook.
func TestNewErrors(t *testing.T) {
	plain := filepath.Join(t.TempDir(), "plain.kubeconfig")
	if err := os.WriteFile(plain, []byte("apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: http://127.0.0.1:1/authorize\ncontexts:\n- name: x\n  context:\n    cluster: c\ncurrent-context: x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		file string
		want string
	}{
		{"no file", "", "--authorization-webhook-config-file is required"},
		{"missing file", filepath.Join(t.TempDir(), "nope"), "create webhook authorizer from"},
		{"plain HTTP", plain, "must be an https:// URL"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(Config{KubeconfigFile: tc.file})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}
