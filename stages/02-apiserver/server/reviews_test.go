package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	authorizationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authorization/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// jane may read pods in default and nothing else; everyone else may do
// nothing. Her rules say the same.
var janeAuthorizer = authorizer.AuthorizerFunc(func(_ context.Context, a authorizer.Attributes) (authorizer.Decision, string, error) {
	if a.User.Name == "jane" && a.Resource == "pods" && a.Namespace == "default" && a.IsReadOnly() {
		return authorizer.DecisionAllow, `RBAC: allowed by RoleBinding "pod-reader/default"`, nil
	}
	return authorizer.DecisionNoOpinion, "", nil
})

type janeRules struct{}

func (janeRules) RulesFor(_ context.Context, u user.Info, namespace string) (authorizer.Rules, error) {
	if u.Name != "jane" || namespace != "default" {
		return authorizer.Rules{}, nil
	}
	return authorizer.Rules{Resource: []authorizationv1.ResourceRule{
		{Verbs: []string{"get", "list", "watch"}, APIGroups: []string{""}, Resources: []string{"pods"}},
	}}, nil
}

// tokenAuthenticator knows one token, jane's.
var tokenAuthenticator = authentication.BearerToken(authentication.TokenAuthenticatorFunc(
	func(_ context.Context, token string) (*authentication.Response, bool, error) {
		if token != "jane-token" {
			return nil, false, errors.New("invalid bearer token")
		}
		return &authentication.Response{User: user.Info{Name: "jane", Groups: []string{"dev", "system:authenticated"}},
			Authenticator: authentication.NameTokenFile}, true, nil
	}))

// reviewRegistry is an endpoints.Registry serving only the reviews.
type reviewRegistry map[metav1.GroupResource]registry.Storage

func (r reviewRegistry) Storage(group, resource string) (registry.Storage, bool) {
	s, ok := r[metav1.GroupResource{Group: group, Resource: resource}]
	return s, ok
}
func (reviewRegistry) Scale(string, string) (registry.ScaleStorage, bool) { return nil, false }
func (reviewRegistry) Binding() registry.BindingStorage                   { return nil }
func (reviewRegistry) Eviction() registry.EvictionStorage                 { return nil }

