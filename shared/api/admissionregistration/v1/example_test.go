package admissionregistrationv1_test

import (
	"encoding/json"
	"fmt"

	admissionregistrationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admissionregistration/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// A validating webhook that sees every pod create, and rejects requests
// when it cannot be reached.
func Example() {
	url := "https://127.0.0.1:9443/validate"
	fail, none := admissionregistrationv1.Fail, admissionregistrationv1.SideEffectClassNone
	cfg := admissionregistrationv1.ValidatingWebhookConfiguration{
		TypeMeta:   metav1.TypeMeta{APIVersion: "admissionregistration.k8s.io/v1", Kind: "ValidatingWebhookConfiguration"},
		ObjectMeta: metav1.ObjectMeta{Name: "pod-policy"},
		Webhooks: []admissionregistrationv1.ValidatingWebhook{{
			Name:         "pod-policy.example.com",
			ClientConfig: admissionregistrationv1.WebhookClientConfig{URL: &url},
			Rules: []admissionregistrationv1.RuleWithOperations{{
				Operations: []admissionregistrationv1.OperationType{admissionregistrationv1.Create},
				Rule: admissionregistrationv1.Rule{
					APIGroups: []string{""}, APIVersions: []string{"v1"}, Resources: []string{"pods"},
				},
			}},
			FailurePolicy:           &fail,
			SideEffects:             &none,
			AdmissionReviewVersions: []string{"v1"},
		}},
	}
	out, _ := json.Marshal(cfg)
	fmt.Println(string(out))
	// Output:
	// {"kind":"ValidatingWebhookConfiguration","apiVersion":"admissionregistration.k8s.io/v1","metadata":{"name":"pod-policy"},"webhooks":[{"name":"pod-policy.example.com","clientConfig":{"url":"https://127.0.0.1:9443/validate"},"rules":[{"operations":["CREATE"],"apiGroups":[""],"apiVersions":["v1"],"resources":["pods"]}],"failurePolicy":"Fail","sideEffects":"None","admissionReviewVersions":["v1"]}]}
}
