package rbac

import (
	"testing"

	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

func resAttrs(verb, group, resource, subresource, name string) authorizer.Attributes {
	return authorizer.Attributes{Verb: verb, ResourceRequest: true, APIGroup: group, Resource: resource, Subresource: subresource, Name: name, Namespace: "default"}
}

// Talk 000, "Authorization chain": RBAC matches a request against a rule
// field by field, with upstream's wildcards.
func TestRuleAllows(t *testing.T) {
	readPods := rbacv1.PolicyRule{Verbs: []string{"get", "list", "watch"}, APIGroups: []string{""}, Resources: []string{"pods"}}
	podLogs := rbacv1.PolicyRule{Verbs: []string{"get"}, APIGroups: []string{""}, Resources: []string{"pods/log"}}
	anyScale := rbacv1.PolicyRule{Verbs: []string{"update"}, APIGroups: []string{"*"}, Resources: []string{"*/scale"}}
	oneConfig := rbacv1.PolicyRule{Verbs: []string{"get", "update"}, APIGroups: []string{""}, Resources: []string{"configmaps"}, ResourceNames: []string{"app-settings"}}
	everything := rbacv1.PolicyRule{Verbs: []string{"*"}, APIGroups: []string{"*"}, Resources: []string{"*"}}
	health := rbacv1.PolicyRule{Verbs: []string{"get"}, NonResourceURLs: []string{"/healthz", "/apis/*"}}
	tests := []struct {
		name  string
		rule  rbacv1.PolicyRule
		attrs authorizer.Attributes
		want  bool
	}{
		{"verb and resource", readPods, resAttrs("list", "", "pods", "", ""), true},
		{"other verb", readPods, resAttrs("delete", "", "pods", "", "web-0"), false},
		{"other group", readPods, resAttrs("get", "apps", "pods", "", "web-0"), false},
		{"subresource is not the resource", readPods, resAttrs("get", "", "pods", "log", "web-0"), false},
		{"named subresource", podLogs, resAttrs("get", "", "pods", "log", "web-0"), true},
		{"resource is not its subresource", podLogs, resAttrs("get", "", "pods", "", "web-0"), false},
		{"*/scale on deployments", anyScale, resAttrs("update", "apps", "deployments", "scale", "web"), true},
		{"*/scale on statefulsets", anyScale, resAttrs("update", "apps", "statefulsets", "scale", "db"), true},
		{"*/scale is not */status", anyScale, resAttrs("update", "apps", "deployments", "status", "web"), false},
		{"*/scale is not the resource", anyScale, resAttrs("update", "apps", "deployments", "", "web"), false},
		{"resource name listed", oneConfig, resAttrs("get", "", "configmaps", "", "app-settings"), true},
		{"resource name not listed", oneConfig, resAttrs("get", "", "configmaps", "", "other"), false},
		{"resource names never match a collection", oneConfig, resAttrs("get", "", "configmaps", "", ""), false},
		{"wildcards", everything, resAttrs("deletecollection", "apps", "replicasets", "", ""), true},
		{"wildcards include subresources", everything, resAttrs("create", "", "pods", "exec", "web-0"), true},
		{"resource rule and a path", everything, authorizer.Attributes{Verb: "get", Path: "/healthz"}, false},
		{"exact path", health, authorizer.Attributes{Verb: "get", Path: "/healthz"}, true},
		{"path prefix", health, authorizer.Attributes{Verb: "get", Path: "/apis/apps/v1"}, true},
		{"prefix needs the slash", health, authorizer.Attributes{Verb: "get", Path: "/apis"}, false},
		{"path with another verb", health, authorizer.Attributes{Verb: "post", Path: "/healthz"}, false},
		{"path rule and a resource", health, resAttrs("get", "", "pods", "", ""), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := RuleAllows(tc.attrs, &tc.rule); got != tc.want {
				t.Errorf("RuleAllows = %v, want %v", got, tc.want)
			}
		})
	}
}

// RulesAllow is any of the rules.
func TestRulesAllow(t *testing.T) {
	rules := []rbacv1.PolicyRule{
		{Verbs: []string{"get"}, APIGroups: []string{""}, Resources: []string{"secrets"}},
		{Verbs: []string{"get"}, NonResourceURLs: []string{"/version"}},
	}
	if !RulesAllow(authorizer.Attributes{Verb: "get", Path: "/version"}, rules...) {
		t.Error("second rule should allow get /version")
	}
	if RulesAllow(resAttrs("list", "", "secrets", "", ""), rules...) {
		t.Error("no rule allows list secrets")
	}
}