// reviewServer serves storages through the REST handler; a request with
// an X-Test-User header is authenticated as that user, in group dev, the
// way the authentication filter would.
func reviewServer(t *testing.T, storages map[metav1.GroupResource]registry.Storage) *httptest.Server {
	t.Helper()
	h := endpoints.New(reviewRegistry(storages), endpoints.Options{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if name := r.Header.Get("X-Test-User"); name != "" {
			r = r.WithContext(user.WithUser(r.Context(), user.Info{Name: name, Groups: []string{"dev", "system:authenticated"}}))
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// post sends body to path as who ("" for nobody) and returns the code and
// decoded JSON answer.
func post(t *testing.T, srv *httptest.Server, method, path, who, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "reviews-test")
	if who != "" {
		req.Header.Set("X-Test-User", who)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, data)
	}
	return resp.StatusCode, out
}

// at digs a value out of a decoded answer: at(m, "status", "allowed").
func at(m map[string]any, path ...string) any {
	var v any = m
	for _, p := range path {
		obj, _ := v.(map[string]any)
		v = obj[p]
	}
	return v
}

const (
	authzPath = "/apis/authorization.k8s.io/v1/"
	authnPath = "/apis/authentication.k8s.io/v1/"
)

// Talk 000, "Authorization chain": each review asks the authorizers the
// question a request would, and answers 201 with the object and its
// status; nothing is stored.
func TestReviews(t *testing.T) {
	srv := reviewServer(t, newReviewStorages(tokenAuthenticator, janeAuthorizer, janeRules{}))
	pods := `"resourceAttributes":{"namespace":"default","verb":"list","resource":"pods"}`
	secrets := `"resourceAttributes":{"namespace":"default","verb":"get","resource":"secrets"}`
	tests := []struct {
		name       string
		path, who  string
		body       string
		wantCode   int
		wantKind   string
		wantFields map[string]any // JSON paths ("status.allowed") to values
	}{
		{name: "kubectl auth can-i list pods: yes", path: authzPath + "selfsubjectaccessreviews", who: "jane",
			body: `{"spec":{` + pods + `}}`, wantCode: 201, wantKind: "SelfSubjectAccessReview",
			wantFields: map[string]any{"status.allowed": true, "status.reason": `RBAC: allowed by RoleBinding "pod-reader/default"`}},
		{name: "kubectl auth can-i get secrets: no", path: authzPath + "selfsubjectaccessreviews", who: "jane",
			body: `{"spec":{` + secrets + `}}`, wantCode: 201, wantKind: "SelfSubjectAccessReview",
			wantFields: map[string]any{"status.allowed": false}},
		{name: "self review asks about the caller, not a named user", path: authzPath + "selfsubjectaccessreviews", who: "bob",
			body: `{"spec":{` + pods + `}}`, wantCode: 201, wantKind: "SelfSubjectAccessReview",
			wantFields: map[string]any{"status.allowed": false}},
		{name: "self review without a user", path: authzPath + "selfsubjectaccessreviews",
			body: `{"spec":{` + pods + `}}`, wantCode: 400, wantKind: "Status",
			wantFields: map[string]any{"message": "no user present on request"}},
		{name: "subject access review about jane, asked by bob", path: authzPath + "subjectaccessreviews", who: "bob",
			body: `{"spec":{"user":"jane",` + pods + `}}`, wantCode: 201, wantKind: "SubjectAccessReview",
			wantFields: map[string]any{"status.allowed": true, "spec.user": "jane"}},
		{name: "subject access review needs a subject", path: authzPath + "subjectaccessreviews", who: "bob",
			body: `{"spec":{` + pods + `}}`, wantCode: 422, wantKind: "Status",
			wantFields: map[string]any{"reason": "Invalid"}},
		{name: "local review in its namespace", path: authzPath + "namespaces/default/localsubjectaccessreviews", who: "bob",
			body: `{"spec":{"user":"jane",` + pods + `}}`, wantCode: 201, wantKind: "LocalSubjectAccessReview",
			wantFields: map[string]any{"status.allowed": true, "metadata.namespace": "default"}},
		{name: "local review about another namespace", path: authzPath + "namespaces/kube-system/localsubjectaccessreviews", who: "bob",
			body: `{"spec":{"user":"jane",` + pods + `}}`, wantCode: 422, wantKind: "Status",
			wantFields: map[string]any{"reason": "Invalid"}},
		{name: "kubectl auth can-i --list", path: authzPath + "selfsubjectrulesreviews", who: "jane",
			body: `{"spec":{"namespace":"default"}}`, wantCode: 201, wantKind: "SelfSubjectRulesReview",
			wantFields: map[string]any{"status.incomplete": false, "status.resourceRules": []any{map[string]any{
				"verbs": []any{"get", "list", "watch"}, "apiGroups": []any{""}, "resources": []any{"pods"}}}}},
		{name: "rules review needs a namespace", path: authzPath + "selfsubjectrulesreviews", who: "jane",
			body: `{"spec":{}}`, wantCode: 400, wantKind: "Status", wantFields: map[string]any{"message": "no namespace on request"}},
		{name: "kubectl auth whoami", path: authnPath + "selfsubjectreviews", who: "jane",
			body: `{}`, wantCode: 201, wantKind: "SelfSubjectReview",
			wantFields: map[string]any{"status.userInfo.username": "jane", "status.userInfo.groups": []any{"dev", "system:authenticated"}}},
		{name: "token review of a known token", path: authnPath + "tokenreviews", who: "bob",
			body: `{"spec":{"token":"jane-token"}}`, wantCode: 201, wantKind: "TokenReview",
			wantFields: map[string]any{"status.authenticated": true, "status.user.username": "jane"}},
		{name: "token review of an unknown token", path: authnPath + "tokenreviews", who: "bob",
			body: `{"spec":{"token":"forged"}}`, wantCode: 201, wantKind: "TokenReview",
			wantFields: map[string]any{"status.authenticated": nil, "status.error": "invalid bearer token"}},
		{name: "token review without a token", path: authnPath + "tokenreviews", who: "bob",
			body: `{"spec":{}}`, wantCode: 400, wantKind: "Status",
			wantFields: map[string]any{"message": "token is required for TokenReview in authentication"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, got := post(t, srv, http.MethodPost, tc.path, tc.who, tc.body)
			if code != tc.wantCode || got["kind"] != tc.wantKind {
				t.Fatalf("= %d %v, want %d %s", code, got, tc.wantCode, tc.wantKind)
			}
			for path, want := range tc.wantFields {
				if diff := cmp.Diff(want, at(got, strings.Split(path, ".")...)); diff != "" {
					t.Errorf("%s (-want +got):\n%s", path, diff)
				}
			}
		})
	}
}

// The REST handler records the body's managed fields before the review
// sees it; the review still counts as having empty metadata, and its
// answer carries them, as upstream's does.
func TestReviewKeepsManagedFields(t *testing.T) {
	srv := reviewServer(t, newReviewStorages(nil, janeAuthorizer, nil))
	code, got := post(t, srv, http.MethodPost, authzPath+"selfsubjectaccessreviews", "jane",
		`{"spec":{"resourceAttributes":{"namespace":"default","verb":"get","resource":"pods"}}}`)
	if code != http.StatusCreated || at(got, "status", "allowed") != true {
		t.Fatalf("= %d %v", code, got)
	}
	managed, _ := at(got, "metadata", "managedFields").([]any)
	if len(managed) != 1 || at(managed[0].(map[string]any), "manager") != "reviews-test" {
		t.Errorf("managedFields = %v, want one entry of manager reviews-test", at(got, "metadata", "managedFields"))
	}
}

// A review is never stored, so nothing can be read back: the handler
// refuses every verb but create with upstream's 405.
func TestReviewsOnlyCreate(t *testing.T) {
	srv := reviewServer(t, newReviewStorages(tokenAuthenticator, janeAuthorizer, janeRules{}))
	tests := []struct {
		name, method, path string
		wantCode           int
	}{
		{name: "list", method: http.MethodGet, path: authzPath + "subjectaccessreviews", wantCode: 405},
		{name: "list local", method: http.MethodGet, path: authzPath + "namespaces/default/localsubjectaccessreviews", wantCode: 405},
		{name: "delete collection", method: http.MethodDelete, path: authnPath + "tokenreviews", wantCode: 405},
		{name: "get names no route", method: http.MethodGet, path: authnPath + "selfsubjectreviews/jane", wantCode: 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, got := post(t, srv, tc.method, tc.path, "jane", "")
			if code != tc.wantCode || got["kind"] != "Status" {
				t.Errorf("= %d %v, want %d", code, got, tc.wantCode)
			}
		})
	}
}

// A direct caller of the storage gets upstream's MethodNotSupported.
func TestReviewStorageVerbs(t *testing.T) {
	s := newReviewStorages(nil, nil, nil)[metav1.GroupResource{Group: authorizationv1.GroupName, Resource: "subjectaccessreviews"}]
	ctx := context.Background()
	_, getErr := s.Get(ctx, registry.Key{Name: "x"}, registry.GetOptions{})
	_, listErr := s.List(ctx, "", registry.ListOptions{})
	_, _, updateErr := s.Update(ctx, registry.Key{Name: "x"}, nil, registry.UpdateOptions{})
	_, _, deleteErr := s.Delete(ctx, registry.Key{Name: "x"}, metav1.DeleteOptions{}, false)
	_, collectionErr := s.DeleteCollection(ctx, "", registry.ListOptions{}, metav1.DeleteOptions{}, false)
	_, watchErr := s.Watch(ctx, "", registry.ListOptions{})
	for verb, err := range map[string]error{"get": getErr, "list": listErr, "update": updateErr, "delete": deleteErr,
		"deletecollection": collectionErr, "watch": watchErr} {
		var status *apierrors.StatusError
		want := verb + ` is not supported on resources of kind "subjectaccessreviews.authorization.k8s.io"`
		if !errors.As(err, &status) || status.ErrStatus.Code != http.StatusMethodNotAllowed || status.ErrStatus.Message != want {
			t.Errorf("%s: %v, want 405 %q", verb, err, want)
		}
	}
	if s.Resource().Kind != "SubjectAccessReview" {
		t.Errorf("Resource() = %s", s.Resource().Kind)
	}
}

// Until the server runs with an authenticator and authorizer, the reviews
// needing them say so; "who am I" needs neither.
func TestReviewsNotConfigured(t *testing.T) {
	srv := reviewServer(t, newReviewStorages(nil, nil, nil))
	tests := []struct {
		name, path, body, want string
	}{
		{name: "token review", path: authnPath + "tokenreviews", body: `{"spec":{"token":"x"}}`,
			want: "authentication is not configured: this API server was started without it, so it cannot answer TokenReviews"},
		{name: "subject access review", path: authzPath + "subjectaccessreviews", body: `{"spec":{"user":"jane"}}`,
			want: "authorization is not configured: this API server was started without it, so it cannot answer SubjectAccessReviews"},
		{name: "local", path: authzPath + "namespaces/default/localsubjectaccessreviews", body: `{"spec":{"user":"jane"}}`,
			want: "authorization is not configured: this API server was started without it, so it cannot answer LocalSubjectAccessReviews"},
		{name: "self", path: authzPath + "selfsubjectaccessreviews", body: `{"spec":{}}`,
			want: "authorization is not configured: this API server was started without it, so it cannot answer SelfSubjectAccessReviews"},
		{name: "rules", path: authzPath + "selfsubjectrulesreviews", body: `{"spec":{"namespace":"default"}}`,
			want: "authorization is not configured: this API server was started without it, so it cannot answer SelfSubjectRulesReviews"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, got := post(t, srv, http.MethodPost, tc.path, "jane", tc.body)
			if code != http.StatusServiceUnavailable || got["message"] != tc.want {
				t.Errorf("= %d %v, want 503 %q", code, got, tc.want)
			}
		})
	}
	code, got := post(t, srv, http.MethodPost, authnPath+"selfsubjectreviews", "jane", `{}`)
	if code != http.StatusCreated || at(got, "status", "userInfo", "username") != "jane" {
		t.Errorf("whoami = %d %v", code, got)
	}
}

