// Package rbacv1 holds the Go types of the rbac.authorization.k8s.io/v1
// API group: Roles and ClusterRoles (what may be done) and RoleBindings
// and ClusterRoleBindings (who may do it).
//
// The types mirror k8s.io/api/rbac/v1 at Kubernetes v1.37: same JSON
// names, omitempty, pointers and field order.
//
// Usage:
//
//	role := &rbacv1.Role{
//		TypeMeta:   metav1.TypeMeta{APIVersion: "rbac.authorization.k8s.io/v1", Kind: "Role"},
//		ObjectMeta: metav1.ObjectMeta{Name: "pod-reader", Namespace: "default"},
//		Rules: []rbacv1.PolicyRule{{
//			APIGroups: []string{""},
//			Resources: []string{"pods"},
//			Verbs:     []string{"get", "list", "watch"},
//		}},
//	}
//
// Talk 000, "Authorization chain": the RBAC authorizer (stage 2) allows a
// request if any binding for the user, one of its groups or its service
// account grants a rule matching the verb, group, resource and name. RBAC
// only adds permissions; there are no deny rules.
//
// Kinds are registered once, in shared/scheme; this package registers
// nothing.
package rbacv1
