package webhook_test

import (
	"context"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"

	admissionv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admission/v1"
	admissionregistrationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admissionregistration/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/plugin/webhook"
)

type configs []*admissionregistrationv1.ValidatingWebhookConfiguration

func (c configs) ListValidatingWebhookConfigurations(context.Context) ([]*admissionregistrationv1.ValidatingWebhookConfiguration, error) {
	return c, nil
}

type noLabels struct{}

func (noLabels) GetNamespace(_ context.Context, name string) (*corev1.Namespace, error) {
	return &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}, nil
}

// A validating webhook that rejects pods without an owner label. The
// client sees the webhook's message behind upstream's prefix.
func Example() {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var review admissionv1.AdmissionReview
		_ = json.NewDecoder(r.Body).Decode(&review)
		var pod corev1.Pod
		_ = json.Unmarshal(review.Request.Object, &pod)
		resp := &admissionv1.AdmissionResponse{UID: review.Request.UID, Allowed: pod.Labels["owner"] != ""}
		if !resp.Allowed {
			resp.Result = &metav1.Status{Code: 403, Message: "pods need an owner label"}
		}
		review.Request, review.Response = nil, resp
		_ = json.NewEncoder(w).Encode(review)
	}))
	defer srv.Close()

	url := srv.URL + "/validate"
	ca := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	none := admissionregistrationv1.SideEffectClassNone
	cfg := &admissionregistrationv1.ValidatingWebhookConfiguration{
		ObjectMeta: metav1.ObjectMeta{Name: "owners"},
		Webhooks: []admissionregistrationv1.ValidatingWebhook{{
			Name:         "owners.example.com",
			ClientConfig: admissionregistrationv1.WebhookClientConfig{URL: &url, CABundle: ca},
			Rules: []admissionregistrationv1.RuleWithOperations{{
				Operations: []admissionregistrationv1.OperationType{admissionregistrationv1.Create},
				Rule: admissionregistrationv1.Rule{
					APIGroups: []string{""}, APIVersions: []string{"v1"}, Resources: []string{"pods"},
				},
			}},
			SideEffects:             &none,
			AdmissionReviewVersions: []string{"v1"},
		}},
	}
	plugin, _ := webhook.NewValidating(configs{cfg}, webhook.Config{Namespaces: noLabels{}})

	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"}}
	err := plugin.Validate(context.Background(), &admission.Attributes{
		Operation: admission.Create,
		Kind:      metav1.GroupVersionKind{Version: "v1", Kind: "Pod"},
		Resource:  metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
		Namespace: "default", Name: "web", Object: pod,
	})
	fmt.Println(err)
	// Output:
	// admission webhook "owners.example.com" denied the request: pods need an owner label
}
