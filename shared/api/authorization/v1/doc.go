// Package authorizationv1 holds the Go types of the authorization.k8s.io/v1
// API group: the access reviews that ask the server "may this user do
// this?" without doing it.
//
// The types mirror k8s.io/api/authorization/v1 at Kubernetes v1.37: same
// JSON names, omitempty, pointers and field order. Four kinds, all
// create-only (the server answers in status and stores nothing):
//
//   - SubjectAccessReview: may user X (with groups G) do this? Asked by
//     components that delegate authorization, and sent by the apiserver to
//     an authorization webhook.
//   - LocalSubjectAccessReview: the same, limited to one namespace, so a
//     namespace admin may be allowed to ask it.
//   - SelfSubjectAccessReview: may I do this? (kubectl auth can-i)
//   - SelfSubjectRulesReview: what may I do in this namespace?
//     (kubectl auth can-i --list)
//
// Usage:
//
//	review := authorizationv1.SelfSubjectAccessReview{
//		TypeMeta: metav1.TypeMeta{APIVersion: "authorization.k8s.io/v1", Kind: "SelfSubjectAccessReview"},
//		Spec: authorizationv1.SelfSubjectAccessReviewSpec{
//			ResourceAttributes: &authorizationv1.ResourceAttributes{
//				Namespace: "default", Verb: "create", Resource: "pods",
//			},
//		},
//	}
//
// Talk 000, "Authorization chain": these are the questions each
// authorizer of the chain answers, written down as API objects.
//
// Left out: the alpha ConditionalAuthorization fields of v1.37
// (spec.authorizationOptions, status.conditionalDecision). Kinds are
// registered once, in shared/scheme; this package registers nothing.
package authorizationv1
