package authorization

import (
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// The questions of the matrix, as kubectl would ask them.
var matrixRequests = []struct {
	name  string
	attrs func(u user.Info) authorizer.Attributes
}{
	{"list pods -n default", func(u user.Info) authorizer.Attributes {
		return res(u, "list", "", "pods", "", "default", "")
	}},
	{"create deployments -n default", func(u user.Info) authorizer.Attributes {
		return res(u, "create", "apps", "deployments", "", "default", "")
	}},
	{"get secret db-password -n default", func(u user.Info) authorizer.Attributes {
		return res(u, "get", "", "secrets", "", "default", "db-password")
	}},
	{"create rolebindings -n team-a", func(u user.Info) authorizer.Attributes {
		return res(u, "create", "rbac.authorization.k8s.io", "rolebindings", "", "team-a", "")
	}},
	{"get node worker-1", func(u user.Info) authorizer.Attributes {
		return res(u, "get", "", "nodes", "", "", "worker-1")
	}},
	{"list pods -A --field-selector spec.nodeName=worker-1", func(u user.Info) authorizer.Attributes {
		a := res(u, "list", "", "pods", "", "", "")
		a.FieldSelector = "spec.nodeName=worker-1"
		return a
	}},
	{"create pods/binding web-0 -n default", func(u user.Info) authorizer.Attributes {
		return res(u, "create", "", "pods", "binding", "default", "web-0")
	}},
	{"get /healthz", func(u user.Info) authorizer.Attributes {
		return nonRes(u, "get", "/healthz")
	}},
}

// matrixModes are the columns of each expectation, in this order.
var matrixModes = [][]string{{ModeRBAC}, {ModeNode}, {ModeABAC}, {ModeNode, ModeRBAC}}

// Talk 000, "Authorization chain": who may do what under each mode. Each
// expectation has one letter per column of matrixModes (RBAC, Node, ABAC,
// Node,RBAC): A allowed, D denied. The admin certificate (system:masters)
// is allowed under every mode; the kubelet only under Node; anonymous
// requests only read /healthz, through RBAC's system:public-info-viewer.
func TestAuthorizationMatrix(t *testing.T) {
	matrix := []struct {
		who  string
		user user.Info
		want []string // one entry per matrixRequests row
	}{
		{"admin (system:masters)", admin, []string{"AAAA", "AAAA", "AAAA", "AAAA", "AAAA", "AAAA", "AAAA", "AAAA"}},
		{"view user", viewer, []string{"ADAA", "DDDD", "DDAD", "DDDD", "DDAD", "ADAA", "DDDD", "ADAA"}},
		{"edit user in default", editor, []string{"ADAA", "ADAA", "ADAA", "DDDD", "DDDD", "DDDD", "DDAD", "ADAA"}},
		{"namespace admin of team-a", nsAdmin, []string{"DDDD", "DDDD", "DDDD", "ADAA", "DDDD", "DDDD", "DDDD", "ADAA"}},
		{"kubelet of worker-1", kubelet, []string{"DDDD", "DDDD", "DADA", "DDDD", "DADA", "DADA", "DDDD", "ADAA"}},
		{"scheduler", scheduler, []string{"ADAA", "DDDD", "DDAD", "DDDD", "ADAA", "ADAA", "ADAA", "ADAA"}},
		{"anonymous", anonymous, []string{"DDDD", "DDDD", "DDDD", "DDDD", "DDDD", "DDDD", "DDDD", "ADDA"}},
	}
	chains := make([]*authorizer.Union, len(matrixModes))
	for i, modes := range matrixModes {
		chains[i] = newChain(t, modes...)
	}
	for _, row := range matrix {
		for i, req := range matrixRequests {
			t.Run(row.who+"/"+req.name, func(t *testing.T) {
				var got strings.Builder
				for _, chain := range chains {
					if decision(t, chain, req.attrs(row.user)) == authorizer.DecisionAllow {
						got.WriteString("A")
					} else {
						got.WriteString("D")
					}
				}
				if got.String() != row.want[i] {
					t.Errorf("decisions under RBAC, Node, ABAC, Node+RBAC = %s, want %s", got.String(), row.want[i])
				}
			})
		}
	}
}

// The chain reports which mode decided, for the -v 4 log and the audit
// event; RBAC also names the binding.
func TestChainNamesTheDecidingMode(t *testing.T) {
	chain := newChain(t, ModeNode, ModeRBAC)
	tests := []struct {
		name           string
		attrs          authorizer.Attributes
		wantAuthorizer string
		wantReason     string
	}{
		{"admin by the system:masters short cut", res(admin, "delete", "", "namespaces", "", "", "kube-system"),
			PrivilegedGroupsName, ""},
		{"kubelet by Node", res(kubelet, "get", "", "secrets", "", "default", "db-password"), ModeNode, ""},
		{"editor by a RoleBinding", res(editor, "create", "apps", "deployments", "", "default", ""), ModeRBAC,
			`RBAC: allowed by RoleBinding "erin-edit/default" of ClusterRole "edit" to User "erin"`},
		{"scheduler by its ClusterRoleBinding", res(scheduler, "create", "", "pods", "binding", "default", "web-0"), ModeRBAC,
			`RBAC: allowed by ClusterRoleBinding "system:kube-scheduler" of ClusterRole "system:kube-scheduler" to User "system:kube-scheduler"`},
		{"nobody for a denial", res(viewer, "delete", "", "pods", "", "default", "web-0"), "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := chain.Explain(t.Context(), tc.attrs)
			if v.Authorizer != tc.wantAuthorizer || v.Reason != tc.wantReason {
				t.Errorf("Explain = authorizer %q reason %q, want %q %q", v.Authorizer, v.Reason, tc.wantAuthorizer, tc.wantReason)
			}
		})
	}
}
