package scheme

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

var now = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func ago(d time.Duration) metav1.Time { return metav1.NewTime(now.Add(-d)) }

func ptr[T any](v T) *T { return &v }

// running, waiting and terminated build container states.
func running() corev1.ContainerState {
	return corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: ago(time.Hour)}}
}

func waiting(reason string) corev1.ContainerState {
	return corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: reason}}
}

func terminated(reason string, code, signal int32, finished metav1.Time) corev1.ContainerState {
	return corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{Reason: reason, ExitCode: code, Signal: signal, FinishedAt: finished}}
}

func TestPodCells(t *testing.T) {
	// Talk 002, "Pod lifecycle": what `kubectl get pods` shows in READY,
	// STATUS and RESTARTS for pods in each stage of their life.
	two := []corev1.Container{{Name: "web"}, {Name: "log"}}
	sidecar := corev1.Container{Name: "proxy", RestartPolicy: ptr(corev1.ContainerRestartPolicyAlways)}
	tests := []struct {
		name string
		pod  corev1.Pod
		want []any // READY, STATUS, RESTARTS
	}{
		{name: "pending, not scheduled", pod: corev1.Pod{
			Spec:   corev1.PodSpec{Containers: two},
			Status: corev1.PodStatus{Phase: corev1.PodPending},
		}, want: []any{"0/2", "Pending", "0"}},
		{name: "scheduling gated", pod: corev1.Pod{
			Spec: corev1.PodSpec{Containers: two},
			Status: corev1.PodStatus{Phase: corev1.PodPending, Conditions: []corev1.PodCondition{
				{Type: corev1.PodScheduled, Status: corev1.ConditionFalse, Reason: "SchedulingGated"}}},
		}, want: []any{"0/2", "SchedulingGated", "0"}},
		{name: "one of two ready", pod: corev1.Pod{
			Spec: corev1.PodSpec{Containers: two},
			Status: corev1.PodStatus{Phase: corev1.PodRunning, ContainerStatuses: []corev1.ContainerStatus{
				{Name: "web", Ready: true, State: running()},
				{Name: "log", State: running()},
			}},
		}, want: []any{"1/2", "Running", "0"}},
		{name: "crash loop with restarts ago", pod: corev1.Pod{
			Spec: corev1.PodSpec{Containers: two[:1]},
			Status: corev1.PodStatus{Phase: corev1.PodRunning, ContainerStatuses: []corev1.ContainerStatus{
				{Name: "web", RestartCount: 4, State: waiting("CrashLoopBackOff"),
					LastTerminationState: terminated("Error", 1, 0, ago(5*time.Minute))},
			}},
		}, want: []any{"0/1", "CrashLoopBackOff", "4 (5m ago)"}},
		{name: "first container's reason wins", pod: corev1.Pod{
			Spec: corev1.PodSpec{Containers: two},
			Status: corev1.PodStatus{Phase: corev1.PodPending, ContainerStatuses: []corev1.ContainerStatus{
				{Name: "web", State: waiting("ErrImagePull")},
				{Name: "log", State: waiting("ContainerCreating")},
			}},
		}, want: []any{"0/2", "ErrImagePull", "0"}},
		{name: "exit code without reason", pod: corev1.Pod{
			Spec: corev1.PodSpec{Containers: two[:1]},
			Status: corev1.PodStatus{Phase: corev1.PodFailed, ContainerStatuses: []corev1.ContainerStatus{
				{Name: "web", State: terminated("", 3, 0, ago(time.Minute))}}},
		}, want: []any{"0/1", "ExitCode:3", "0"}},
		{name: "signal without reason", pod: corev1.Pod{
			Spec: corev1.PodSpec{Containers: two[:1]},
			Status: corev1.PodStatus{Phase: corev1.PodFailed, ContainerStatuses: []corev1.ContainerStatus{
				{Name: "web", State: terminated("", 137, 9, ago(time.Minute))}}},
		}, want: []any{"0/1", "Signal:9", "0"}},
		{name: "completed", pod: corev1.Pod{
			Spec: corev1.PodSpec{Containers: two[:1]},
			Status: corev1.PodStatus{Phase: corev1.PodSucceeded, ContainerStatuses: []corev1.ContainerStatus{
				{Name: "web", State: terminated("Completed", 0, 0, ago(time.Minute))}}},
		}, want: []any{"0/1", "Completed", "0"}},
		{name: "completed container beside a running ready one", pod: corev1.Pod{
			Spec: corev1.PodSpec{Containers: two},
			Status: corev1.PodStatus{Phase: corev1.PodRunning,
				Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue}},
				ContainerStatuses: []corev1.ContainerStatus{
					{Name: "web", State: terminated("Completed", 0, 0, ago(time.Minute))},
					{Name: "log", Ready: true, State: running()},
				}},
		}, want: []any{"1/2", "Running", "0"}},
		{name: "completed beside running, pod not ready", pod: corev1.Pod{
			Spec: corev1.PodSpec{Containers: two},
			Status: corev1.PodStatus{Phase: corev1.PodRunning, ContainerStatuses: []corev1.ContainerStatus{
				{Name: "web", State: terminated("Completed", 0, 0, ago(time.Minute))},
				{Name: "log", Ready: true, State: running()},
			}},
		}, want: []any{"1/2", "NotReady", "0"}},
		{name: "init container running", pod: corev1.Pod{
			Spec: corev1.PodSpec{InitContainers: []corev1.Container{{Name: "migrate"}}, Containers: two[:1]},
			Status: corev1.PodStatus{Phase: corev1.PodPending,
				InitContainerStatuses: []corev1.ContainerStatus{{Name: "migrate", State: running()}},
				ContainerStatuses:     []corev1.ContainerStatus{{Name: "web", State: waiting("PodInitializing")}}},
		}, want: []any{"0/1", "Init:0/1", "0"}},
		{name: "init image pull error", pod: corev1.Pod{
			Spec: corev1.PodSpec{InitContainers: []corev1.Container{{Name: "a"}, {Name: "b"}}, Containers: two[:1]},
			Status: corev1.PodStatus{Phase: corev1.PodPending, InitContainerStatuses: []corev1.ContainerStatus{
				{Name: "a", State: terminated("Completed", 0, 0, ago(time.Minute))},
				{Name: "b", State: waiting("ErrImagePull")},
			}},
		}, want: []any{"0/1", "Init:ErrImagePull", "0"}},
		{name: "init container failed, restarts count", pod: corev1.Pod{
			Spec: corev1.PodSpec{InitContainers: []corev1.Container{{Name: "a"}}, Containers: two[:1]},
			Status: corev1.PodStatus{Phase: corev1.PodPending, InitContainerStatuses: []corev1.ContainerStatus{
				{Name: "a", RestartCount: 2, State: terminated("", 1, 0, ago(time.Minute)),
					LastTerminationState: terminated("Error", 1, 0, ago(3*time.Minute))},
			}},
		}, want: []any{"0/1", "Init:ExitCode:1", "2 (3m ago)"}},
		{name: "started sidecar counts as ready", pod: corev1.Pod{
			Spec: corev1.PodSpec{InitContainers: []corev1.Container{sidecar}, Containers: two[:1]},
			Status: corev1.PodStatus{Phase: corev1.PodRunning,
				Conditions: []corev1.PodCondition{{Type: corev1.PodInitialized, Status: corev1.ConditionTrue}},
				InitContainerStatuses: []corev1.ContainerStatus{
					{Name: "proxy", Ready: true, Started: ptr(true), RestartCount: 1, State: running(),
						LastTerminationState: terminated("Error", 1, 0, ago(4*time.Hour))}},
				ContainerStatuses: []corev1.ContainerStatus{{Name: "web", Ready: true, State: running()}}},
		}, want: []any{"2/2", "Running", "1 (4h ago)"}},
		{name: "terminating", pod: corev1.Pod{
			ObjectMeta: metav1.ObjectMeta{DeletionTimestamp: ptr(ago(time.Second))},
			Spec:       corev1.PodSpec{Containers: two[:1]},
			Status: corev1.PodStatus{Phase: corev1.PodRunning, ContainerStatuses: []corev1.ContainerStatus{
				{Name: "web", Ready: true, State: running()}}},
		}, want: []any{"1/1", "Terminating", "0"}},
		{name: "deleted after it finished", pod: corev1.Pod{
			ObjectMeta: metav1.ObjectMeta{DeletionTimestamp: ptr(ago(time.Second))},
			Spec:       corev1.PodSpec{Containers: two[:1]},
			Status:     corev1.PodStatus{Phase: corev1.PodSucceeded},
		}, want: []any{"0/1", "Succeeded", "0"}},
		{name: "node lost", pod: corev1.Pod{
			ObjectMeta: metav1.ObjectMeta{DeletionTimestamp: ptr(ago(time.Second))},
			Spec:       corev1.PodSpec{Containers: two[:1]},
			Status:     corev1.PodStatus{Phase: corev1.PodRunning, Reason: "NodeLost"},
		}, want: []any{"0/1", "Unknown", "0"}},
		{name: "evicted", pod: corev1.Pod{
			Spec:   corev1.PodSpec{Containers: two[:1]},
			Status: corev1.PodStatus{Phase: corev1.PodFailed, Reason: "Evicted"},
		}, want: []any{"0/1", "Evicted", "0"}},
	}
	res, _ := ByResource("", "pods")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.pod.Name = "web-0"
			tc.pod.CreationTimestamp = ago(10 * time.Minute)
			got := Row(res, &tc.pod, TableOptions{Now: now})
			want := append(append([]any{"web-0"}, tc.want...), "10m")
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("NAME READY STATUS RESTARTS AGE (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPodWideCells(t *testing.T) {
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web-0"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "web"}}, NodeName: "node-1",
			ReadinessGates: []corev1.PodReadinessGate{{ConditionType: "example.com/lb"}, {ConditionType: "example.com/dns"}}},
		Status: corev1.PodStatus{PodIPs: []corev1.PodIP{{IP: "10.244.1.5"}, {IP: "fd00::5"}},
			Conditions: []corev1.PodCondition{{Type: "example.com/lb", Status: corev1.ConditionTrue}}},
	}
	tests := []struct {
		name string
		pod  *corev1.Pod
		want []any // IP NODE NOMINATED-NODE READINESS-GATES
	}{
		{name: "scheduled with gates", pod: pod, want: []any{"10.244.1.5", "node-1", "<none>", "1/2"}},
		{name: "nothing yet", pod: &corev1.Pod{}, want: []any{"<none>", "<none>", "<none>", "<none>"}},
	}
	res, _ := ByResource("", "pods")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Row(res, tc.pod, TableOptions{Wide: true, Now: now})
			if diff := cmp.Diff(tc.want, got[5:]); diff != "" {
				t.Errorf("wide cells (-want +got):\n%s", diff)
			}
		})
	}
}
