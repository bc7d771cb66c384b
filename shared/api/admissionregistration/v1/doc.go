// Package admissionregistrationv1 holds the Go types of the
// admissionregistration.k8s.io/v1 API group: the configurations that
// register dynamic admission webhooks with the API server.
//
// The types mirror k8s.io/api/admissionregistration/v1 at Kubernetes
// v1.37: same JSON names, omitempty, pointers and field order. The
// ValidatingAdmissionPolicy kinds of the same group (CEL) are not here.
//
// Usage:
//
//	url := "https://127.0.0.1:9443/validate"
//	fail, none := admissionregistrationv1.Fail, admissionregistrationv1.SideEffectClassNone
//	hook := admissionregistrationv1.ValidatingWebhook{
//		Name:         "pod-policy.example.com",
//		ClientConfig: admissionregistrationv1.WebhookClientConfig{URL: &url, CABundle: caPEM},
//		Rules: []admissionregistrationv1.RuleWithOperations{{
//			Operations: []admissionregistrationv1.OperationType{admissionregistrationv1.Create},
//			Rule: admissionregistrationv1.Rule{
//				APIGroups: []string{""}, APIVersions: []string{"v1"}, Resources: []string{"pods"},
//			},
//		}},
//		FailurePolicy:           &fail,
//		SideEffects:             &none,
//		AdmissionReviewVersions: []string{"v1"},
//	}
//
// Talk 000, "Initializers": the talk shows initializers, an alpha
// mechanism that let a controller hold an object before it became
// visible. Kubernetes removed them in 1.14; mutating and validating
// webhooks registered with these types replaced them. The plugins that
// call the webhooks live in stages/02-apiserver/admission/plugin/webhook.
//
// Kinds are registered once, in shared/scheme; this package registers
// nothing.
package admissionregistrationv1
