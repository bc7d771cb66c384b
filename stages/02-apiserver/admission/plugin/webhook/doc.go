// Package webhook holds the MutatingAdmissionWebhook and
// ValidatingAdmissionWebhook plugins: admission decided outside the API
// server, by HTTPS endpoints registered in
// MutatingWebhookConfiguration and ValidatingWebhookConfiguration objects
// (shared/api/admissionregistration/v1).
//
// For each write, a plugin lists the configurations, keeps the webhooks
// whose rules, namespaceSelector and objectSelector match, and POSTs each
// an AdmissionReview (shared/api/admission/v1) with the object, the old
// object and the user. A mutating webhook may answer with a JSONPatch,
// applied before the next webhook is called; any webhook may reject, and
// its message reaches the client as
// `admission webhook "<name>" denied the request: <message>`. A webhook
// that cannot be reached, times out (timeoutSeconds, default 10) or
// answers nonsense is subject to its failurePolicy: Fail rejects the
// request (500), Ignore lets it through.
//
// Usage:
//
//	mutating, err := webhook.NewMutating(mutatingConfigLister, webhook.Config{
//		Namespaces: namespaceGetter,
//		Warn:       addWarningHeader,
//	})
//	err = mutating.Admit(ctx, attrs) // attrs.Object may now be the patched copy
//
// Talk 000, "Initializers": the talk holds new objects back until
// initializer controllers have processed them. Initializers never left
// alpha and were removed in Kubernetes 1.14; mutating webhooks took over
// their job (change an object before anyone sees it), validating
// webhooks the rejecting half.
//
// Not implemented, each said where it matters: matchConditions (CEL; a
// webhook that has them fails, subject to its failurePolicy),
// matchPolicy Equivalent (objects are sent as stored, never converted),
// reinvocationPolicy IfNeeded, and clientConfig.service until the
// cluster network exists (stage 6; Config.ResolveService is the hook).
package webhook
