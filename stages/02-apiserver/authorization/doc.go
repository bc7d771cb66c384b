// Package authorization is the authorization step of the request chain:
// it builds the chain of modes from --authorization-mode, asks it about
// every request, and answers 403 in upstream's words when nobody allows.
//
//	authz, err := authorization.New(authorization.Config{
//		Modes: []string{authorization.ModeNode, authorization.ModeRBAC},
//		RBAC:  rbacLister, // roles and bindings, from the watch cache
//		Node:  nodeGraph,  // pods by node, from the watch cache
//	})
//	handler = authorization.WithAuthorization(handler, authz, nil)
//
// A request that no mode allows ends here:
//
//	pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"
//
// The same chain answers the access reviews (reviews.go):
// SubjectAccessReview, LocalSubjectAccessReview, SelfSubjectAccessReview
// (kubectl auth can-i) and SelfSubjectRulesReview (kubectl auth can-i
// --list).
//
// The modes are subpackages: authorizer (the interface, the union,
// AlwaysAllow, AlwaysDeny), rbac (and rbac/bootstrap, the default
// policy), node, abac and webhook. Impersonation, which asks this chain
// whether a user may act as another, is the sibling package
// stages/02-apiserver/impersonation.
//
// Talk 000, "Authorization chain" (ABAC, RBAC, Node, Webhook); talk 001,
// "authZ": is the authenticated user allowed to do this?
package authorization
