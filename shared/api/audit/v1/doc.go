// Package auditv1 holds the Go types of the audit.k8s.io/v1 API group:
// Event, one line of the API server's audit log, and Policy, the file
// (--audit-policy-file) that says how much of each request to write down.
//
// The types mirror k8s.io/apiserver/pkg/apis/audit/v1 at Kubernetes
// v1.37: same JSON names, omitempty, pointers and field order, so a log
// written by this project's API server reads with upstream's tools and an
// upstream policy file loads here. Neither type is served by the API:
// events go to a log, the policy comes from a file.
//
// Usage:
//
//	policy := auditv1.Policy{
//		TypeMeta: metav1.TypeMeta{APIVersion: "audit.k8s.io/v1", Kind: "Policy"},
//		Rules: []auditv1.PolicyRule{
//			{Level: auditv1.LevelNone, NonResourceURLs: []string{"/healthz*"}},
//			{Level: auditv1.LevelRequestResponse, Resources: []auditv1.GroupResources{{Resources: []string{"pods"}}}},
//			{Level: auditv1.LevelMetadata},
//		},
//	}
//
// Talk 000, "Server side authentication" to "Admission controllers": the
// steps a request passes are the ones an Event records (who, what, the
// authorizer's decision in its annotations, the answer's status).
// stages/02-apiserver/audit writes the events.
//
// Kinds are registered once, in shared/scheme; this package registers
// nothing.
package auditv1
