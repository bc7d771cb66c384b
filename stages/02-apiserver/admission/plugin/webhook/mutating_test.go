package webhook

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	admissionv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admission/v1"
	admissionregistrationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admissionregistration/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
)

// patcher answers with a JSONPatch.
func patcher(patch string) func(*admissionv1.AdmissionRequest) *admissionv1.AdmissionResponse {
	return func(*admissionv1.AdmissionRequest) *admissionv1.AdmissionResponse {
		pt := admissionv1.PatchTypeJSONPatch
		return &admissionv1.AdmissionResponse{Allowed: true, Patch: []byte(patch), PatchType: &pt}
	}
}

func mutatingHook(name string, cc admissionregistrationv1.WebhookClientConfig) admissionregistrationv1.MutatingWebhook {
	fail := admissionregistrationv1.Fail
	return admissionregistrationv1.MutatingWebhook{
		Name: name, ClientConfig: cc, Rules: []admissionregistrationv1.RuleWithOperations{podRule},
		FailurePolicy: &fail, SideEffects: ptr(admissionregistrationv1.SideEffectClassNone),
		AdmissionReviewVersions: []string{"v1"},
	}
}

// Talk 000, "Admission controllers": a plugin may modify the request. Two
// mutating webhooks run in order; the second sees the first one's patch,
// and the object that goes on is the patched one, of the same Go type.
func TestMutatingAppliesPatchesInOrder(t *testing.T) {
	labeler := newFakeWebhook(t, patcher(`[{"op":"add","path":"/metadata/labels","value":{"team":"web"}}]`))
	sidecar := newFakeWebhook(t, patcher(`[{"op":"add","path":"/spec/containers/-","value":{"name":"proxy","image":"envoy"}}]`))
	configs := mutatingConfigs{
		// Listed out of order: configurations run sorted by name.
		{ObjectMeta: metav1.ObjectMeta{Name: "b-sidecar"}, Webhooks: []admissionregistrationv1.MutatingWebhook{mutatingHook("sidecar.example.com", sidecar.clientConfig("/"))}},
		{ObjectMeta: metav1.ObjectMeta{Name: "a-labels"}, Webhooks: []admissionregistrationv1.MutatingWebhook{mutatingHook("labels.example.com", labeler.clientConfig("/"))}},
	}
	m, err := NewMutating(configs, (&recorder{}).config(namespaces{"team": {}}))
	if err != nil {
		t.Fatal(err)
	}
	a := createPod(testPod(nil))
	original := a.Object
	if err := m.Admit(context.Background(), a); err != nil {
		t.Fatalf("Admit = %v", err)
	}

	pod, ok := a.Object.(*corev1.Pod)
	if !ok {
		t.Fatalf("patched object is a %T, want *corev1.Pod", a.Object)
	}
	if pod.Labels["team"] != "web" || len(pod.Spec.Containers) != 2 || pod.Spec.Containers[1].Name != "proxy" {
		t.Errorf("patched pod: labels %v, containers %+v; want team=web and a proxy container", pod.Labels, pod.Spec.Containers)
	}
	if original.GetObjectMeta().Labels != nil {
		t.Error("the original object was changed; patches must apply to a copy")
	}
	if !strings.Contains(string(sidecar.last().Object), `"team":"web"`) {
		t.Errorf("second webhook saw %s, want the first one's label", sidecar.last().Object)
	}
	want := map[string]string{
		"mutation.webhook.admission.k8s.io/round_0_index_0": `{"configuration":"a-labels","mutated":true,"webhook":"labels.example.com"}`,
		"mutation.webhook.admission.k8s.io/round_0_index_1": `{"configuration":"b-sidecar","mutated":true,"webhook":"sidecar.example.com"}`,
	}
	if diff := cmp.Diff(want, a.Annotations); diff != "" {
		t.Errorf("audit annotations (-want +got):\n%s", diff)
	}
}

// A patch that does not apply is the server's problem to report (500); a
// patch type other than JSONPatch is a broken answer, so the failure
// policy decides.
func TestMutatingBadPatches(t *testing.T) {
	tests := []struct {
		name   string
		answer func(*admissionv1.AdmissionRequest) *admissionv1.AdmissionResponse
		want   string
	}{
		{"a patch that does not apply", patcher(`[{"op":"replace","path":"/spec/nodeName/x","value":"n"}]`),
			`Internal error occurred: webhook "m.example.com": apply the JSONPatch: `},
		{"an unknown patch type", func(*admissionv1.AdmissionRequest) *admissionv1.AdmissionResponse {
			pt := admissionv1.PatchType("MergePatch")
			return &admissionv1.AdmissionResponse{Allowed: true, Patch: []byte(`{}`), PatchType: &pt}
		}, `Internal error occurred: failed calling webhook "m.example.com": unsupported patch type "MergePatch"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hook := newFakeWebhook(t, tc.answer)
			configs := mutatingConfigs{{ObjectMeta: metav1.ObjectMeta{Name: "c"},
				Webhooks: []admissionregistrationv1.MutatingWebhook{mutatingHook("m.example.com", hook.clientConfig("/"))}}}
			m, err := NewMutating(configs, (&recorder{}).config(namespaces{"team": {}}))
			if err != nil {
				t.Fatal(err)
			}
			err = m.Admit(context.Background(), createPod(testPod(nil)))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("Admit = %v, want %s...", err, tc.want)
			}
		})
	}
}

// Both plugins register under upstream's names and take the namespace
// reader from admission.Config when their settings have none.
func TestRegister(t *testing.T) {
	var plugins admission.Plugins
	RegisterMutating(&plugins, mutatingConfigs{}, Config{})
	RegisterValidating(&plugins, validatingConfigs{}, Config{})
	for _, name := range []string{MutatingPluginName, ValidatingPluginName} {
		p, err := plugins.New(name, admission.Config{Namespaces: namespaces{}})
		if err != nil {
			t.Fatalf("New(%s): %v", name, err)
		}
		if p.Name() != name {
			t.Errorf("Name() = %q, want %q", p.Name(), name)
		}
		if _, err := plugins.New(name, admission.Config{}); err == nil {
			t.Errorf("New(%s) without a namespace reader succeeded, want an error", name)
		}
	}
}
