// The pod strategy: what the server sets on a pod, how a pod is deleted,
// and the fields pods are selected by.
//
// Interface:
//   - podStrategy(): upstream's pkg/registry/core/pod strategy.
//   - PodQOSClass(pod): Guaranteed, Burstable or BestEffort, from the
//     containers' requests and limits.
//   - podGracePeriod: how long a deleted pod's kubelet gets to stop it.
//
// A new pod starts Pending with its QoS class (talk 000, "Write to
// etcd!": the pod the ReplicaSet controller creates is stored unbound,
// waiting for the scheduler's Binding, binding.go). Deleting a pod that
// runs on a node does not remove it: the kubelet (stage 5) must stop its
// containers first, within the grace period, and then deletes it for good
// with grace 0.
package registry

import (
	"strconv"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
)

func podStrategy() Strategy {
	return Strategy{
		Generation:       func(obj, old metav1.Object) bool { return specChanged(obj, old) },
		PrepareForCreate: preparePod,
		Fields:           podFields,
		GracePeriod:      podGracePeriod,
	}
}

// preparePod resets a new pod's status to phase Pending and its QoS
// class, whatever the client sent: status belongs to the kubelet.
func preparePod(obj metav1.Object) {
	pod := obj.(*corev1.Pod)
	pod.Status = corev1.PodStatus{Phase: corev1.PodPending, QOSClass: PodQOSClass(pod)}
}

// podFields are the fields pods are selected by (upstream's
// PodToSelectableFields); the kubelet watches spec.nodeName=<its node>,
// the scheduler spec.nodeName= (unbound pods).
func podFields(obj metav1.Object) fields.Set {
	pod := obj.(*corev1.Pod)
	podIP := pod.Status.PodIP
	if len(pod.Status.PodIPs) > 0 {
		podIP = pod.Status.PodIPs[0].IP
	}
	return fields.Set{
		"spec.nodeName":            pod.Spec.NodeName,
		"spec.restartPolicy":       string(pod.Spec.RestartPolicy),
		"spec.schedulerName":       pod.Spec.SchedulerName,
		"spec.serviceAccountName":  pod.Spec.ServiceAccountName,
		"spec.hostNetwork":         strconv.FormatBool(pod.Spec.HostNetwork),
		"status.phase":             string(pod.Status.Phase),
		"status.podIP":             podIP,
		"status.nominatedNodeName": pod.Status.NominatedNodeName,
	}
}

// podGracePeriod is upstream's pod CheckGracefulDelete: the requested
// period, else the pod's terminationGracePeriodSeconds; but 0 (delete at
// once) for a pod no kubelet runs - not bound to a node, or already
// Succeeded or Failed - since nobody would confirm its end.
func podGracePeriod(obj metav1.Object, requested *int64) int64 {
	pod := obj.(*corev1.Pod)
	var period int64
	switch {
	case requested != nil:
		period = *requested
	case pod.Spec.TerminationGracePeriodSeconds != nil:
		period = *pod.Spec.TerminationGracePeriodSeconds
	}
	if pod.Spec.NodeName == "" || pod.Status.Phase == corev1.PodSucceeded || pod.Status.Phase == corev1.PodFailed {
		period = 0
	}
	if period < 0 {
		period = 1
	}
	return period
}

// qosResources are the resources that decide the QoS class.
var qosResources = []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory}

// PodQOSClass computes pod's quality-of-service class as upstream's
// ComputePodQOS, from the cpu and memory requests and limits of all its
// containers and init containers (or of spec.resources when set):
//
//   - BestEffort: no container requests or limits cpu or memory;
//   - Guaranteed: every container limits both, and requests equal limits;
//   - Burstable: anything in between.
//
// The kubelet (stage 5) evicts BestEffort pods first when a node runs
// short.
func PodQOSClass(pod *corev1.Pod) corev1.PodQOSClass {
	requests, limits := corev1.ResourceList{}, corev1.ResourceList{}
	guaranteed := true
	add := func(sum corev1.ResourceList, rl corev1.ResourceList) (found int) {
		for _, name := range qosResources {
			q, ok := rl[name]
			if !ok || q.Sign() <= 0 {
				continue
			}
			found++
			total := sum[name]
			total.Add(q)
			sum[name] = total
		}
		return found
	}
	account := func(r corev1.ResourceRequirements) {
		add(requests, r.Requests)
		if add(limits, r.Limits) < len(qosResources) {
			guaranteed = false
		}
	}
	if pod.Spec.Resources != nil {
		account(*pod.Spec.Resources)
	} else {
		for _, c := range pod.Spec.InitContainers {
			account(c.Resources)
		}
		for _, c := range pod.Spec.Containers {
			account(c.Resources)
		}
	}
	if len(requests) == 0 && len(limits) == 0 {
		return corev1.PodQOSBestEffort
	}
	if guaranteed && len(requests) == len(limits) {
		for name, req := range requests {
			if lim, ok := limits[name]; !ok || lim.Cmp(req) != 0 {
				return corev1.PodQOSBurstable
			}
		}
		return corev1.PodQOSGuaranteed
	}
	return corev1.PodQOSBurstable
}
