package webhook

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	admissionv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admission/v1"
	admissionregistrationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admissionregistration/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// Talk 000, "Initializers": the talk's dynamic, context-specific admission
// became webhooks. The webhook receives an AdmissionReview describing the
// write, and its warnings and audit annotations come back.
func TestValidatingAllowSendsTheReview(t *testing.T) {
	hook := newFakeWebhook(t, func(*admissionv1.AdmissionRequest) *admissionv1.AdmissionResponse {
		return &admissionv1.AdmissionResponse{
			Allowed:          true,
			Warnings:         []string{"image nginx has no tag"},
			AuditAnnotations: map[string]string{"checked": "true"},
		}
	})
	rec := &recorder{}
	v := validating(t, rec, namespaces{"team": {}}, validatingHook("policy.example.com", hook.clientConfig("/validate"), admissionregistrationv1.Fail))
	a := createPod(testPod(nil))
	if err := v.Validate(context.Background(), a); err != nil {
		t.Fatalf("Validate = %v, want allowed", err)
	}

	req := hook.last()
	if req.UID == "" {
		t.Error("request uid is empty")
	}
	want := admissionv1.AdmissionRequest{
		UID:             req.UID,
		Kind:            metav1.GroupVersionKind{Version: "v1", Kind: "Pod"},
		Resource:        metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
		RequestKind:     &metav1.GroupVersionKind{Version: "v1", Kind: "Pod"},
		RequestResource: &metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
		Name:            "web",
		Namespace:       "team",
		Operation:       admissionv1.Create,
		UserInfo:        admissionv1.UserInfo{Username: "alice", UID: "u-1", Groups: []string{"dev", "system:authenticated"}},
		DryRun:          ptr(false),
		Options:         json.RawMessage(`{"kind":"CreateOptions","apiVersion":"meta.k8s.io/v1"}`),
		Object:          req.Object,
	}
	if diff := cmp.Diff(want, *req); diff != "" {
		t.Errorf("request (-want +got):\n%s", diff)
	}
	if !strings.Contains(string(req.Object), `"name":"web"`) || req.OldObject != nil {
		t.Errorf("object = %s, oldObject = %s; want the pod and no old object", req.Object, req.OldObject)
	}
	if diff := cmp.Diff([]string{"image nginx has no tag"}, rec.warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if got := a.Annotations["policy.example.com/checked"]; got != "true" {
		t.Errorf("audit annotation policy.example.com/checked = %q, want true", got)
	}
}

// A webhook's "no" becomes the client's error: upstream's prefix, then
// the webhook's message (or "without explanation"), with its code if it
// gave an error code and 400 otherwise.
func TestValidatingDeny(t *testing.T) {
	tests := []struct {
		name     string
		result   *metav1.Status
		wantMsg  string
		wantCode int32
	}{
		{"message and code", &metav1.Status{Code: 403, Message: "pods need an owner label"},
			`admission webhook "policy.example.com" denied the request: pods need an owner label`, 403},
		{"reason only", &metav1.Status{Reason: "NoOwner"},
			`admission webhook "policy.example.com" denied the request: NoOwner`, 400},
		{"nothing", nil,
			`admission webhook "policy.example.com" denied the request without explanation`, 400},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hook := newFakeWebhook(t, func(*admissionv1.AdmissionRequest) *admissionv1.AdmissionResponse {
				return &admissionv1.AdmissionResponse{Allowed: false, Result: tc.result}
			})
			v := validating(t, &recorder{}, namespaces{"team": {}}, validatingHook("policy.example.com", hook.clientConfig("/"), admissionregistrationv1.Fail))
			err := v.Validate(context.Background(), createPod(testPod(nil)))
			if err == nil || err.Error() != tc.wantMsg {
				t.Fatalf("Validate = %v, want %s", err, tc.wantMsg)
			}
			if code := apierrors.StatusFor(err).Code; code != tc.wantCode {
				t.Errorf("code = %d, want %d", code, tc.wantCode)
			}
		})
	}
}

