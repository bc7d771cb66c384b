// Reading a pod's conditions: is it ready, and has it been ready long
// enough to count as available?
//
// Interface:
//   - GetPodCondition finds a condition by type.
//   - IsPodReady: the Ready condition is True.
//   - IsPodAvailable: ready for at least minReadySeconds.
//
// Upstream keeps these in k8s.io/kubernetes/pkg/api/v1/pod; the
// ReplicaSet and Deployment controllers (stage 3) count ready and
// available replicas with them, and the endpoints controllers use
// IsPodReady to split ready from not-ready addresses.
package corev1

import (
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// GetPodCondition returns the index of the condition of type conditionType
// in status and a pointer into status.Conditions, so a caller may update it
// in place. It returns -1 and nil when status is nil or has no such
// condition.
func GetPodCondition(status *PodStatus, conditionType PodConditionType) (int, *PodCondition) {
	if status == nil {
		return -1, nil
	}
	for i := range status.Conditions {
		if status.Conditions[i].Type == conditionType {
			return i, &status.Conditions[i]
		}
	}
	return -1, nil
}

// IsPodReady reports whether the pod's Ready condition is True. A pod
// without the condition (not yet seen by a kubelet) is not ready.
func IsPodReady(pod *Pod) bool {
	_, c := GetPodCondition(&pod.Status, PodReady)
	return c != nil && c.Status == ConditionTrue
}

// IsPodAvailable reports whether the pod is ready and has stayed ready for
// at least minReadySeconds before now. With minReadySeconds 0, ready is
// available. A Ready condition without a transition time never becomes
// available through the waiting path.
func IsPodAvailable(pod *Pod, minReadySeconds int32, now metav1.Time) bool {
	if !IsPodReady(pod) {
		return false
	}
	if minReadySeconds == 0 {
		return true
	}
	_, c := GetPodCondition(&pod.Status, PodReady)
	if c.LastTransitionTime.IsZero() {
		return false
	}
	readySince := c.LastTransitionTime.Add(time.Duration(minReadySeconds) * time.Second)
	return readySince.Before(now.Time)
}
