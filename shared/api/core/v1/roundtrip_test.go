package corev1

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// decodeStrict decodes data into obj and fails on any field obj does not
// have, the way the API server's strict decoding (stage 2) reports unknown
// fields.
func decodeStrict(t *testing.T, data []byte, obj any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(obj); err != nil {
		t.Fatalf("strict decode into %T: %v", obj, err)
	}
}

// sameJSON fails unless want and got hold the same JSON document, ignoring
// key order and white space but not null versus absent.
func sameJSON(t *testing.T, want, got []byte) {
	t.Helper()
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("decode want: %v", err)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("decode got: %v", err)
	}
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("JSON differs after a round trip (-want +got):\n%s", diff)
	}
}

// Talk 002, "Declarative syntax": an object read back from the API
// server decodes into these types with no unknown field, and encodes to
// the same document, so nothing a client sent is lost or invented.
func TestRoundTrip(t *testing.T) {
	tests := []struct {
		file string
		obj  any
	}{
		{file: "pod.json", obj: &Pod{}},
		{file: "node.json", obj: &Node{}},
		{file: "service.json", obj: &Service{}},
		{file: "service-loadbalancer.json", obj: &Service{}},
		{file: "endpoints.json", obj: &Endpoints{}},
		{file: "event.json", obj: &Event{}},
		{file: "event-series.json", obj: &Event{}},
		{file: "configmap.json", obj: &ConfigMap{}},
		{file: "secret.json", obj: &Secret{}},
		{file: "namespace.json", obj: &Namespace{}},
		{file: "serviceaccount.json", obj: &ServiceAccount{}},
		{file: "binding.json", obj: &Binding{}},
		{file: "persistentvolume.json", obj: &PersistentVolume{}},
		{file: "persistentvolumeclaim.json", obj: &PersistentVolumeClaim{}},
		{file: "limitrange.json", obj: &LimitRange{}},
		{file: "resourcequota.json", obj: &ResourceQuota{}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			decodeStrict(t, data, tc.obj)
			out, err := json.Marshal(tc.obj)
			if err != nil {
				t.Fatalf("encode %T: %v", tc.obj, err)
			}
			sameJSON(t, data, out)
		})
	}
}

// Spot checks that the decoded pod holds typed values, not just the same
// bytes: a named port, a quantity, a time and a deep pointer.
func TestRoundTripPodValues(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "pod.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pod Pod
	decodeStrict(t, data, &pod)

	web := pod.Spec.Containers[0]
	if got := web.LivenessProbe.HTTPGet.Port.String(); got != "http" {
		t.Errorf("liveness port = %q, want the named port %q", got, "http")
	}
	if got := web.Resources.Limits.Memory().String(); got != "256Mi" {
		t.Errorf("memory limit = %q, want 256Mi", got)
	}
	if got := pod.Status.StartTime.UTC().Format("2006-01-02T15:04:05Z"); got != "2025-06-02T09:14:07Z" {
		t.Errorf("startTime = %s", got)
	}
	if got := *pod.Spec.Tolerations[0].TolerationSeconds; got != 300 {
		t.Errorf("tolerationSeconds = %d, want 300", got)
	}
	if got := pod.Spec.InitContainers[1].RestartPolicy; got == nil || *got != ContainerRestartPolicyAlways {
		t.Errorf("sidecar restartPolicy = %v, want Always", got)
	}
	if !IsPodReady(&pod) {
		t.Error("IsPodReady = false for a pod whose Ready condition is True")
	}
}

// An unknown field is an error under strict decoding: the mistake of the
// dedented manifest in talk 002, where "ports" ends up beside
// "containers" instead of inside one.
func TestStrictDecodeRejectsMisplacedField(t *testing.T) {
	data := []byte(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"},
		"spec":{"containers":[{"name":"x","image":"nginx"}],"ports":[{"containerPort":80}]}}`)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var pod Pod
	err := dec.Decode(&pod)
	if err == nil {
		t.Fatal("strict decode accepted spec.ports, want an unknown field error")
	}
	if want := `json: unknown field "ports"`; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}
