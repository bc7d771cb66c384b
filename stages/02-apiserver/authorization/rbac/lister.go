// Lister: where the RBAC authorizer reads roles and bindings.
//
// Interface:
//   - Lister: GetRole, ListRoleBindings, GetClusterRole,
//     ListClusterRoleBindings (upstream's four lister interfaces in one).
//   - StaticLister: a fixed in-memory set, for tests and examples.
package rbac

import (
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// Lister reads roles and bindings, from a cache: it is called for every
// request. The returned objects are shared and must not be modified. A
// missing role is an error (a NotFound StatusError by convention).
type Lister interface {
	GetRole(namespace, name string) (*rbacv1.Role, error)
	ListRoleBindings(namespace string) ([]*rbacv1.RoleBinding, error)
	GetClusterRole(name string) (*rbacv1.ClusterRole, error)
	ListClusterRoleBindings() ([]*rbacv1.ClusterRoleBinding, error)
}

// StaticLister is a Lister over fixed slices. Fill it before the first
// call; it must not change afterwards.
type StaticLister struct {
	Roles               []rbacv1.Role
	RoleBindings        []rbacv1.RoleBinding
	ClusterRoles        []rbacv1.ClusterRole
	ClusterRoleBindings []rbacv1.ClusterRoleBinding
}

var _ Lister = (*StaticLister)(nil)

// The not-found errors name the resource in the singular, as upstream's
// listers do: `clusterrole.rbac.authorization.k8s.io "x" not found`.
var (
	roleResource        = metav1.GroupResource{Group: rbacv1.GroupName, Resource: "role"}
	clusterRoleResource = metav1.GroupResource{Group: rbacv1.GroupName, Resource: "clusterrole"}
)

// GetRole returns the Role namespace/name or a NotFound error.
func (s *StaticLister) GetRole(namespace, name string) (*rbacv1.Role, error) {
	for i := range s.Roles {
		if s.Roles[i].Namespace == namespace && s.Roles[i].Name == name {
			return &s.Roles[i], nil
		}
	}
	return nil, apierrors.NewNotFound(roleResource, name)
}

// ListRoleBindings returns the RoleBindings of namespace.
func (s *StaticLister) ListRoleBindings(namespace string) ([]*rbacv1.RoleBinding, error) {
	var out []*rbacv1.RoleBinding
	for i := range s.RoleBindings {
		if s.RoleBindings[i].Namespace == namespace {
			out = append(out, &s.RoleBindings[i])
		}
	}
	return out, nil
}

// GetClusterRole returns the ClusterRole name or a NotFound error.
func (s *StaticLister) GetClusterRole(name string) (*rbacv1.ClusterRole, error) {
	for i := range s.ClusterRoles {
		if s.ClusterRoles[i].Name == name {
			return &s.ClusterRoles[i], nil
		}
	}
	return nil, apierrors.NewNotFound(clusterRoleResource, name)
}

// ListClusterRoleBindings returns every ClusterRoleBinding.
func (s *StaticLister) ListClusterRoleBindings() ([]*rbacv1.ClusterRoleBinding, error) {
	out := make([]*rbacv1.ClusterRoleBinding, 0, len(s.ClusterRoleBindings))
	for i := range s.ClusterRoleBindings {
		out = append(out, &s.ClusterRoleBindings[i])
	}
	return out, nil
}