// A webhook that answers too late, with a certificate the caBundle does
// not trust, or with a reply that is not this review's answer, gave no
// usable answer: failurePolicy Fail rejects with a 500, Ignore lets the
// request through and says so in the audit event.
func TestValidatingCallFailures(t *testing.T) {
	slow := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Read the body first: only then does the server notice the caller
		// hanging up and cancel r.Context().
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	t.Cleanup(slow.Close)
	slowConfig := func() admissionregistrationv1.WebhookClientConfig {
		url := slow.URL + "/slow"
		return admissionregistrationv1.WebhookClientConfig{URL: &url, CABundle: newFakeWebhook(t, allow).ca}
	}
	good := newFakeWebhook(t, allow)
	wrongUID := newFakeWebhook(t, func(*admissionv1.AdmissionRequest) *admissionv1.AdmissionResponse {
		return &admissionv1.AdmissionResponse{UID: "not-this-one", Allowed: true}
	})
	noResponse := newFakeWebhook(t, func(*admissionv1.AdmissionRequest) *admissionv1.AdmissionResponse { return nil })
	badCA := good.clientConfig("/")
	badCA.CABundle = strangerCA(t)
	tests := []struct {
		name   string
		cc     admissionregistrationv1.WebhookClientConfig
		wantIn []string // substrings of the Fail error, in order
	}{
		{"timeout", slowConfig(), []string{
			`Internal error occurred: failed calling webhook "w.example.com": failed to call webhook: Post "` + slow.URL + `/slow?timeout=1s": `,
			"context deadline exceeded"}},
		{"certificate not signed by the caBundle", badCA, []string{
			`failed calling webhook "w.example.com": failed to call webhook: Post "`, "certificate signed by unknown authority"}},
		{"an answer to another review", wrongUID.clientConfig("/"), []string{
			`failed calling webhook "w.example.com": received invalid webhook response: expected response.uid=`, `got "not-this-one"`}},
		{"a review without a response", noResponse.clientConfig("/"), []string{
			`received invalid webhook response: webhook response was absent`}},
	}
	for _, tc := range tests {
		t.Run(tc.name+", Fail", func(t *testing.T) {
			v := validating(t, &recorder{}, namespaces{"team": {}}, validatingHook("w.example.com", tc.cc, admissionregistrationv1.Fail))
			start := time.Now()
			err := v.Validate(context.Background(), createPod(testPod(nil)))
			if err == nil {
				t.Fatal("Validate = nil, want the failed call to reject")
			}
			rest := err.Error()
			for _, part := range tc.wantIn {
				i := strings.Index(rest, part)
				if i < 0 {
					t.Fatalf("error %q\nlacks %q", err, part)
				}
				rest = rest[i+len(part):]
			}
			if code := apierrors.StatusFor(err).Code; code != 500 {
				t.Errorf("code = %d, want 500", code)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %s, want the 1s timeout to bound it", d)
			}
		})
		t.Run(tc.name+", Ignore", func(t *testing.T) {
			v := validating(t, &recorder{}, namespaces{"team": {}}, validatingHook("w.example.com", tc.cc, admissionregistrationv1.Ignore))
			a := createPod(testPod(nil))
			if err := v.Validate(context.Background(), a); err != nil {
				t.Fatalf("Validate = %v, want the failure ignored", err)
			}
			if got := a.Annotations["failed-open.validating.webhook.admission.k8s.io/round_0_index_0"]; got != "w.example.com" {
				t.Errorf("failed-open annotation = %q, want the webhook's name", got)
			}
		})
	}
}

// A webhook behind a Service cannot be reached before stage 6; the error
// says so and what to use instead. matchConditions (CEL) are refused the
// same way rather than ignored.
func TestValidatingUnsupportedConfigs(t *testing.T) {
	service := admissionregistrationv1.WebhookClientConfig{Service: &admissionregistrationv1.ServiceReference{Namespace: "policy", Name: "checker"}}
	conditions := validatingHook("cel.example.com", newFakeWebhook(t, allow).clientConfig("/"), admissionregistrationv1.Fail)
	conditions.MatchConditions = []admissionregistrationv1.MatchCondition{{Name: "x", Expression: "true"}}
	tests := []struct {
		name string
		hook admissionregistrationv1.ValidatingWebhook
		want string
	}{
		{"service", validatingHook("svc.example.com", service, admissionregistrationv1.Fail),
			`Internal error occurred: failed calling webhook "svc.example.com": clientConfig.service policy/checker cannot be reached: ` +
				`this API server has no route to cluster Services (that arrives in stage 6); use clientConfig.url`},
		{"matchConditions", conditions,
			`Internal error occurred: failed calling webhook "cel.example.com": matchConditions are not supported by this API server (they need CEL): ` +
				`remove them from the webhook, or narrow its rules and selectors instead`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := validating(t, &recorder{}, namespaces{"team": {}}, tc.hook)
			err := v.Validate(context.Background(), createPod(testPod(nil)))
			if err == nil || err.Error() != tc.want {
				t.Errorf("Validate =\n %v\nwant\n %s", err, tc.want)
			}
		})
	}
}

// A dry run reaches only webhooks without side effects, with dryRun true;
// one that may have side effects fails the request with a 400.
func TestValidatingDryRun(t *testing.T) {
	hook := newFakeWebhook(t, allow)
	safe := validatingHook("safe.example.com", hook.clientConfig("/"), admissionregistrationv1.Fail)
	a := createPod(testPod(nil))
	a.DryRun = true
	if err := validating(t, &recorder{}, namespaces{"team": {}}, safe).Validate(context.Background(), a); err != nil {
		t.Fatalf("Validate(dry run, sideEffects None) = %v", err)
	}
	if req := hook.last(); req.DryRun == nil || !*req.DryRun || !strings.Contains(string(req.Options), `"dryRun":["All"]`) {
		t.Errorf("dryRun = %v, options = %s; want true and dryRun [All]", req.DryRun, req.Options)
	}

	unsafe := validatingHook("unsafe.example.com", hook.clientConfig("/"), admissionregistrationv1.Fail)
	unsafe.SideEffects = ptr(admissionregistrationv1.SideEffectClassSome)
	err := validating(t, &recorder{}, namespaces{"team": {}}, unsafe).Validate(context.Background(), a)
	if err == nil || err.Error() != `admission webhook "unsafe.example.com" does not support dry run` || apierrors.StatusFor(err).Code != 400 {
		t.Errorf("Validate(dry run, sideEffects Some) = %v, want a 400 refusing the dry run", err)
	}
	if hook.calls() != 1 {
		t.Errorf("webhook calls = %d, want 1 (the unsafe webhook must not be called)", hook.calls())
	}
}
