package audit

import (
	"net/http"
	"testing"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// attributes describes a request as the audit filter sees it.
func attributes(t *testing.T, method, target string, u *user.Info) authorizer.Attributes {
	t.Helper()
	if u == nil {
		u = &admin
	}
	attrs, err := authorizer.AttributesFrom(request(t, method, target, "", u).Context())
	if err != nil {
		t.Fatal(err)
	}
	return attrs
}

// Rules match in order and the first match decides. Each field narrows a
// rule; resources and non-resource URLs each match only their own kind
// of request.
func TestPolicyMatching(t *testing.T) {
	// One rule per row, then a catch-all at RequestResponse, so a row's
	// expectation is Request (its rule matched) or RequestResponse (not).
	tests := []struct {
		name   string
		rule   string
		method string
		target string
		user   *user.Info
		match  bool
	}{
		{"empty rule matches everything", `{}`, http.MethodGet, "/version", nil, true},
		{"user matches", `{"users":["viewer"]}`, http.MethodGet, "/api/v1/pods", &viewer, true},
		{"other user", `{"users":["viewer"]}`, http.MethodGet, "/api/v1/pods", &admin, false},
		{"any of the user's groups", `{"userGroups":["system:nodes","system:masters"]}`, http.MethodGet, "/api/v1/pods", &kubelet, true},
		{"no shared group", `{"userGroups":["system:nodes"]}`, http.MethodGet, "/api/v1/pods", &viewer, false},
		{"verb", `{"verbs":["watch"]}`, http.MethodGet, "/api/v1/pods?watch=true", nil, true},
		{"other verb", `{"verbs":["watch"]}`, http.MethodGet, "/api/v1/pods", nil, false},
		{"core resource", `{"resources":[{"resources":["pods"]}]}`, http.MethodGet, "/api/v1/namespaces/default/pods/web", nil, true},
		{"resource does not match its subresource", `{"resources":[{"resources":["pods"]}]}`, http.MethodGet, "/api/v1/namespaces/default/pods/web/log", nil, false},
		{"subresource", `{"resources":[{"resources":["pods/log"]}]}`, http.MethodGet, "/api/v1/namespaces/default/pods/web/log", nil, true},
		{"subresource does not match the resource", `{"resources":[{"resources":["pods/log"]}]}`, http.MethodGet, "/api/v1/namespaces/default/pods/web", nil, false},
		{"resource/* matches a subresource", `{"resources":[{"resources":["pods/*"]}]}`, http.MethodPut, "/api/v1/namespaces/default/pods/web/status", nil, true},
		{"resource/* matches the resource, as upstream", `{"resources":[{"resources":["pods/*"]}]}`, http.MethodGet, "/api/v1/namespaces/default/pods/web", nil, true},
		{"*/subresource", `{"resources":[{"group":"apps","resources":["*/scale"]}]}`, http.MethodPut, "/apis/apps/v1/namespaces/default/deployments/web/scale", nil, true},
		{"*/subresource needs the subresource", `{"resources":[{"group":"apps","resources":["*/scale"]}]}`, http.MethodPut, "/apis/apps/v1/namespaces/default/deployments/web", nil, false},
		{"* matches resources and subresources", `{"resources":[{"resources":["*"]}]}`, http.MethodGet, "/api/v1/namespaces/default/pods/web/log", nil, true},
		{"group must match", `{"resources":[{"resources":["deployments"]}]}`, http.MethodGet, "/apis/apps/v1/deployments", nil, false},
		{"group with no resources matches all of it", `{"resources":[{"group":"apps"}]}`, http.MethodGet, "/apis/apps/v1/replicasets", nil, true},
		{"resource name", `{"resources":[{"resources":["configmaps"],"resourceNames":["settings"]}]}`, http.MethodGet, "/api/v1/namespaces/default/configmaps/settings", nil, true},
		{"other resource name", `{"resources":[{"resources":["configmaps"],"resourceNames":["settings"]}]}`, http.MethodGet, "/api/v1/namespaces/default/configmaps/other", nil, false},
		{"namespace", `{"namespaces":["kube-system"]}`, http.MethodGet, "/api/v1/namespaces/kube-system/pods", nil, true},
		{"other namespace", `{"namespaces":["kube-system"]}`, http.MethodGet, "/api/v1/namespaces/default/pods", nil, false},
		{"\"\" is cluster scope", `{"namespaces":[""]}`, http.MethodGet, "/api/v1/nodes/worker-1", nil, true},
		{"namespaces never match non-resource URLs", `{"namespaces":[""]}`, http.MethodGet, "/version", nil, false},
		{"resources never match non-resource URLs", `{"resources":[{"resources":["*"]}]}`, http.MethodGet, "/version", nil, false},
		{"exact URL", `{"nonResourceURLs":["/version"]}`, http.MethodGet, "/version", nil, true},
		{"URL prefix with *", `{"nonResourceURLs":["/healthz*"]}`, http.MethodGet, "/healthz/etcd", nil, true},
		{"URL without * is exact", `{"nonResourceURLs":["/healthz"]}`, http.MethodGet, "/healthz/etcd", nil, false},
		{"URLs never match resources", `{"nonResourceURLs":["*"]}`, http.MethodGet, "/api/v1/pods", nil, false},
		{"every field at once", `{"users":["system:node:worker-1"],"verbs":["update"],"namespaces":[""],"resources":[{"resources":["nodes/status"]}]}`,
			http.MethodPut, "/api/v1/nodes/worker-1/status", &kubelet, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rule := tc.rule[:len(tc.rule)-1]
			if rule != "{" {
				rule += ","
			}
			policy := mustPolicy(t, `{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":[`+rule+`"level":"Request"},{"level":"RequestResponse"}]}`)
			want := auditv1.LevelRequestResponse
			if tc.match {
				want = auditv1.LevelRequest
			}
			if got := policy.Evaluate(attributes(t, tc.method, tc.target, tc.user)).Level; got != want {
				t.Errorf("level %q, want %q (rule matches: %v)", got, want, tc.match)
			}
		})
	}
}

