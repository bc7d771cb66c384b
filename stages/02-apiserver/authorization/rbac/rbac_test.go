package rbac

import (
	"errors"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

func subject(kind, name, namespace string) rbacv1.Subject {
	s := rbacv1.Subject{Kind: kind, Name: name, Namespace: namespace}
	if kind != rbacv1.ServiceAccountKind {
		s.APIGroup = rbacv1.GroupName
	}
	return s
}

func ref(kind, name string) rbacv1.RoleRef {
	return rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: kind, Name: name}
}

// lister: cluster-admin for system:masters; pod-reader (a ClusterRole)
// granted in dev to jane and to dev's ci service account; a Role
// config-editor in dev granted to the group editors; a binding to a role
// that does not exist.
func lister() *StaticLister {
	return &StaticLister{
		ClusterRoles: []rbacv1.ClusterRole{
			{ObjectMeta: metav1.ObjectMeta{Name: "cluster-admin"}, Rules: []rbacv1.PolicyRule{
				{Verbs: []string{"*"}, APIGroups: []string{"*"}, Resources: []string{"*"}},
				{Verbs: []string{"*"}, NonResourceURLs: []string{"*"}},
			}},
			{ObjectMeta: metav1.ObjectMeta{Name: "pod-reader"}, Rules: []rbacv1.PolicyRule{
				{Verbs: []string{"get", "list", "watch"}, APIGroups: []string{""}, Resources: []string{"pods", "pods/log"}},
			}},
		},
		ClusterRoleBindings: []rbacv1.ClusterRoleBinding{
			{ObjectMeta: metav1.ObjectMeta{Name: "cluster-admin"}, RoleRef: ref("ClusterRole", "cluster-admin"),
				Subjects: []rbacv1.Subject{subject(rbacv1.GroupKind, user.SystemPrivilegedGroup, "")}},
			{ObjectMeta: metav1.ObjectMeta{Name: "dangling"}, RoleRef: ref("ClusterRole", "gone"),
				Subjects: []rbacv1.Subject{subject(rbacv1.UserKind, "lost", "")}},
		},
		Roles: []rbacv1.Role{
			{ObjectMeta: metav1.ObjectMeta{Name: "config-editor", Namespace: "dev"}, Rules: []rbacv1.PolicyRule{
				{Verbs: []string{"get", "update"}, APIGroups: []string{""}, Resources: []string{"configmaps"}},
			}},
		},
		RoleBindings: []rbacv1.RoleBinding{
			{ObjectMeta: metav1.ObjectMeta{Name: "readers", Namespace: "dev"}, RoleRef: ref("ClusterRole", "pod-reader"),
				Subjects: []rbacv1.Subject{subject(rbacv1.UserKind, "jane", ""), subject(rbacv1.ServiceAccountKind, "ci", "")}},
			{ObjectMeta: metav1.ObjectMeta{Name: "editors", Namespace: "dev"}, RoleRef: ref("Role", "config-editor"),
				Subjects: []rbacv1.Subject{subject(rbacv1.GroupKind, "editors", "")}},
		},
	}
}

