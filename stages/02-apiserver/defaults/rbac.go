// RBAC defaults: the API groups a binding's references leave out.
//
// Interface:
//   - RoleBinding(rb), ClusterRoleBinding(crb): roleRef.apiGroup
//     rbac.authorization.k8s.io, and each subject's apiGroup.
//   - Subject(s): apiGroup rbac.authorization.k8s.io for a User or Group,
//     "" for a ServiceAccount.
//
// The authorizer that reads bindings is the request chain's (issue 5).

package defaults

import rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"

// RoleBinding fills in roleRef.apiGroup and every subject's apiGroup
// (upstream SetDefaults_RoleBinding and SetDefaults_Subject).
func RoleBinding(rb *rbacv1.RoleBinding) {
	bindingRefs(&rb.RoleRef, rb.Subjects)
}

// ClusterRoleBinding fills in roleRef.apiGroup and every subject's
// apiGroup (upstream SetDefaults_ClusterRoleBinding and
// SetDefaults_Subject).
func ClusterRoleBinding(crb *rbacv1.ClusterRoleBinding) {
	bindingRefs(&crb.RoleRef, crb.Subjects)
}

func bindingRefs(ref *rbacv1.RoleRef, subjects []rbacv1.Subject) {
	if ref.APIGroup == "" {
		ref.APIGroup = rbacv1.GroupName
	}
	for i := range subjects {
		Subject(&subjects[i])
	}
}

// Subject fills in an unset apiGroup from the subject's kind: users and
// groups are RBAC names (rbac.authorization.k8s.io). A service account is
// a core object, whose group is "", so it keeps the empty apiGroup; a
// subject of any other kind is left for validation to reject.
func Subject(s *rbacv1.Subject) {
	if s.APIGroup == "" && (s.Kind == rbacv1.UserKind || s.Kind == rbacv1.GroupKind) {
		s.APIGroup = rbacv1.GroupName
	}
}
