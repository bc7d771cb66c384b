package authorization

import (
	"encoding/json"
	"net/http/httptest"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// Talk 000, "Authorization chain": a request no mode allows is answered
// with upstream's sentence, whichever mode was asked, followed by the
// reason of the modes that had something to say.
func TestForbiddenMessages(t *testing.T) {
	tests := []struct {
		name  string
		modes []string
		attrs authorizer.Attributes
		want  string
	}{
		{"namespaced collection", []string{ModeRBAC},
			res(viewer, "create", "apps", "deployments", "", "default", ""),
			`deployments.apps is forbidden: User "victor" cannot create resource "deployments" in API group "apps" in the namespace "default"`},
		{"core group object", []string{ModeRBAC},
			res(viewer, "get", "", "secrets", "", "default", "db-password"),
			`secrets "db-password" is forbidden: User "victor" cannot get resource "secrets" in API group "" in the namespace "default"`},
		{"cluster scope", []string{ModeRBAC},
			res(editor, "list", "", "nodes", "", "", ""),
			`nodes is forbidden: User "erin" cannot list resource "nodes" in API group "" at the cluster scope`},
		{"subresource", []string{ModeRBAC},
			res(viewer, "create", "", "pods", "exec", "default", "web-0"),
			`pods "web-0" is forbidden: User "victor" cannot create resource "pods/exec" in API group "" in the namespace "default"`},
		{"non-resource path", []string{ModeRBAC},
			nonRes(anonymous, "get", "/metrics"),
			`forbidden: User "system:anonymous" cannot get path "/metrics"`},
		{"kubelet and another node's secret", []string{ModeNode, ModeRBAC},
			res(kubelet, "get", "", "secrets", "", "team-a", "api-secret"),
			`secrets "api-secret" is forbidden: User "system:node:worker-1" cannot get resource "secrets" in API group "" in the namespace "team-a": no relationship found between node 'worker-1' and this object`},
		{"kubelet and another node", []string{ModeNode, ModeRBAC},
			res(kubelet, "get", "", "nodes", "", "", "worker-2"),
			`nodes "worker-2" is forbidden: User "system:node:worker-1" cannot get resource "nodes" in API group "" at the cluster scope: node 'worker-1' cannot read 'worker-2', only its own Node object`},
		{"ABAC without a matching policy", []string{ModeABAC},
			res(nsAdmin, "list", "", "pods", "", "default", ""),
			`pods is forbidden: User "nadia" cannot list resource "pods" in API group "" in the namespace "default": No policy matched.`},
		{"AlwaysDeny", []string{ModeAlwaysDeny},
			res(editor, "get", "", "pods", "", "default", "web-0"),
			`pods "web-0" is forbidden: User "erin" cannot get resource "pods" in API group "" in the namespace "default": Everything is forbidden.`},
		{"names are escaped", []string{ModeRBAC},
			nonRes(viewer, "get", "/<script>"),
			`forbidden: User "victor" cannot get path "/&lt;script&gt;"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			chain := newChain(t, tc.modes...)
			v := chain.Explain(t.Context(), tc.attrs)
			if v.Decision == authorizer.DecisionAllow {
				t.Fatalf("request allowed by %s, want it denied", v.Authorizer)
			}
			if got := Forbidden(tc.attrs, v.Reason).Error(); got != tc.want {
				t.Errorf("message:\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

// The 403 Status names the group, the resource (as kind) and the object,
// as upstream's does; a non-resource denial has empty details.
func TestForbiddenStatus(t *testing.T) {
	tests := []struct {
		name  string
		attrs authorizer.Attributes
		want  string
	}{
		{"object", res(viewer, "delete", "apps", "deployments", "", "default", "web"),
			`{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \"web\" is forbidden: User \"victor\" cannot delete resource \"deployments\" in API group \"apps\" in the namespace \"default\"","reason":"Forbidden","details":{"name":"web","group":"apps","kind":"deployments"},"code":403}`},
		{"path", nonRes(anonymous, "get", "/metrics"),
			`{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"forbidden: User \"system:anonymous\" cannot get path \"/metrics\"","reason":"Forbidden","details":{},"code":403}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			WriteStatus(rec, Forbidden(tc.attrs, ""))
			if rec.Code != 403 {
				t.Errorf("code = %d, want 403", rec.Code)
			}
			var got, want metav1.Status
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(tc.want), &want); err != nil {
				t.Fatal(err)
			}
			gotJSON, _ := json.Marshal(got)
			wantJSON, _ := json.Marshal(want)
			if string(gotJSON) != string(wantJSON) {
				t.Errorf("status:\n got %s\nwant %s", gotJSON, wantJSON)
			}
		})
	}
}