// No matching rule means no record; omitted stages add up, and a rule's
// omitManagedFields wins over the policy's.
func TestEvaluation(t *testing.T) {
	policy := mustPolicy(t, `
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
omitManagedFields: true
rules:
- level: RequestResponse
  resources: [{resources: [pods]}]
  omitStages: [ResponseStarted, RequestReceived]
  omitManagedFields: false
- level: Request
  resources: [{resources: [configmaps]}]
`)
	tests := []struct {
		name   string
		target string
		want   RuleEvaluation
	}{
		{"rule's own settings", "/api/v1/pods",
			RuleEvaluation{auditv1.LevelRequestResponse, []auditv1.Stage{auditv1.StageRequestReceived, auditv1.StageResponseStarted}, false}},
		{"policy's settings", "/api/v1/configmaps",
			RuleEvaluation{auditv1.LevelRequest, []auditv1.Stage{auditv1.StageRequestReceived}, true}},
		{"no rule matches", "/api/v1/secrets",
			RuleEvaluation{auditv1.LevelNone, []auditv1.Stage{auditv1.StageRequestReceived}, false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := policy.Evaluate(attributes(t, http.MethodGet, tc.target, nil))
			if got.Level != tc.want.Level || got.OmitManagedFields != tc.want.OmitManagedFields || len(got.OmitStages) != len(tc.want.OmitStages) {
				t.Fatalf("evaluation %+v, want %+v", got, tc.want)
			}
			for i, s := range tc.want.OmitStages {
				if got.OmitStages[i] != s {
					t.Errorf("omitStages %v, want %v", got.OmitStages, tc.want.OmitStages)
				}
			}
		})
	}
}
