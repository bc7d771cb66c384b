package kubectl

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

// readTyped decodes the objects of testdata/name, grouped by kind.
func readTyped(t *testing.T, name string) map[string][]map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	objs, err := codec.DecodeManifests(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	byKind := map[string][]map[string]any{}
	for _, o := range objs {
		byKind[unstructured.Kind(o)] = append(byKind[unstructured.Kind(o)], o)
	}
	return byKind
}

// Talk 000, "Pod status" and talk 002's ConfigMaps and Secrets: describe
// prints what upstream kubectl v1.37 prints, byte for byte. The inputs
// are testdata/describe_input_*.yaml; the testdata/upstream_describe_*.txt
// files are upstream's output for them, captured against the test server.
func TestDescribeMatchesUpstream(t *testing.T) {
	pods := readTyped(t, "describe_input_pod.yaml")
	config := readTyped(t, "describe_input_config.yaml")
	as := func(obj, into any) {
		if err := convert(obj, into); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name     string
		upstream string
		write    func(w *prefixWriter)
	}{
		{"pod with probes, named ports, optional refs, no QoS in status", "upstream_describe_pod_probes.txt", func(w *prefixWriter) {
			var pod corev1.Pod
			as(pods["Pod"][0], &pod)
			pod.Namespace = "default"
			describePod(w, &pod, []corev1.Event{}, describeNow)
		}},
		{"configmap", "upstream_describe_configmap.txt", func(w *prefixWriter) {
			var cm corev1.ConfigMap
			as(config["ConfigMap"][0], &cm)
			describeConfigMap(w, &cm, nil, describeNow)
		}},
		{"secret", "upstream_describe_secret.txt", func(w *prefixWriter) {
			var s corev1.Secret
			as(config["Secret"][0], &s)
			describeSecret(w, &s)
		}},
		{"namespace with quotas and a limit range", "upstream_describe_namespace.txt", func(w *prefixWriter) {
			var ns corev1.Namespace
			var quotas []corev1.ResourceQuota
			var limits []corev1.LimitRange
			as(config["Namespace"][0], &ns)
			as(config["ResourceQuota"], &quotas)
			as(config["LimitRange"], &limits)
			describeNamespace(w, &ns, quotas, limits)
		}},
		{"namespace without any", "", func(w *prefixWriter) {
			describeNamespace(w, &corev1.Namespace{}, []corev1.ResourceQuota{}, []corev1.LimitRange{})
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := "Name:         \nLabels:       <none>\nAnnotations:  <none>\nStatus:       \n\nNo resource quota.\n\nNo LimitRange resource.\n"
			if tc.upstream != "" {
				data, err := os.ReadFile(filepath.Join("testdata", tc.upstream))
				if err != nil {
					t.Fatal(err)
				}
				want = string(data)
			}
			var out bytes.Buffer
			w := newPrefixWriter(&out)
			tc.write(w)
			w.Flush()
			if diff := cmp.Diff(want, out.String()); diff != "" {
				t.Errorf("describe differs from upstream (-want +got):\n%s", diff)
			}
		})
	}
}

// Talk 000, "Pod status": the QoS class the kubelet would give a pod
// whose status does not say yet.
func TestComputePodQOS(t *testing.T) {
	res := func(cpu, mem string) corev1.ResourceList {
		rl := corev1.ResourceList{}
		for name, v := range map[corev1.ResourceName]string{corev1.ResourceCPU: cpu, corev1.ResourceMemory: mem} {
			if v != "" {
				rl[name] = resource.MustParse(v)
			}
		}
		return rl
	}
	pod := func(rs ...corev1.ResourceRequirements) *corev1.Pod {
		p := &corev1.Pod{}
		for _, r := range rs {
			p.Spec.Containers = append(p.Spec.Containers, corev1.Container{Resources: r})
		}
		return p
	}
	tests := []struct {
		name string
		pod  *corev1.Pod
		want corev1.PodQOSClass
	}{
		{"nothing set", pod(corev1.ResourceRequirements{}), corev1.PodQOSBestEffort},
		{"requests only", pod(corev1.ResourceRequirements{Requests: res("100m", "")}), corev1.PodQOSBurstable},
		{"equal requests and limits", pod(corev1.ResourceRequirements{Requests: res("1", "1Gi"), Limits: res("1", "1Gi")}), corev1.PodQOSGuaranteed},
		{"limits only (the server would copy them to requests)", pod(corev1.ResourceRequirements{Limits: res("1", "1Gi")}), corev1.PodQOSBurstable},
		{"one container without memory limit", pod(corev1.ResourceRequirements{Requests: res("1", "1Gi"), Limits: res("1", "1Gi")},
			corev1.ResourceRequirements{Requests: res("1", ""), Limits: res("1", "")}), corev1.PodQOSBurstable},
		{"status wins", &corev1.Pod{Status: corev1.PodStatus{QOSClass: corev1.PodQOSGuaranteed}}, corev1.PodQOSGuaranteed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := podQOS(tc.pod); got != tc.want {
				t.Errorf("podQOS = %s, want %s", got, tc.want)
			}
		})
	}
}
