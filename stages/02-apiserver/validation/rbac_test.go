package validation

import (
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
)

// Talk 000, "Authorization chain": RBAC rules and bindings must be
// complete, or the authorizer could not tell what they grant.
func TestValidateRoles(t *testing.T) {
	readPods := rbacv1.PolicyRule{Verbs: []string{"get", "list"}, APIGroups: []string{""}, Resources: []string{"pods"}}
	healthz := rbacv1.PolicyRule{Verbs: []string{"get"}, NonResourceURLs: []string{"/healthz"}}
	tests := []struct {
		name string
		obj  metav1.Object
		want []string
	}{
		{name: "role", obj: &rbacv1.Role{ObjectMeta: metav1.ObjectMeta{Name: "pod-reader", Namespace: "default"}, Rules: []rbacv1.PolicyRule{readPods}}},
		{name: "system cluster role name with colons", obj: &rbacv1.ClusterRole{ObjectMeta: metav1.ObjectMeta{Name: "system:health"}, Rules: []rbacv1.PolicyRule{healthz}}},
		{
			name: "rule without verbs or groups",
			obj:  &rbacv1.Role{ObjectMeta: metav1.ObjectMeta{Name: "r", Namespace: "default"}, Rules: []rbacv1.PolicyRule{{Resources: []string{"pods"}}}},
			want: []string{
				"rules[0].verbs: Required value: verbs must contain at least one value",
				"rules[0].apiGroups: Required value: resource rules must supply at least one api group",
			},
		},
		{
			name: "URL in a namespaced role",
			obj:  &rbacv1.Role{ObjectMeta: metav1.ObjectMeta{Name: "r", Namespace: "default"}, Rules: []rbacv1.PolicyRule{healthz}},
			want: []string{`rules[0].nonResourceURLs: Invalid value: ["/healthz"]: namespaced rules cannot apply to non-resource URLs`},
		},
		{
			name: "role name with a slash",
			obj:  &rbacv1.ClusterRole{ObjectMeta: metav1.ObjectMeta{Name: "team/admin"}},
			want: []string{`metadata.name: Invalid value: "team/admin": may not contain '/'`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkErrors(t, ValidateCreate(tc.obj), tc.want...)
		})
	}
}

func TestValidateBindings(t *testing.T) {
	ref := rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "Role", Name: "pod-reader"}
	meta := metav1.ObjectMeta{Name: "read-pods", Namespace: "default"}
	tests := []struct {
		name string
		obj  metav1.Object
		want []string
	}{
		{name: "role binding", obj: &rbacv1.RoleBinding{ObjectMeta: meta, RoleRef: ref, Subjects: []rbacv1.Subject{
			{Kind: rbacv1.UserKind, APIGroup: rbacv1.GroupName, Name: "jane"}, {Kind: rbacv1.ServiceAccountKind, Name: "default"}}}},
		{
			name: "cluster binding of a Role, subject without a namespace",
			obj: &rbacv1.ClusterRoleBinding{ObjectMeta: metav1.ObjectMeta{Name: "b"}, RoleRef: ref,
				Subjects: []rbacv1.Subject{{Kind: rbacv1.ServiceAccountKind, Name: "default"}}},
			want: []string{
				`roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"`,
				"subjects[0].namespace: Required value",
			},
		},
		{
			name: "wrong group, no role name, unknown subject kind",
			obj: &rbacv1.RoleBinding{ObjectMeta: meta, RoleRef: rbacv1.RoleRef{APIGroup: "rbac", Kind: "Role"},
				Subjects: []rbacv1.Subject{{Kind: "Robot", Name: "r2"}, {Kind: rbacv1.GroupKind}}},
			want: []string{
				`roleRef.apiGroup: Unsupported value: "rbac": supported values: "rbac.authorization.k8s.io"`,
				"roleRef.name: Required value",
				`subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"`,
				"subjects[1].name: Required value",
				`subjects[1].apiGroup: Unsupported value: "": supported values: "rbac.authorization.k8s.io"`,
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkErrors(t, ValidateCreate(tc.obj), tc.want...)
		})
	}
	// To grant another role, make another binding.
	old := &rbacv1.RoleBinding{ObjectMeta: meta, RoleRef: ref}
	changed := &rbacv1.RoleBinding{ObjectMeta: meta, RoleRef: rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: "view"}}
	checkErrors(t, ValidateUpdate(changed, old),
		`roleRef: Invalid value: {"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"}: cannot change roleRef`)
}
