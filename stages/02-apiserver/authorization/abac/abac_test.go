package abac

import (
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

const policyFile = `# alice runs projectCaribou; bob may look at it; everyone may discover.
{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"user": "alice", "namespace": "projectCaribou", "resource": "*", "apiGroup": "*"}}
{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"user": "bob", "namespace": "projectCaribou", "resource": "pods", "apiGroup": "", "readonly": true}}
{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"group": "ops", "namespace": "*", "resource": "*", "apiGroup": "*"}}
{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"user": "*", "readonly": true, "nonResourcePath": "/apis/*"}}
{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"group": "system:unauthenticated", "readonly": true, "nonResourcePath": "/healthz"}}
`

func resource(u user.Info, verb, group, res, ns string) authorizer.Attributes {
	return authorizer.Attributes{User: u, Verb: verb, ResourceRequest: true, APIGroup: group, Resource: res, Namespace: ns}
}

// Talk 000, "Authorization chain": ABAC allows what one line of the
// policy file matches: subject, read-only, namespace, resource, group, or
// a path.
func TestAuthorize(t *testing.T) {
	policies, err := Parse(strings.NewReader(policyFile), "policy.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	alice := user.Info{Name: "alice", Groups: []string{user.AllAuthenticated}}
	bob := user.Info{Name: "bob", Groups: []string{user.AllAuthenticated}}
	olga := user.Info{Name: "olga", Groups: []string{"ops", user.AllAuthenticated}}
	anon := user.Info{Name: user.Anonymous, Groups: []string{user.AllUnauthenticated}}
	tests := []struct {
		name  string
		attrs authorizer.Attributes
		want  bool
	}{
		{"alice writes in her namespace", resource(alice, "delete", "apps", "deployments", "projectCaribou"), true},
		{"alice elsewhere", resource(alice, "get", "", "pods", "default"), false},
		{"alice at the cluster scope", resource(alice, "list", "", "nodes", ""), false},
		{"bob reads pods", resource(bob, "watch", "", "pods", "projectCaribou"), true},
		{"bob may not write", resource(bob, "create", "", "pods", "projectCaribou"), false},
		{"bob reads only pods", resource(bob, "get", "", "secrets", "projectCaribou"), false},
		{"a group, every namespace", resource(olga, "create", "", "namespaces", ""), true},
		{"user * means every authenticated user", authorizer.Attributes{User: bob, Verb: "get", Path: "/apis/apps/v1"}, true},
		{"path prefix needs the prefix", authorizer.Attributes{User: bob, Verb: "get", Path: "/api"}, false},
		{"user * is not anonymous", authorizer.Attributes{User: anon, Verb: "get", Path: "/apis/apps"}, false},
		{"anonymous by group", authorizer.Attributes{User: anon, Verb: "get", Path: "/healthz"}, true},
		{"read-only path policy and a post", authorizer.Attributes{User: anon, Verb: "post", Path: "/healthz"}, false},
		{"resource policy and a path", authorizer.Attributes{User: alice, Verb: "get", Path: "/healthz"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, reason, err := policies.Authorize(t.Context(), tc.attrs)
			if err != nil {
				t.Fatal(err)
			}
			if got := d == authorizer.DecisionAllow; got != tc.want {
				t.Errorf("allowed = %v (%s), want %v", got, reason, tc.want)
			}
			if d != authorizer.DecisionAllow && reason != ReasonNoMatch {
				t.Errorf("reason = %q, want %q", reason, ReasonNoMatch)
			}
		})
	}
}

// A bad line stops the server with its line number and the fix.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		want string
	}{
		{"unversioned", "\n" + `{"user": "admin"}`, `error reading policy file p.jsonl, line 2: {"user": "admin"}: json: unknown field "user" (unversioned policies are not supported: write {"apiVersion": "abac.authorization.kubernetes.io/v1beta1"`},
		{"wrong version", `{"apiVersion": "abac.authorization.kubernetes.io/v0", "kind": "Policy", "spec": {"user": "a"}}`, `must be apiVersion "abac.authorization.kubernetes.io/v1beta1"`},
		{"no subject", `{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"resource": "*"}}`, "spec.user or spec.group is required"},
		{"not JSON", `{"apiVersion": `, "line 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.file), "p.jsonl")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// ABAC's rules for can-i --list: readonly policies grant get, list and
// watch, others "*". As upstream, a policy is listed only when its
// namespace matches, so path policies (which have none) are not.
func TestRulesFor(t *testing.T) {
	policies, err := Parse(strings.NewReader(policyFile), "policy.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	r, err := policies.RulesFor(t.Context(), user.Info{Name: "bob", Groups: []string{user.AllAuthenticated}}, "projectCaribou")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Resource) != 1 || strings.Join(r.Resource[0].Verbs, ",") != "get,list,watch" || r.Resource[0].Resources[0] != "pods" {
		t.Errorf("resource rules = %+v, want bob's read-only pods", r.Resource)
	}
	if len(r.NonResource) != 0 {
		t.Errorf("non-resource rules = %+v, want none", r.NonResource)
	}
}
