package corev1

import (
	"testing"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

func podWithConditions(conds ...PodCondition) *Pod {
	return &Pod{Status: PodStatus{Conditions: conds}}
}

func TestGetPodCondition(t *testing.T) {
	status := &PodStatus{Conditions: []PodCondition{
		{Type: PodScheduled, Status: ConditionTrue},
		{Type: PodReady, Status: ConditionFalse, Reason: "ContainersNotReady"},
	}}
	tests := []struct {
		name      string
		status    *PodStatus
		condType  PodConditionType
		wantIndex int
	}{
		{name: "first", status: status, condType: PodScheduled, wantIndex: 0},
		{name: "second", status: status, condType: PodReady, wantIndex: 1},
		{name: "missing", status: status, condType: ContainersReady, wantIndex: -1},
		{name: "nil status", status: nil, condType: PodReady, wantIndex: -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i, c := GetPodCondition(tc.status, tc.condType)
			if i != tc.wantIndex {
				t.Fatalf("index = %d, want %d", i, tc.wantIndex)
			}
			if (c == nil) != (tc.wantIndex < 0) {
				t.Fatalf("condition = %v with index %d", c, i)
			}
			if c != nil && c.Type != tc.condType {
				t.Errorf("condition type = %s, want %s", c.Type, tc.condType)
			}
		})
	}
}

func TestGetPodConditionPointsIntoStatus(t *testing.T) {
	status := &PodStatus{Conditions: []PodCondition{{Type: PodReady, Status: ConditionFalse}}}
	_, c := GetPodCondition(status, PodReady)
	c.Status = ConditionTrue
	if status.Conditions[0].Status != ConditionTrue {
		t.Error("changing the returned condition did not change the status")
	}
}

// Talk 000, "Containers" (update pod status): a pod is ready when its Ready condition is True.
func TestIsPodReady(t *testing.T) {
	tests := []struct {
		name string
		pod  *Pod
		want bool
	}{
		{name: "ready", pod: podWithConditions(PodCondition{Type: PodReady, Status: ConditionTrue}), want: true},
		{name: "not ready", pod: podWithConditions(PodCondition{Type: PodReady, Status: ConditionFalse}), want: false},
		{name: "unknown", pod: podWithConditions(PodCondition{Type: PodReady, Status: ConditionUnknown}), want: false},
		{name: "containers ready is not enough", pod: podWithConditions(PodCondition{Type: ContainersReady, Status: ConditionTrue}), want: false},
		{name: "no conditions yet", pod: &Pod{}, want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsPodReady(tc.pod); got != tc.want {
				t.Errorf("IsPodReady = %v, want %v", got, tc.want)
			}
		})
	}
}

// The ReplicaSet controller counts a pod as available once it has been
// ready for minReadySeconds.
func TestIsPodAvailable(t *testing.T) {
	now := metav1.Date(2025, 6, 2, 10, 0, 0, 0, time.UTC)
	readySince := func(ago time.Duration) *Pod {
		return podWithConditions(PodCondition{Type: PodReady, Status: ConditionTrue,
			LastTransitionTime: metav1.NewTime(now.Add(-ago))})
	}
	tests := []struct {
		name            string
		pod             *Pod
		minReadySeconds int32
		want            bool
	}{
		{name: "ready and no wait", pod: readySince(0), minReadySeconds: 0, want: true},
		{name: "ready long enough", pod: readySince(11 * time.Second), minReadySeconds: 10, want: true},
		{name: "ready exactly minReadySeconds is not yet available", pod: readySince(10 * time.Second), minReadySeconds: 10, want: false},
		{name: "ready too briefly", pod: readySince(3 * time.Second), minReadySeconds: 10, want: false},
		{name: "not ready", pod: podWithConditions(PodCondition{Type: PodReady, Status: ConditionFalse}), minReadySeconds: 0, want: false},
		{name: "ready without transition time", pod: podWithConditions(PodCondition{Type: PodReady, Status: ConditionTrue}), minReadySeconds: 5, want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsPodAvailable(tc.pod, tc.minReadySeconds, now); got != tc.want {
				t.Errorf("IsPodAvailable = %v, want %v", got, tc.want)
			}
		})
	}
}
