package defaults

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
)

// Talk 000, "Authorization" (RBAC): a binding is stored with the API
// groups of its role and subjects spelled out.
func TestRoleBindings(t *testing.T) {
	subjects := func() []rbacv1.Subject {
		return []rbacv1.Subject{
			{Kind: "User", Name: "jane"},
			{Kind: "Group", Name: "devs"},
			{Kind: "ServiceAccount", Name: "deployer", Namespace: "ci"},
			{Kind: "User", Name: "bob", APIGroup: "example.com"},
			{Kind: "Robot", Name: "r2"},
		}
	}
	wantSubjects := []rbacv1.Subject{
		{Kind: "User", Name: "jane", APIGroup: rbacv1.GroupName},
		{Kind: "Group", Name: "devs", APIGroup: rbacv1.GroupName},
		{Kind: "ServiceAccount", Name: "deployer", Namespace: "ci"},
		{Kind: "User", Name: "bob", APIGroup: "example.com"},
		{Kind: "Robot", Name: "r2"},
	}
	wantRef := rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: "edit"}

	rb := &rbacv1.RoleBinding{RoleRef: rbacv1.RoleRef{Kind: "ClusterRole", Name: "edit"}, Subjects: subjects()}
	RoleBinding(rb)
	crb := &rbacv1.ClusterRoleBinding{RoleRef: rbacv1.RoleRef{Kind: "ClusterRole", Name: "edit"}, Subjects: subjects()}
	ClusterRoleBinding(crb)

	tests := []struct {
		name     string
		ref      rbacv1.RoleRef
		subjects []rbacv1.Subject
	}{
		{name: "RoleBinding", ref: rb.RoleRef, subjects: rb.Subjects},
		{name: "ClusterRoleBinding", ref: crb.RoleRef, subjects: crb.Subjects},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(wantRef, tc.ref); diff != "" {
				t.Errorf("roleRef (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantSubjects, tc.subjects); diff != "" {
				t.Errorf("subjects (-want +got):\n%s", diff)
			}
		})
	}
}
