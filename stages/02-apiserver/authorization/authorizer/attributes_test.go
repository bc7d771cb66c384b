package authorizer

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
)

// Talk 001, "authZ": authorization reads the user authentication put in
// the context and what the path says, nothing else.
func TestAttributesFrom(t *testing.T) {
	jane := user.Info{Name: "jane", Groups: []string{user.AllAuthenticated}}
	tests := []struct {
		name   string
		method string
		path   string
		want   Attributes
	}{
		{"namespaced list", http.MethodGet, "/api/v1/namespaces/default/pods?labelSelector=app%3Dweb",
			Attributes{User: jane, Verb: "list", ResourceRequest: true, Namespace: "default", APIVersion: "v1",
				Resource: "pods", Path: "/api/v1/namespaces/default/pods", LabelSelector: "app=web"}},
		{"subresource of a group resource", http.MethodPut, "/apis/apps/v1/namespaces/web/deployments/nginx/scale",
			Attributes{User: jane, Verb: "update", ResourceRequest: true, Namespace: "web", APIGroup: "apps", APIVersion: "v1",
				Resource: "deployments", Subresource: "scale", Name: "nginx", Path: "/apis/apps/v1/namespaces/web/deployments/nginx/scale"}},
		{"watch by field selector", http.MethodGet, "/api/v1/pods?watch=true&fieldSelector=spec.nodeName%3Dworker-1",
			Attributes{User: jane, Verb: "watch", ResourceRequest: true, APIVersion: "v1", Resource: "pods",
				Path: "/api/v1/pods", FieldSelector: "spec.nodeName=worker-1"}},
		{"non-resource path", http.MethodGet, "/healthz", Attributes{User: jane, Verb: "get", Path: "/healthz"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, nil)
			info, err := endpoints.NewRequestInfo(req)
			if err != nil {
				t.Fatal(err)
			}
			ctx := user.WithUser(endpoints.WithRequestInfo(t.Context(), info), jane)
			got, err := AttributesFrom(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got.Verb != tc.want.Verb || got.Path != tc.want.Path || got.Resource != tc.want.Resource ||
				got.Subresource != tc.want.Subresource || got.Namespace != tc.want.Namespace || got.Name != tc.want.Name ||
				got.APIGroup != tc.want.APIGroup || got.APIVersion != tc.want.APIVersion ||
				got.ResourceRequest != tc.want.ResourceRequest || got.FieldSelector != tc.want.FieldSelector ||
				got.LabelSelector != tc.want.LabelSelector || got.User.Name != "jane" {
				t.Errorf("AttributesFrom:\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// Without authentication or request info before it, the filter chain is
// broken: that is an error, not a decision.
func TestAttributesFromNeedsUserAndRequestInfo(t *testing.T) {
	info := &endpoints.RequestInfo{Path: "/healthz", Verb: "get"}
	if _, err := AttributesFrom(endpoints.WithRequestInfo(t.Context(), info)); err == nil || !strings.Contains(err.Error(), "no user") {
		t.Errorf("without a user: %v, want a no-user error", err)
	}
	if _, err := AttributesFrom(user.WithUser(t.Context(), user.Info{Name: "jane"})); err == nil || !strings.Contains(err.Error(), "no RequestInfo") {
		t.Errorf("without RequestInfo: %v, want a no-RequestInfo error", err)
	}
}

// The kubelet's list of its own pods is recognised by its field selector;
// get, list and watch are the read-only verbs.
func TestSelectorAndReadOnly(t *testing.T) {
	tests := []struct {
		name     string
		attrs    Attributes
		wantNode string
		wantOK   bool
		readOnly bool
	}{
		{"node selector", Attributes{Verb: "list", FieldSelector: "spec.nodeName=worker-1"}, "worker-1", true, true},
		{"node selector among others", Attributes{Verb: "watch", FieldSelector: "status.phase!=Failed,spec.nodeName=worker-1"}, "worker-1", true, true},
		{"negated", Attributes{Verb: "list", FieldSelector: "spec.nodeName!=worker-1"}, "", false, true},
		{"no selector", Attributes{Verb: "create"}, "", false, false},
		{"unparsable", Attributes{Verb: "get", FieldSelector: "spec.nodeName"}, "", false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.attrs.FieldSelectorRequires("spec.nodeName")
			if got != tc.wantNode || ok != tc.wantOK {
				t.Errorf("FieldSelectorRequires = %q, %v; want %q, %v", got, ok, tc.wantNode, tc.wantOK)
			}
			if tc.attrs.IsReadOnly() != tc.readOnly {
				t.Errorf("IsReadOnly = %v, want %v", !tc.readOnly, tc.readOnly)
			}
		})
	}
}
