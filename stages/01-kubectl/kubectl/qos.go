// QoS class: how the kubelet ranks a pod for eviction, from its requests
// and limits.
//
// Interface:
//   - podQOS(pod) is the pod's class: status.qosClass when the kubelet
//     (or the API server) has set it, else computed by computePodQOS.
//   - computePodQOS(pod): BestEffort when no container asks for or caps
//     cpu or memory; Guaranteed when every container caps both and the
//     requests equal the limits; Burstable otherwise.
//
// describe shows the class even for a pod the server has not seen, as
// upstream's describe does (k8s.io/kubectl's qos helper). When the pod
// sets pod-level resources (spec.resources, valid since v1.34) they
// decide alone, as they do for the kubelet.

package kubectl

import (
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

// podQOS returns the status's class, or computes it.
func podQOS(pod *corev1.Pod) corev1.PodQOSClass {
	if pod.Status.QOSClass != "" {
		return pod.Status.QOSClass
	}
	return computePodQOS(pod)
}

// computePodQOS derives the class from the spec alone. Requests are not
// defaulted from limits here (the API server does that on create), so a
// pod with limits but no requests is Burstable until it is stored.
func computePodQOS(pod *corev1.Pod) corev1.PodQOSClass {
	var sets []corev1.ResourceRequirements
	if r := pod.Spec.Resources; r != nil {
		sets = append(sets, *r)
	} else {
		for _, c := range append(append([]corev1.Container{}, pod.Spec.Containers...), pod.Spec.InitContainers...) {
			sets = append(sets, c.Resources)
		}
	}
	requests, limits := corev1.ResourceList{}, corev1.ResourceList{}
	guaranteed := true
	for _, r := range sets {
		addQOSResources(requests, r.Requests)
		if found := addQOSResources(limits, r.Limits); !found[corev1.ResourceCPU] || !found[corev1.ResourceMemory] {
			guaranteed = false
		}
	}
	if len(requests) == 0 && len(limits) == 0 {
		return corev1.PodQOSBestEffort
	}
	if guaranteed && len(requests) == len(limits) {
		for name, req := range requests {
			if lim, ok := limits[name]; !ok || lim.Cmp(req) != 0 {
				guaranteed = false
				break
			}
		}
		if guaranteed {
			return corev1.PodQOSGuaranteed
		}
	}
	return corev1.PodQOSBurstable
}

// addQOSResources adds the positive cpu and memory amounts of from into
// sum (other resources do not count for QoS) and says which it found.
func addQOSResources(sum, from corev1.ResourceList) map[corev1.ResourceName]bool {
	found := map[corev1.ResourceName]bool{}
	for _, name := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		q, ok := from[name]
		if !ok || q.Sign() <= 0 {
			continue
		}
		found[name] = true
		total := sum[name]
		total.Add(q)
		sum[name] = total
	}
	return found
}
