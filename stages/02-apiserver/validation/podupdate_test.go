package validation

import (
	"strings"
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// A pod's spec is fixed once it exists, because the kubelet has already
// acted on it: kubectl set image works, kubectl edit of a port does not.
func TestPodUpdate(t *testing.T) {
	tests := []struct {
		name   string
		old    func(*corev1.Pod)
		mutate func(*corev1.Pod)
		want   []string
	}{
		{name: "new image", mutate: func(p *corev1.Pod) { p.Spec.Containers[0].Image = "nginx:1.28" }},
		{
			name:   "label change",
			mutate: func(p *corev1.Pod) { p.Labels["tier"] = "front" },
		},
		{
			name: "container added",
			mutate: func(p *corev1.Pod) {
				p.Spec.Containers = append(p.Spec.Containers, corev1.Container{Name: "sidecar", Image: "envoy"})
				defaultSpec(&p.Spec)
			},
			want: []string{"spec.containers: Forbidden: pod updates may not add or remove containers"},
		},
		{
			name:   "deadline lengthened",
			old:    func(p *corev1.Pod) { p.Spec.ActiveDeadlineSeconds = ptr(int64(60)) },
			mutate: func(p *corev1.Pod) { p.Spec.ActiveDeadlineSeconds = ptr(int64(120)) },
			want:   []string{"spec.activeDeadlineSeconds: Invalid value: 120: must be less than or equal to previous value"},
		},
		{
			name:   "deadline shortened",
			old:    func(p *corev1.Pod) { p.Spec.ActiveDeadlineSeconds = ptr(int64(120)) },
			mutate: func(p *corev1.Pod) { p.Spec.ActiveDeadlineSeconds = ptr(int64(60)) },
		},
		{
			name:   "deadline removed",
			old:    func(p *corev1.Pod) { p.Spec.ActiveDeadlineSeconds = ptr(int64(60)) },
			mutate: func(p *corev1.Pod) { p.Spec.ActiveDeadlineSeconds = nil },
			want:   []string{"spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value"},
		},
		{
			name: "toleration added",
			mutate: func(p *corev1.Pod) {
				p.Spec.Tolerations = []corev1.Toleration{{Key: "gpu", Operator: corev1.TolerationOpExists}}
			},
		},
		{
			name: "toleration changed",
			old: func(p *corev1.Pod) {
				p.Spec.Tolerations = []corev1.Toleration{{Key: "gpu", Operator: corev1.TolerationOpExists}}
			},
			mutate: func(p *corev1.Pod) {
				p.Spec.Tolerations = []corev1.Toleration{{Key: "tpu", Operator: corev1.TolerationOpExists}}
			},
			want: []string{"spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds"},
		},
		{
			name:   "negative grace period raised to 1",
			old:    func(p *corev1.Pod) { p.Spec.TerminationGracePeriodSeconds = ptr(int64(-1)) },
			mutate: func(p *corev1.Pod) { p.Spec.TerminationGracePeriodSeconds = ptr(int64(1)) },
		},
		{
			name:   "mirror annotation added",
			mutate: func(p *corev1.Pod) { p.Spec.NodeName = ""; p.Annotations = map[string]string{mirrorPodAnnotation: "x"} },
			want: []string{
				`metadata.annotations[kubernetes.io/config.mirror]: Invalid value: "x": must set spec.nodeName if mirror pod annotation is set`,
				"metadata.annotations[kubernetes.io/config.mirror]: Forbidden: may not add mirror pod annotation",
			},
		},
		{
			name: "finalizer added while deleting",
			old: func(p *corev1.Pod) {
				p.DeletionTimestamp = &metav1.Time{}
			},
			mutate: func(p *corev1.Pod) {
				p.DeletionTimestamp = &metav1.Time{}
				p.Finalizers = []string{"example.com/cleanup"}
			},
			want: []string{`metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/cleanup"}`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old, p := validPod(), validPod()
			if tc.old != nil {
				tc.old(old)
				tc.old(p)
			}
			tc.mutate(p)
			checkErrors(t, ValidateUpdate(p, old), tc.want...)
		})
	}
}

// A change outside the updatable fields is reported once, with the list
// of what may change and a diff of what did.
func TestPodUpdateForbidden(t *testing.T) {
	old, p := validPod(), validPod()
	p.Spec.Containers[0].Ports[0].ContainerPort = 8080
	errs := ValidateUpdate(p, old)
	if len(errs) != 1 {
		t.Fatalf("got %d errors, want 1: %v", len(errs), errs)
	}
	first, diff, _ := strings.Cut(errs[0].Error(), "\n")
	if want := "spec: Forbidden: " + PodUpdateForbidden; first != want {
		t.Errorf("first line:\n got %q\nwant %q", first, want)
	}
	if !strings.Contains(diff, "ContainerPort") || !strings.Contains(diff, "8080") {
		t.Errorf("diff does not show the changed port:\n%s", diff)
	}
}

// The kubelet reports status; some transitions it may not report.
func TestPodStatusUpdate(t *testing.T) {
	terminated := corev1.ContainerStatus{Name: "nginx", State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{ExitCode: 0}}}
	running := corev1.ContainerStatus{Name: "nginx", State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{}}}
	tests := []struct {
		name     string
		old, pod func(*corev1.Pod)
		want     []string
	}{
		{
			name: "pod IPs reported",
			pod: func(p *corev1.Pod) {
				p.Status.PodIP = "10.244.0.5"
				p.Status.PodIPs = []corev1.PodIP{{IP: "10.244.0.5"}, {IP: "fd00::5"}}
			},
		},
		{
			name: "node name changed through status",
			pod:  func(p *corev1.Pod) { p.Spec.NodeName = "worker-2" },
			want: []string{"status.nodeName: Forbidden: may not be changed directly"},
		},
		{
			name: "completed container of a Never pod restarted",
			old: func(p *corev1.Pod) {
				p.Spec.RestartPolicy = corev1.RestartPolicyNever
				p.Status.ContainerStatuses = []corev1.ContainerStatus{terminated}
			},
			pod: func(p *corev1.Pod) {
				p.Spec.RestartPolicy = corev1.RestartPolicyNever
				p.Status.ContainerStatuses = []corev1.ContainerStatus{running}
			},
			want: []string{"status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state"},
		},
		{
			name: "two IPv4 pod IPs",
			pod:  func(p *corev1.Pod) { p.Status.PodIPs = []corev1.PodIP{{IP: "10.244.0.5"}, {IP: "10.244.0.6"}} },
			want: []string{`status.podIPs: Invalid value: [{"ip":"10.244.0.5"},{"ip":"10.244.0.6"}]: may specify no more than one IP for each IP family`},
		},
		{
			name: "custom condition type that is not a qualified name",
			pod: func(p *corev1.Pod) {
				p.Status.Conditions = []corev1.PodCondition{{Type: "Ready/To/Go", Status: corev1.ConditionTrue}}
			},
			want: []string{`metadata.conditions[0].Type: Invalid value: "Ready/To/Go": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old, p := validPod(), validPod()
			if tc.old != nil {
				tc.old(old)
			}
			tc.pod(p)
			checkErrors(t, ValidateStatusUpdate(p, old), tc.want...)
		})
	}
}
