// Bindings: who gets a role.
//
// Interface:
//   - Subject: a User, a Group or a ServiceAccount.
//   - RoleRef: the Role or ClusterRole being granted; it cannot change
//     after the binding is created.
//   - RoleBinding grants inside its namespace; ClusterRoleBinding grants
//     a ClusterRole everywhere.
//   - The subject kinds User, Group and ServiceAccount.
//
// The RBAC authorizer (stage 2) finds the bindings that name the
// requester and then the rules of the roles they reference (role.go).
package rbacv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// The subject kinds.
const (
	// UserKind names a user as the authenticator reports it.
	UserKind = "User"
	// GroupKind names a group, such as "system:authenticated".
	GroupKind = "Group"
	// ServiceAccountKind names a ServiceAccount; its APIGroup is "" and
	// Namespace is required.
	ServiceAccountKind = "ServiceAccount"
)

// Subject is one identity a binding applies to.
type Subject struct {
	Kind string `json:"kind"`
	// APIGroup is "" for ServiceAccount and "rbac.authorization.k8s.io"
	// for User and Group (defaulted by the server).
	APIGroup string `json:"apiGroup,omitempty"`
	Name     string `json:"name"`
	// Namespace is required for a ServiceAccount and must be empty for
	// users and groups.
	Namespace string `json:"namespace,omitempty"`
}

// RoleRef names the role a binding grants. None of its fields has
// omitempty.
type RoleRef struct {
	// APIGroup is always "rbac.authorization.k8s.io".
	APIGroup string `json:"apiGroup"`
	// Kind is "Role" or "ClusterRole".
	Kind string `json:"kind"`
	Name string `json:"name"`
}

// RoleBinding grants a Role, or a ClusterRole's rules, inside its own
// namespace.
type RoleBinding struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Subjects          []Subject `json:"subjects,omitempty"`
	RoleRef           RoleRef   `json:"roleRef"`
}

// RoleBindingList is a list of RoleBindings.
type RoleBindingList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []RoleBinding `json:"items"`
}

// ClusterRoleBinding grants a ClusterRole in every namespace and on
// cluster-scoped resources.
type ClusterRoleBinding struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Subjects          []Subject `json:"subjects,omitempty"`
	RoleRef           RoleRef   `json:"roleRef"`
}

// ClusterRoleBindingList is a list of ClusterRoleBindings.
type ClusterRoleBindingList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ClusterRoleBinding `json:"items"`
}
