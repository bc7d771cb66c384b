package admissionregistrationv1

import (
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/api/internal/apitest"
)

// A validating configuration as the API server stores it decodes with no
// unknown field (rules inline their Rule, selectors, matchConditions) and
// encodes to the same document.
func TestValidatingWebhookConfigurationRoundTrip(t *testing.T) {
	var cfg ValidatingWebhookConfiguration
	apitest.RoundTrip(t, "validatingwebhookconfiguration.json", &cfg)
	hook := cfg.Webhooks[0]
	if got := hook.Rules[0].Resources[1]; got != "pods/ephemeralcontainers" {
		t.Errorf("rules[0].resources[1] = %q, want the inline Rule's field", got)
	}
	if got := string(hook.ClientConfig.CABundle); got != "-----BEGIN CERTIFICATE-----\n" {
		t.Errorf("caBundle = %q, want the base64 decoded PEM", got)
	}
	if *hook.FailurePolicy != Fail || *hook.SideEffects != SideEffectClassNone {
		t.Errorf("failurePolicy, sideEffects = %s, %s", *hook.FailurePolicy, *hook.SideEffects)
	}
}

// A mutating configuration that points at a Service round-trips too, with
// its reinvocation policy.
func TestMutatingWebhookConfigurationRoundTrip(t *testing.T) {
	var cfg MutatingWebhookConfiguration
	apitest.RoundTrip(t, "mutatingwebhookconfiguration.json", &cfg)
	hook := cfg.Webhooks[0]
	if svc := hook.ClientConfig.Service; svc == nil || *svc.Port != 8443 || *svc.Path != "/mutate" {
		t.Errorf("clientConfig.service = %+v, want injector/sidecar:8443/mutate", svc)
	}
	if *hook.ReinvocationPolicy != IfNeededReinvocationPolicy {
		t.Errorf("reinvocationPolicy = %s", *hook.ReinvocationPolicy)
	}
}

// sideEffects and admissionReviewVersions have no omitempty upstream: an
// empty webhook still writes them, as null.
func TestEmptyWebhookShape(t *testing.T) {
	apitest.MarshalsTo(t, ValidatingWebhook{},
		`{"name":"","clientConfig":{},"sideEffects":null,"admissionReviewVersions":null}`)
	apitest.MarshalsTo(t, MutatingWebhookConfigurationList{}, `{"metadata":{},"items":null}`)
}
