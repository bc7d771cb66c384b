// Package abac is the ABAC authorization mode: a policy file of JSON
// lines, each a Policy that allows matching requests.
//
//	{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"user": "alice", "namespace": "*", "resource": "*", "apiGroup": "*"}}
//	{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"group": "system:authenticated", "readonly": true, "nonResourcePath": "*"}}
//
// A request is allowed when one policy matches all of:
//
//   - the subject: spec.user is the user's name, or spec.group one of
//     the user's groups ("*" in either means every authenticated user);
//   - the verb: a readonly policy matches only get, list and watch;
//   - for a resource request, namespace, resource and apiGroup ("*" for
//     any; an empty namespace only matches cluster-scoped requests); for a
//     non-resource request, nonResourcePath ("*", exact, or a prefix
//     ending in "*").
//
// Nothing matches: no opinion, with the reason "No policy matched.".
// Changing the file needs a restart, which is why RBAC replaced ABAC.
//
//	policies, err := abac.NewFromFile("/etc/kubernetes/abac.jsonl")
//	d, reason, err := policies.Authorize(ctx, attrs)
//
// Lines are blank, comments starting with "#", or v1beta1 policies.
// Upstream also reads the unversioned policies of Kubernetes 1.0; this
// package refuses them and says how to fix the line.
//
// Talk 000, "Authorization chain": Attribute Based Access Control.
package abac
