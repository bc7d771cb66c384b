// Package impersonation lets an authorized user act as another:
// kubectl --as=jane --as-group=developers sends Impersonate-User and
// Impersonate-Group headers, and the rest of the request chain sees jane.
//
//	handler = impersonation.WithImpersonation(handler, authz)
//
// Each header is a permission check, asked of the authorization chain
// with the verb "impersonate" (upstream's resources):
//
//	Impersonate-User: jane              -> users "jane" (API group "")
//	Impersonate-User: system:serviceaccount:ci:builder
//	                                    -> serviceaccounts "builder" in namespace ci
//	Impersonate-Group: developers       -> groups "developers" (API group "")
//	Impersonate-Uid: 1234               -> uids "1234" (authentication.k8s.io)
//	Impersonate-Extra-Scopes: view      -> userextras/scopes "view" (authentication.k8s.io)
//
// One refusal answers 403 with the upstream message, for example
// `users "jane" is forbidden: User "bob" cannot impersonate resource
// "users" in API group "" at the cluster scope`. When all are allowed the
// request continues as the new user: system:authenticated is added unless
// the caller named system:authenticated or system:unauthenticated itself
// (system:unauthenticated for system:anonymous), a service account gets
// its groups when no group was named, and the Impersonate-* headers are
// removed. Groups, uid or extras without a user are an error (500, as
// upstream answers).
//
// The filter runs after authentication and before authorization, so the
// request itself is then authorized as the impersonated user.
//
// Talk 001, "authN": the identity the later steps read from the request
// context is the one this filter leaves there.
package impersonation
