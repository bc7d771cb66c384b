// Pod totals: requests and limits of a whole pod.
//
// Interface:
//   - Requests, Limits: see doc.go for the rule.
//   - Add, Max: ResourceList arithmetic.
package podresources

import corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"

// Requests returns pod's effective requests (without overhead).
func Requests(pod *corev1.Pod) corev1.ResourceList {
	return effective(pod, func(r corev1.ResourceRequirements) corev1.ResourceList { return r.Requests })
}

// Limits returns pod's effective limits (without overhead).
func Limits(pod *corev1.Pod) corev1.ResourceList {
	return effective(pod, func(r corev1.ResourceRequirements) corev1.ResourceList { return r.Limits })
}

func effective(pod *corev1.Pod, pick func(corev1.ResourceRequirements) corev1.ResourceList) corev1.ResourceList {
	total := corev1.ResourceList{}
	for _, c := range pod.Spec.Containers {
		Add(total, pick(c.Resources))
	}
	sidecars := corev1.ResourceList{}
	initPeak := corev1.ResourceList{}
	for _, c := range pod.Spec.InitContainers {
		own := pick(c.Resources)
		if c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways {
			Add(total, own)
			Add(sidecars, own)
			Max(initPeak, sidecars)
			continue
		}
		running := corev1.ResourceList{}
		Add(running, own)
		Add(running, sidecars)
		Max(initPeak, running)
	}
	Max(total, initPeak)
	if pod.Spec.Resources != nil {
		for name, q := range pick(*pod.Spec.Resources) {
			total[name] = q
		}
	}
	return total
}

// Add adds every quantity of more into list.
func Add(list, more corev1.ResourceList) {
	for name, q := range more {
		sum := list[name]
		sum.Add(q)
		list[name] = sum
	}
}

// Max raises every quantity of list to at least more's.
func Max(list, more corev1.ResourceList) {
	for name, q := range more {
		if cur, ok := list[name]; !ok || q.Cmp(cur) > 0 {
			list[name] = q
		}
	}
}
