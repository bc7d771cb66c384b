// Webhook configurations: which requests the API server sends to which
// HTTPS endpoint, and what it does when the endpoint fails.
//
// Interface:
//   - MutatingWebhookConfiguration and ValidatingWebhookConfiguration (with
//     their Lists): cluster-scoped objects holding a list of webhooks.
//   - MutatingWebhook and ValidatingWebhook: one endpoint each, with its
//     rules, selectors, failure policy, side effects and timeout; a
//     mutating webhook also has a reinvocation policy.
//   - WebhookClientConfig and ServiceReference: where the endpoint is and
//     which CA signs its serving certificate.
//   - MatchCondition: a CEL expression that narrows the match further.
//
// Which requests match a webhook is said by the rules in rule.go.
package admissionregistrationv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// MutatingWebhookConfiguration registers webhooks that may change an
// object before it is validated and stored.
type MutatingWebhookConfiguration struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Webhooks are called one after the other, in this order.
	Webhooks []MutatingWebhook `json:"webhooks,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
}

// MutatingWebhookConfigurationList is a list of
// MutatingWebhookConfigurations.
type MutatingWebhookConfigurationList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []MutatingWebhookConfiguration `json:"items"`
}

// ValidatingWebhookConfiguration registers webhooks that may only accept
// or reject an object, after it has passed validation.
type ValidatingWebhookConfiguration struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Webhooks are called in parallel; any rejection fails the request.
	Webhooks []ValidatingWebhook `json:"webhooks,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
}

// ValidatingWebhookConfigurationList is a list of
// ValidatingWebhookConfigurations.
type ValidatingWebhookConfigurationList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ValidatingWebhookConfiguration `json:"items"`
}

// ValidatingWebhook is one validating endpoint and the requests it sees.
type ValidatingWebhook struct {
	// Name is a fully qualified name ("pod-policy.example.com"), unique in
	// its configuration; rejection messages quote it.
	Name         string              `json:"name"`
	ClientConfig WebhookClientConfig `json:"clientConfig"`
	// Rules select requests by operation, group, version, resource and
	// scope; a request matching any rule is sent.
	Rules []RuleWithOperations `json:"rules,omitempty"`
	// FailurePolicy says what an unreachable or broken webhook means:
	// Fail (the default) rejects the request, Ignore lets it through.
	FailurePolicy *FailurePolicyType `json:"failurePolicy,omitempty"`
	// MatchPolicy Equivalent (the default) also sends requests for the
	// same resource in another group or version, converted.
	MatchPolicy *MatchPolicyType `json:"matchPolicy,omitempty"`
	// NamespaceSelector matches the labels of the request's namespace (of
	// the Namespace itself for namespaces); empty matches all.
	NamespaceSelector *metav1.LabelSelector `json:"namespaceSelector,omitempty"`
	// ObjectSelector matches the labels of the object or the old object;
	// empty matches all.
	ObjectSelector *metav1.LabelSelector `json:"objectSelector,omitempty"`
	// SideEffects is required in v1: None or NoneOnDryRun. Dry-run
	// requests are only sent to webhooks that declare one of them.
	SideEffects *SideEffectClass `json:"sideEffects"`
	// TimeoutSeconds bounds the call, 1 to 30; the default is 10.
	TimeoutSeconds *int32 `json:"timeoutSeconds,omitempty"`
	// AdmissionReviewVersions lists the AdmissionReview versions the
	// webhook understands, preferred first; the server sends the first it
	// knows ("v1").
	AdmissionReviewVersions []string `json:"admissionReviewVersions"`
	// MatchConditions are CEL expressions that must all be true for the
	// request to be sent.
	MatchConditions []MatchCondition `json:"matchConditions,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
}

// MutatingWebhook is one mutating endpoint. Its fields mean what
// ValidatingWebhook's do, plus ReinvocationPolicy.
type MutatingWebhook struct {
	Name                    string                `json:"name"`
	ClientConfig            WebhookClientConfig   `json:"clientConfig"`
	Rules                   []RuleWithOperations  `json:"rules,omitempty"`
	FailurePolicy           *FailurePolicyType    `json:"failurePolicy,omitempty"`
	MatchPolicy             *MatchPolicyType      `json:"matchPolicy,omitempty"`
	NamespaceSelector       *metav1.LabelSelector `json:"namespaceSelector,omitempty"`
	ObjectSelector          *metav1.LabelSelector `json:"objectSelector,omitempty"`
	SideEffects             *SideEffectClass      `json:"sideEffects"`
	TimeoutSeconds          *int32                `json:"timeoutSeconds,omitempty"`
	AdmissionReviewVersions []string              `json:"admissionReviewVersions"`
	// ReinvocationPolicy IfNeeded calls the webhook once more when a later
	// mutating plugin changed the object; Never (the default) does not.
	ReinvocationPolicy *ReinvocationPolicyType `json:"reinvocationPolicy,omitempty"`
	MatchConditions    []MatchCondition        `json:"matchConditions,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
}

// WebhookClientConfig says how to reach a webhook. Exactly one of URL and
// Service is set.
type WebhookClientConfig struct {
	// URL is "https://host:port/path"; no user, fragment or query.
	URL *string `json:"url,omitempty"`
	// Service is an in-cluster Service, called at
	// https://<name>.<namespace>.svc:<port><path>.
	Service *ServiceReference `json:"service,omitempty"`
	// CABundle is the PEM CA that signs the webhook's serving certificate;
	// empty means the server's system roots. Base64 in JSON.
	CABundle []byte `json:"caBundle,omitempty"`
}

// ServiceReference names the Service in front of a webhook.
type ServiceReference struct {
	Namespace string  `json:"namespace"`
	Name      string  `json:"name"`
	Path      *string `json:"path,omitempty"`
	// Port defaults to 443.
	Port *int32 `json:"port,omitempty"`
}

// MatchCondition is a named CEL expression over the request; the webhook
// is called only if every condition is true.
type MatchCondition struct {
	Name       string `json:"name"`
	Expression string `json:"expression"`
}

// FailurePolicyType says what a failed call means.
type FailurePolicyType string

// The failure policies.
const (
	// Ignore lets the request through when the webhook cannot be called.
	Ignore FailurePolicyType = "Ignore"
	// Fail rejects the request when the webhook cannot be called.
	Fail FailurePolicyType = "Fail"
)

// MatchPolicyType says whether a rule matches other versions of the same
// resource.
type MatchPolicyType string

// The match policies.
const (
	// Exact sends only requests that match a rule as written.
	Exact MatchPolicyType = "Exact"
	// Equivalent also sends requests for an equivalent resource (the same
	// object through another group or version), converted.
	Equivalent MatchPolicyType = "Equivalent"
)

// SideEffectClass says whether calling the webhook changes anything
// outside the request.
type SideEffectClass string

// The side effect classes. v1 accepts only None and NoneOnDryRun in new
// configurations.
const (
	SideEffectClassUnknown SideEffectClass = "Unknown"
	SideEffectClassNone    SideEffectClass = "None"
	SideEffectClassSome    SideEffectClass = "Some"
	// SideEffectClassNoneOnDryRun has side effects, but skips them when the
	// request's dryRun field is true.
	SideEffectClassNoneOnDryRun SideEffectClass = "NoneOnDryRun"
)

// ReinvocationPolicyType says whether a mutating webhook is called again.
type ReinvocationPolicyType string

// The reinvocation policies.
const (
	NeverReinvocationPolicy    ReinvocationPolicyType = "Never"
	IfNeededReinvocationPolicy ReinvocationPolicyType = "IfNeeded"
)