// "Who am I" is stamped with the time of the answer.
func TestSelfSubjectReviewTime(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	ctx := user.WithUser(context.Background(), user.Info{Name: "jane", UID: "42"})
	obj, err := selfSubjectReview(func() time.Time { return now })(ctx, "", &authenticationv1.SelfSubjectReview{})
	if err != nil {
		t.Fatal(err)
	}
	got := obj.(*authenticationv1.SelfSubjectReview)
	if !got.CreationTimestamp.Equal(&metav1.Time{Time: now}) || got.Status.UserInfo.UID != "42" {
		t.Errorf("review = %+v", got)
	}
}

// The server's registry serves the reviews beside its cached resources.
func TestCachedRegistryServesReviews(t *testing.T) {
	c := &cachedRegistry{reviews: newReviewStorages(nil, nil, nil)}
	tests := []struct {
		name, group, resource string
		wantOK                bool
	}{
		{name: "review", group: authenticationv1.GroupName, resource: "selfsubjectreviews", wantOK: true},
		{name: "local review", group: authorizationv1.GroupName, resource: "localsubjectaccessreviews", wantOK: true},
		{name: "not a review, no cache", group: "", resource: "pods"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, ok := c.Storage(tc.group, tc.resource)
			if ok != tc.wantOK || (ok && s.Resource().Resource != tc.resource) {
				t.Errorf("Storage(%q, %q) = %v, %v", tc.group, tc.resource, s, ok)
			}
		})
	}
}
