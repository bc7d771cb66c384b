// Package rbac is the RBAC authorization mode: a request is allowed when a
// rule of a role bound to the requester matches it.
//
// A request from jane to list pods in default is checked like this: every
// ClusterRoleBinding that names jane (or one of her groups) grants its
// ClusterRole's rules everywhere; every RoleBinding in default that names
// her grants its Role's (or ClusterRole's) rules in default only. The first
// rule that matches the verb, API group, resource (or resource/subresource),
// and resource name allows the request, and the reason names the binding:
//
//	RBAC: allowed by RoleBinding "jane-edit/default" of ClusterRole "edit" to User "jane"
//
// Nothing matches: no opinion, and the union asks the next mode. RBAC never
// denies explicitly.
//
//	a := rbac.New(lister) // lister: the roles and bindings, see Lister
//	d, reason, err := a.Authorize(ctx, attrs)
//
// Roles and bindings are read through Lister; the apiserver adapts its
// watch cache to it, tests use StaticLister. The bootstrap roles and
// bindings every cluster starts with are in the subpackage bootstrap.
//
// Talk 000, "Authorization chain": Role Based Access Control.
package rbac
