// Configuration of the two webhook plugins, and the webhook as they see
// it.
//
// Interface:
//   - Config: what both plugins need besides their configurations
//     (namespace labels, service resolution, warnings). Audit
//     annotations go to Attributes.AddAnnotation.
//   - MutatingLister and ValidatingLister: what the server's storage must
//     answer, one method each.
//   - hook: a MutatingWebhook or ValidatingWebhook with its defaults
//     applied, the one shape matching (match.go) and calling (call.go)
//     work on.
package webhook

import (
	"context"
	"net/url"
	"sort"
	"time"

	admissionregistrationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admissionregistration/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
)

// MutatingLister returns every MutatingWebhookConfiguration. It is called
// once per admitted request, so it should read a cache.
type MutatingLister interface {
	ListMutatingWebhookConfigurations(ctx context.Context) ([]*admissionregistrationv1.MutatingWebhookConfiguration, error)
}

// ValidatingLister returns every ValidatingWebhookConfiguration, like
// MutatingLister.
type ValidatingLister interface {
	ListValidatingWebhookConfigurations(ctx context.Context) ([]*admissionregistrationv1.ValidatingWebhookConfiguration, error)
}

// Config holds what both plugins need besides their configurations.
type Config struct {
	// Namespaces is required: a namespaceSelector needs the labels of the
	// request's namespace.
	Namespaces admission.NamespaceLister
	// ResolveService turns clientConfig.service into the URL to call. nil
	// means services cannot be reached: the API server has no route into
	// the cluster network until stage 6, so such a webhook fails (and its
	// failurePolicy decides).
	ResolveService func(namespace, name string, port int32) (*url.URL, error)
	// Warn delivers a warning to the client (a Warning header); nil drops
	// warnings. admission.Attributes has no place for them yet.
	Warn func(ctx context.Context, text string)
}

// withNamespaces fills settings.Namespaces from the registry's Config
// when it is unset; settings itself is not changed.
func withNamespaces(settings Config, cfg admission.Config) Config {
	if settings.Namespaces == nil {
		settings.Namespaces = cfg.Namespaces
	}
	return settings
}

// defaultTimeout bounds a call when the webhook sets no timeoutSeconds.
const defaultTimeout = 10 * time.Second

// hook is one webhook with its defaults applied: failurePolicy Fail,
// timeout 10s, empty selectors matching everything.
type hook struct {
	// configuration names the WebhookConfiguration the webhook is in.
	configuration                     string
	name                              string
	clientConfig                      admissionregistrationv1.WebhookClientConfig
	rules                             []admissionregistrationv1.RuleWithOperations
	failurePolicy                     admissionregistrationv1.FailurePolicyType
	namespaceSelector, objectSelector *metav1.LabelSelector
	sideEffects                       admissionregistrationv1.SideEffectClass
	timeout                           time.Duration
	// matchConditions counts the CEL conditions, which are not evaluated.
	matchConditions int
}

// newHook applies the defaults upstream's API server sets on create. A
// mutating webhook is passed through asValidating: the fields the two
// share are all a hook needs.
func newHook(configuration string, w admissionregistrationv1.ValidatingWebhook) hook {
	h := hook{
		configuration: configuration, name: w.Name, clientConfig: w.ClientConfig, rules: w.Rules,
		failurePolicy:     admissionregistrationv1.Fail,
		namespaceSelector: w.NamespaceSelector, objectSelector: w.ObjectSelector,
		sideEffects:     admissionregistrationv1.SideEffectClassUnknown,
		timeout:         defaultTimeout,
		matchConditions: len(w.MatchConditions),
	}
	if w.FailurePolicy != nil {
		h.failurePolicy = *w.FailurePolicy
	}
	if w.SideEffects != nil {
		h.sideEffects = *w.SideEffects
	}
	if w.TimeoutSeconds != nil && *w.TimeoutSeconds > 0 {
		h.timeout = time.Duration(*w.TimeoutSeconds) * time.Second
	}
	return h
}

// asValidating drops what only a mutating webhook has (its reinvocation
// policy, left out here).
func asValidating(w admissionregistrationv1.MutatingWebhook) admissionregistrationv1.ValidatingWebhook {
	return admissionregistrationv1.ValidatingWebhook{
		Name: w.Name, ClientConfig: w.ClientConfig, Rules: w.Rules, FailurePolicy: w.FailurePolicy,
		MatchPolicy: w.MatchPolicy, NamespaceSelector: w.NamespaceSelector, ObjectSelector: w.ObjectSelector,
		SideEffects: w.SideEffects, TimeoutSeconds: w.TimeoutSeconds,
		AdmissionReviewVersions: w.AdmissionReviewVersions, MatchConditions: w.MatchConditions,
	}
}

// mutatingHooks flattens configurations into hooks, configurations sorted
// by name and webhooks in their written order: the order they are called.
func mutatingHooks(configs []*admissionregistrationv1.MutatingWebhookConfiguration) []hook {
	sort.Slice(configs, func(i, j int) bool { return configs[i].Name < configs[j].Name })
	var out []hook
	for _, c := range configs {
		for _, w := range c.Webhooks {
			out = append(out, newHook(c.Name, asValidating(w)))
		}
	}
	return out
}

// validatingHooks is mutatingHooks for validating configurations.
func validatingHooks(configs []*admissionregistrationv1.ValidatingWebhookConfiguration) []hook {
	sort.Slice(configs, func(i, j int) bool { return configs[i].Name < configs[j].Name })
	var out []hook
	for _, c := range configs {
		for _, w := range c.Webhooks {
			out = append(out, newHook(c.Name, w))
		}
	}
	return out
}
