package rbac

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
)

// Talk 000, "Authorization chain": a user may grant only what they hold;
// wildcards count literally.
func TestCovers(t *testing.T) {
	rule := func(groups, resources, verbs []string, names ...string) rbacv1.PolicyRule {
		return rbacv1.PolicyRule{APIGroups: groups, Resources: resources, Verbs: verbs, ResourceNames: names}
	}
	s := func(v ...string) []string { return v }
	owner := []rbacv1.PolicyRule{
		rule(s(""), s("pods", "configmaps"), s("get", "list")),
		rule(s("apps"), s("*"), s("*")),
		rule(s(""), s("secrets"), s("get"), "token"),
		rule(s(""), s("*/log"), s("get")),
		{NonResourceURLs: s("/healthz/*"), Verbs: s("get")},
	}
	tests := []struct {
		name      string
		requested []rbacv1.PolicyRule
		want      []rbacv1.PolicyRule
	}{
		{"a subset", []rbacv1.PolicyRule{rule(s(""), s("pods"), s("get"))}, nil},
		{"everything in a wildcard group", []rbacv1.PolicyRule{rule(s("apps"), s("deployments", "replicasets"), s("create", "delete"))}, nil},
		{"one verb too many", []rbacv1.PolicyRule{rule(s(""), s("pods"), s("get", "delete"))},
			[]rbacv1.PolicyRule{rule(s(""), s("pods"), s("delete"))}},
		{"a wildcard verb needs a wildcard", []rbacv1.PolicyRule{rule(s(""), s("pods"), s("*"))},
			[]rbacv1.PolicyRule{rule(s(""), s("pods"), s("*"))}},
		{"a named secret", []rbacv1.PolicyRule{rule(s(""), s("secrets"), s("get"), "token")}, nil},
		{"all secrets", []rbacv1.PolicyRule{rule(s(""), s("secrets"), s("get"))},
			[]rbacv1.PolicyRule{rule(s(""), s("secrets"), s("get"))}},
		{"a subresource through */log", []rbacv1.PolicyRule{rule(s(""), s("pods/log"), s("get"))}, nil},
		{"a non-resource URL under a prefix", []rbacv1.PolicyRule{{NonResourceURLs: s("/healthz/etcd"), Verbs: s("get")}}, nil},
		{"a non-resource URL outside it", []rbacv1.PolicyRule{{NonResourceURLs: s("/metrics"), Verbs: s("get")}},
			[]rbacv1.PolicyRule{{NonResourceURLs: s("/metrics"), Verbs: s("get")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Covers(owner, tt.requested)); diff != "" {
				t.Errorf("Covers (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCompactString(t *testing.T) {
	got := CompactString(rbacv1.PolicyRule{APIGroups: []string{""}, Resources: []string{"pods", "secrets"}, Verbs: []string{"get"}})
	if want := `{APIGroups:[""], Resources:["pods", "secrets"], Verbs:["get"]}`; got != want {
		t.Errorf("CompactString = %s, want %s", got, want)
	}
}
