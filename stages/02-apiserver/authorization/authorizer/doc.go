// Package authorizer is the contract every authorization mode implements,
// and the union that asks them in turn.
//
// After authentication has said who a request comes from, authorization
// asks one question: may this user do this? The request is reduced to
// Attributes (user, verb, namespace, group, resource, subresource, name,
// or a plain path such as /healthz), and each configured Authorizer
// answers Allow, Deny or NoOpinion with a reason.
//
//	chain := authorizer.NewUnion(
//		authorizer.Named{Name: "Node", Authorizer: nodeAuthorizer},
//		authorizer.Named{Name: "RBAC", Authorizer: rbacAuthorizer},
//	)
//	verdict := chain.Explain(ctx, attrs) // which mode decided, and why
//	if verdict.Decision != authorizer.DecisionAllow { /* 403 */ }
//
// The modes themselves live in the sibling packages rbac, node, abac and
// webhook; the package above them (authorization) builds the union from
// --authorization-mode and turns a denial into the upstream 403.
//
// Talk 000, "Authorization chain": ABAC, RBAC, Node and Webhook are asked
// in the configured order; the first to allow wins.
package authorizer
