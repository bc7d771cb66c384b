// Package authenticationv1 holds the Go types of the authentication.k8s.io/v1
// API group: TokenRequest (ask the API server for a service-account
// token), TokenReview (ask it whose a token is) and SelfSubjectReview (ask
// it who you are, `kubectl auth whoami`).
//
// The types mirror k8s.io/api/authentication/v1 at Kubernetes v1.37: same
// JSON names, omitempty, pointers and field order. None of them is
// stored: each is a question POSTed to the server and answered in the
// response's status.
//
// Usage:
//
//	seconds := int64(3600)
//	req := &authenticationv1.TokenRequest{
//		TypeMeta: metav1.TypeMeta{APIVersion: "authentication.k8s.io/v1", Kind: "TokenRequest"},
//		Spec: authenticationv1.TokenRequestSpec{
//			Audiences:         []string{"https://kubernetes.default.svc.cluster.local"},
//			ExpirationSeconds: &seconds,
//		},
//	}
//	// POST /api/v1/namespaces/default/serviceaccounts/builder/token
//	// answers with req.Status.Token and req.Status.ExpirationTimestamp.
//
// Talk 000, "Server side authentication", lists bearer tokens among what
// the server accepts; a service-account token is the kind the server
// issues itself (stages/02-apiserver/authentication/serviceaccount).
//
// Kinds are registered once, in shared/scheme; this package registers
// nothing.
package authenticationv1
