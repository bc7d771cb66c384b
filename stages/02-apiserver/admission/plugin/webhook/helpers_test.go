package webhook

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	admissionv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admission/v1"
	admissionregistrationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admissionregistration/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// fakeWebhook is an HTTPS admission webhook for tests: answer decides,
// every request is kept.
type fakeWebhook struct {
	srv *httptest.Server
	// ca is the PEM of the server's self-signed certificate, for caBundle.
	ca []byte

	mu       sync.Mutex
	requests []*admissionv1.AdmissionRequest
}

// newFakeWebhook starts a TLS server that decodes each AdmissionReview and
// replies with answer's response, its uid set to the request's unless
// answer set one.
func newFakeWebhook(t *testing.T, answer func(*admissionv1.AdmissionRequest) *admissionv1.AdmissionResponse) *fakeWebhook {
	t.Helper()
	f := &fakeWebhook{}
	f.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var review admissionv1.AdmissionReview
		if err := json.NewDecoder(r.Body).Decode(&review); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		f.mu.Lock()
		f.requests = append(f.requests, review.Request)
		f.mu.Unlock()
		// A nil answer replies with a review that has no response.
		resp := answer(review.Request)
		if resp != nil && resp.UID == "" {
			resp.UID = review.Request.UID
		}
		review.Request, review.Response = nil, resp
		_ = json.NewEncoder(w).Encode(review)
	}))
	t.Cleanup(f.srv.Close)
	f.ca = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: f.srv.Certificate().Raw})
	return f
}

func (f *fakeWebhook) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.requests)
}

func (f *fakeWebhook) last() *admissionv1.AdmissionRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests[len(f.requests)-1]
}

// clientConfig points at the fake webhook's path, trusting its CA.
func (f *fakeWebhook) clientConfig(path string) admissionregistrationv1.WebhookClientConfig {
	url := f.srv.URL + path
	return admissionregistrationv1.WebhookClientConfig{URL: &url, CABundle: f.ca}
}

// strangerCA returns the PEM of a fresh self-signed CA that signed none
// of the fake webhooks' certificates (they all share httptest's).
func strangerCA(t *testing.T) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "stranger-ca"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

func allow(*admissionv1.AdmissionRequest) *admissionv1.AdmissionResponse {
	return &admissionv1.AdmissionResponse{Allowed: true}
}

// validatingConfigs and mutatingConfigs are listers over fixed
// configurations.
type validatingConfigs []*admissionregistrationv1.ValidatingWebhookConfiguration

func (c validatingConfigs) ListValidatingWebhookConfigurations(context.Context) ([]*admissionregistrationv1.ValidatingWebhookConfiguration, error) {
	return c, nil
}

type mutatingConfigs []*admissionregistrationv1.MutatingWebhookConfiguration

func (c mutatingConfigs) ListMutatingWebhookConfigurations(context.Context) ([]*admissionregistrationv1.MutatingWebhookConfiguration, error) {
	return c, nil
}

// namespaces is an admission.NamespaceLister over namespace labels.
type namespaces map[string]map[string]string

func (n namespaces) GetNamespace(_ context.Context, name string) (*corev1.Namespace, error) {
	labels, ok := n[name]
	if !ok {
		return nil, errors.New("not found")
	}
	return &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels}}, nil
}

// recorder collects warnings.
type recorder struct {
	mu       sync.Mutex
	warnings []string
}

func (r *recorder) config(ns namespaces) Config {
	return Config{
		Namespaces: ns,
		Warn: func(_ context.Context, text string) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.warnings = append(r.warnings, text)
		},
	}
}

// podRule matches pod creates and updates in the core group.
var podRule = admissionregistrationv1.RuleWithOperations{
	Operations: []admissionregistrationv1.OperationType{admissionregistrationv1.Create, admissionregistrationv1.Update},
	Rule:       admissionregistrationv1.Rule{APIGroups: []string{""}, APIVersions: []string{"v1"}, Resources: []string{"pods"}},
}

func ptr[T any](v T) *T { return &v }

// validatingHook is a webhook on podRule with the given failure policy
// and a one-second timeout.
func validatingHook(name string, cc admissionregistrationv1.WebhookClientConfig, fp admissionregistrationv1.FailurePolicyType) admissionregistrationv1.ValidatingWebhook {
	return admissionregistrationv1.ValidatingWebhook{
		Name: name, ClientConfig: cc, Rules: []admissionregistrationv1.RuleWithOperations{podRule},
		FailurePolicy: &fp, SideEffects: ptr(admissionregistrationv1.SideEffectClassNone),
		TimeoutSeconds: ptr(int32(1)), AdmissionReviewVersions: []string{"v1"},
	}
}

func validating(t *testing.T, rec *recorder, ns namespaces, hooks ...admissionregistrationv1.ValidatingWebhook) *Validating {
	t.Helper()
	cfg := &admissionregistrationv1.ValidatingWebhookConfiguration{ObjectMeta: metav1.ObjectMeta{Name: "test"}, Webhooks: hooks}
	v, err := NewValidating(validatingConfigs{cfg}, rec.config(ns))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

var alice = user.Info{Name: "alice", UID: "u-1", Groups: []string{"dev", user.AllAuthenticated}}

func testPod(labels map[string]string) *corev1.Pod {
	return &corev1.Pod{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "team", Labels: labels},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "nginx"}}},
	}
}

// createPod is the attributes of creating pod web in namespace team.
func createPod(pod *corev1.Pod) *admission.Attributes {
	return &admission.Attributes{
		Operation: admission.Create,
		Kind:      metav1.GroupVersionKind{Version: "v1", Kind: "Pod"},
		Resource:  metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
		Namespace: pod.Namespace, Name: pod.Name, Object: pod, User: alice,
	}
}