// Talk 000, "Authorization chain": RBAC allows what a bound role's rule
// matches, and says which binding allowed it.
func TestAuthorize(t *testing.T) {
	a := New(lister())
	admin := user.Info{Name: "kubernetes-admin", Groups: []string{user.SystemPrivilegedGroup}}
	jane := user.Info{Name: "jane", Groups: []string{user.AllAuthenticated}}
	ci := user.Info{Name: user.ServiceAccountUsername("dev", "ci"), Groups: user.ServiceAccountGroups("dev")}
	otherCI := user.Info{Name: user.ServiceAccountUsername("prod", "ci"), Groups: user.ServiceAccountGroups("prod")}
	editor := user.Info{Name: "ed", Groups: []string{"editors"}}
	lost := user.Info{Name: "lost"}
	tests := []struct {
		name       string
		attrs      authorizer.Attributes
		want       authorizer.Decision
		wantReason string
	}{
		{"cluster-admin through system:masters", as(resAttrs("delete", "", "namespaces", "", "kube-system"), admin, ""),
			authorizer.DecisionAllow, `RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"`},
		{"cluster-admin on a path", authorizer.Attributes{User: admin, Verb: "get", Path: "/metrics"},
			authorizer.DecisionAllow, `RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"`},
		{"ClusterRole through a RoleBinding", as(resAttrs("get", "", "pods", "log", "web-0"), jane, "dev"),
			authorizer.DecisionAllow, `RBAC: allowed by RoleBinding "readers/dev" of ClusterRole "pod-reader" to User "jane"`},
		{"the RoleBinding's namespace only", as(resAttrs("get", "", "pods", "", "web-0"), jane, "prod"),
			authorizer.DecisionNoOpinion, ""},
		{"not cluster-wide either", as(resAttrs("list", "", "pods", "", ""), jane, ""),
			authorizer.DecisionNoOpinion, ""},
		{"service account of the binding's namespace", as(resAttrs("list", "", "pods", "", ""), ci, "dev"),
			authorizer.DecisionAllow, `RBAC: allowed by RoleBinding "readers/dev" of ClusterRole "pod-reader" to ServiceAccount "ci/dev"`},
		{"same name, other namespace", as(resAttrs("list", "", "pods", "", ""), otherCI, "dev"),
			authorizer.DecisionNoOpinion, ""},
		{"Role through a group", as(resAttrs("update", "", "configmaps", "", "settings"), editor, "dev"),
			authorizer.DecisionAllow, `RBAC: allowed by RoleBinding "editors/dev" of Role "config-editor" to Group "editors"`},
		{"verb not granted", as(resAttrs("delete", "", "configmaps", "", "settings"), editor, "dev"),
			authorizer.DecisionNoOpinion, ""},
		{"binding to a missing role", as(resAttrs("get", "", "pods", "", "x"), lost, ""),
			authorizer.DecisionNoOpinion, `RBAC: clusterrole.rbac.authorization.k8s.io "gone" not found`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, reason, err := a.Authorize(t.Context(), tc.attrs)
			if d != tc.want || reason != tc.wantReason || err != nil {
				t.Errorf("Authorize = %v %q %v, want %v %q", d, reason, err, tc.want, tc.wantReason)
			}
		})
	}
}

// as sets the user and namespace of resource attributes.
func as(a authorizer.Attributes, u user.Info, namespace string) authorizer.Attributes {
	a.User, a.Namespace = u, namespace
	return a
}

// kubectl auth can-i --list reads the rules bound to the user in the
// namespace; a missing role is reported, not fatal.
func TestRulesFor(t *testing.T) {
	a := New(lister())
	jane := user.Info{Name: "jane"}
	r, err := a.RulesFor(t.Context(), jane, "dev")
	if err != nil || r.Incomplete || len(r.Resource) != 1 || r.Resource[0].Resources[1] != "pods/log" || len(r.NonResource) != 0 {
		t.Errorf("jane in dev: %+v, %v; want the pod-reader rule", r, err)
	}
	admin := user.Info{Name: "root", Groups: []string{user.SystemPrivilegedGroup}}
	r, err = a.RulesFor(t.Context(), admin, "dev")
	if err != nil || len(r.Resource) != 1 || len(r.NonResource) != 1 {
		t.Errorf("admin: %+v, %v; want one rule of each kind", r, err)
	}
	_, err = a.RulesFor(t.Context(), user.Info{Name: "lost"}, "")
	var notFound interface{ Status() metav1.Status }
	if !errors.As(err, &notFound) || notFound.Status().Code != 404 {
		t.Errorf("lost: error %v, want the NotFound of the missing role", err)
	}
}

// A Role exists only in its namespace.
func TestStaticLister(t *testing.T) {
	l := lister()
	if _, err := l.GetRole("dev", "config-editor"); err != nil {
		t.Errorf("GetRole dev/config-editor: %v", err)
	}
	if _, err := l.GetRole("prod", "config-editor"); err == nil {
		t.Error("GetRole prod/config-editor: want NotFound")
	}
	if rbs, _ := l.ListRoleBindings("prod"); len(rbs) != 0 {
		t.Errorf("prod has %d RoleBindings, want 0", len(rbs))
	}
}
