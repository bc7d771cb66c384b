package server

import (
	"net/http"
	"strings"
	"testing"
)

// Talk 000, "Authorization chain": a namespace admin may create roles and
// bindings there, but not grant what she does not hold - no binding to
// cluster-admin, no role over nodes - while what she holds she may grant.
func TestRBACEscalationPrevented(t *testing.T) {
	s := startServer(t, testConfig(t))
	admin := client(t, s)
	mustDo(t, admin, s, http.MethodPost, "/api/v1/namespaces", `{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"esc"}}`, http.StatusCreated)
	mustDo(t, admin, s, http.MethodPost, "/apis/rbac.authorization.k8s.io/v1/namespaces/esc/rolebindings",
		roleBindingJSON("esc", "jane-admin", "admin", "jane"), http.StatusCreated)
	jane := identityClient(t, s, "jane", "devs")
	const bindings = "/apis/rbac.authorization.k8s.io/v1/namespaces/esc/rolebindings"

	eventually(t, func() string { // the binding reaches the authorizer's cache
		if resp, b := do(t, jane, s, http.MethodGet, bindings, ""); resp.StatusCode != http.StatusOK {
			return "jane list rolebindings in esc: " + resp.Status + " " + b
		}
		return ""
	})
	body := mustDo(t, jane, s, http.MethodPost, bindings, roleBindingJSON("esc", "grab", "cluster-admin", "jane"), http.StatusForbidden)
	want := `rolebindings.rbac.authorization.k8s.io \"grab\" is forbidden: user \"jane\" (groups=[\"devs\" \"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"*\"], Resources:[\"*\"], Verbs:[\"*\"]}`
	if !strings.Contains(body, want) {
		t.Errorf("403 body = %s\nwant the message %s", body, want)
	}
	mustDo(t, admin, s, http.MethodGet, bindings+"/grab", "", http.StatusNotFound)

	nodes := `{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"nodes"},` +
		`"rules":[{"apiGroups":[""],"resources":["nodes"],"verbs":["get"]}]}`
	body = mustDo(t, jane, s, http.MethodPost, "/apis/rbac.authorization.k8s.io/v1/namespaces/esc/roles", nodes, http.StatusForbidden)
	if !strings.Contains(body, `{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\"]}`) {
		t.Errorf("403 body = %s; want the nodes rule named", body)
	}

	// What admin holds in esc, she may grant: view is covered.
	mustDo(t, jane, s, http.MethodPost, bindings, roleBindingJSON("esc", "bob-view", "view", "bob"), http.StatusCreated)
	// The cluster admin (system:masters) may grant anything.
	mustDo(t, admin, s, http.MethodPost, bindings, roleBindingJSON("esc", "bob-admin", "cluster-admin", "bob"), http.StatusCreated)
}
