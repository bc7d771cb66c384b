package corev1

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/api/internal/apitest"
)

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
			apitest.RoundTrip(t, tc.file, tc.obj)
		})
	}
}

// Spot checks that the decoded pod holds typed values, not just the same
// bytes: a named port, a quantity, a time and a deep pointer.
func TestRoundTripPodValues(t *testing.T) {
	var pod Pod
	apitest.RoundTrip(t, "pod.json", &pod)

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
