// Pods: the one resource whose usage is more than a count.
//
// Interface:
//   - podEvaluator(): counts pods, their requests and limits (cpu,
//     memory, ephemeral storage, huge pages, extended resources), and
//     knows the pod scopes.
//   - podConstraints: the "must specify" rule.
package resourcequota

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/internal/podresources"
)

var podCount = ObjectCountName(metav1.GroupResource{Resource: "pods"})

// mustSpecify are the names that, when a quota caps them, every
// container must set. Upstream calls this coupling of counting and
// validation a mistake kept for compatibility, and adds no names to it.
var mustSpecify = []corev1.ResourceName{
	corev1.ResourceCPU, corev1.ResourceMemory,
	corev1.ResourceRequestsCPU, corev1.ResourceRequestsMemory,
	corev1.ResourceLimitsCPU, corev1.ResourceLimitsMemory,
}

func podEvaluator() *evaluator {
	return &evaluator{
		resources: []corev1.ResourceName{podCount, corev1.ResourcePods,
			corev1.ResourceCPU, corev1.ResourceMemory, corev1.ResourceEphemeralStorage,
			corev1.ResourceRequestsCPU, corev1.ResourceRequestsMemory, corev1.ResourceRequestsEphemeralStorage,
			corev1.ResourceLimitsCPU, corev1.ResourceLimitsMemory, corev1.ResourceLimitsEphemeralStorage},
		prefixes:      []string{corev1.ResourceHugePagesPrefix, corev1.DefaultResourceRequestsPrefix + corev1.ResourceHugePagesPrefix},
		extended:      true,
		usage:         podUsage,
		constraintsFn: podConstraints,
		handles: func(a *admission.Attributes) bool {
			if a.Operation == admission.Create {
				return true
			}
			// An update moves a pod between the Terminating and
			// NotTerminating scopes when it sets activeDeadlineSeconds.
			pod, ok1 := a.Object.(*corev1.Pod)
			old, ok2 := a.OldObject.(*corev1.Pod)
			return a.Operation == admission.Update && ok1 && ok2 && isTerminating(pod) != isTerminating(old)
		},
		scope: podInScope,
	}
}

// podUsage: every stored pod counts under count/pods; a pod that has not
// finished also counts under pods and for what it requests and limits
// (its sandbox overhead included).
func podUsage(obj metav1.Object) (corev1.ResourceList, error) {
	pod, ok := obj.(*corev1.Pod)
	if !ok {
		return nil, fmt.Errorf("resourcequota: expected a Pod, got %T", obj)
	}
	out := corev1.ResourceList{podCount: one()}
	if pod.Status.Phase == corev1.PodSucceeded || pod.Status.Phase == corev1.PodFailed {
		return out, nil
	}
	requests, limits := podresources.Requests(pod), podresources.Limits(pod)
	podresources.Add(requests, pod.Spec.Overhead)
	for name, q := range pod.Spec.Overhead {
		if l, ok := limits[name]; ok { // overhead raises only limits that exist
			l.Add(q)
			limits[name] = l
		}
	}
	for name, q := range computeUsage(requests, limits) {
		out[name] = q
	}
	return out, nil
}

// computeUsage maps requests and limits to quota names: requests of cpu
// count as both "cpu" and "requests.cpu", limits as "limits.cpu", and so
// on; an extended resource counts only as "requests.<name>".
func computeUsage(requests, limits corev1.ResourceList) corev1.ResourceList {
	out := corev1.ResourceList{corev1.ResourcePods: one()}
	for _, n := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory, corev1.ResourceEphemeralStorage} {
		if q, ok := requests[n]; ok {
			out[n] = q
			out[corev1.DefaultResourceRequestsPrefix+n] = q
		}
		if q, ok := limits[n]; ok {
			out["limits."+n] = q
		}
	}
	for n, q := range requests {
		switch {
		case strings.HasPrefix(string(n), corev1.ResourceHugePagesPrefix):
			out[n] = q
			out[corev1.DefaultResourceRequestsPrefix+n] = q
		case isExtendedResource(n):
			out[corev1.DefaultResourceRequestsPrefix+n] = q
		}
	}
	return out
}

// isExtendedResource: a name with a domain that is not kubernetes.io's,
// such as example.com/gpu.
func isExtendedResource(n corev1.ResourceName) bool {
	s := string(n)
	return strings.Contains(s, "/") && !strings.Contains(s, corev1.ResourceDefaultNamespacePrefix) &&
		!strings.HasPrefix(s, corev1.DefaultResourceRequestsPrefix)
}

// isExtendedQuotaName: "requests.example.com/gpu".
func isExtendedQuotaName(n corev1.ResourceName) bool {
	rest, ok := strings.CutPrefix(string(n), corev1.DefaultResourceRequestsPrefix)
	return ok && isExtendedResource(corev1.ResourceName(rest))
}

// podConstraints returns "must specify limits.cpu for: web; memory for:
// web,sidecar" when a quota caps cpu or memory names that containers do
// not set. A pod with pod-level resources is exempt: its budget covers
// the containers.
func podConstraints(required []corev1.ResourceName, obj metav1.Object) error {
	pod, ok := obj.(*corev1.Pod)
	if !ok || pod.Spec.Resources != nil {
		return nil
	}
	missing := map[corev1.ResourceName][]string{}
	for _, c := range slices.Concat(pod.Spec.Containers, pod.Spec.InitContainers) {
		has := computeUsage(c.Resources.Requests, c.Resources.Limits)
		for _, n := range required {
			if _, ok := has[n]; !ok && slices.Contains(mustSpecify, n) {
				missing[n] = append(missing[n], c.Name)
			}
		}
	}
	if len(missing) == 0 {
		return nil
	}
	var parts []string
	for _, n := range names(toList(missing)) {
		containers := missing[n]
		sort.Strings(containers)
		parts = append(parts, fmt.Sprintf("%s for: %s", n, strings.Join(slices.Compact(containers), ",")))
	}
	return fmt.Errorf("must specify %s", strings.Join(parts, "; "))
}

// toList gives the keys of m as a ResourceList, so names() sorts them.
func toList(m map[corev1.ResourceName][]string) corev1.ResourceList {
	out := corev1.ResourceList{}
	for n := range m {
		out[n] = one()
	}
	return out
}

// isTerminating: a pod with activeDeadlineSeconds will end by itself.
func isTerminating(pod *corev1.Pod) bool {
	return pod.Spec.ActiveDeadlineSeconds != nil && *pod.Spec.ActiveDeadlineSeconds >= 0
}

// isBestEffort: no container asks for or is limited in cpu or memory.
func isBestEffort(pod *corev1.Pod) bool {
	for _, c := range slices.Concat(pod.Spec.Containers, pod.Spec.InitContainers) {
		for _, l := range []corev1.ResourceList{c.Resources.Requests, c.Resources.Limits} {
			for _, n := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
				if q, ok := l[n]; ok && !q.IsZero() {
					return false
				}
			}
		}
	}
	return true
}

// podInScope reports whether pod is in the scope sel names. Scopes this
// project does not model (CrossNamespacePodAffinity) match no pod.
func podInScope(sel corev1.ScopedResourceSelectorRequirement, obj metav1.Object) (bool, error) {
	pod, ok := obj.(*corev1.Pod)
	if !ok {
		return false, fmt.Errorf("resourcequota: expected a Pod, got %T", obj)
	}
	switch sel.ScopeName {
	case corev1.ResourceQuotaScopeTerminating:
		return isTerminating(pod), nil
	case corev1.ResourceQuotaScopeNotTerminating:
		return !isTerminating(pod), nil
	case corev1.ResourceQuotaScopeBestEffort:
		return isBestEffort(pod), nil
	case corev1.ResourceQuotaScopeNotBestEffort:
		return !isBestEffort(pod), nil
	case corev1.ResourceQuotaScopePriorityClass:
		name := pod.Spec.PriorityClassName
		switch sel.Operator {
		case corev1.ScopeSelectorOpExists:
			return name != "", nil
		case corev1.ScopeSelectorOpDoesNotExist:
			return name == "", nil
		case corev1.ScopeSelectorOpIn:
			return slices.Contains(sel.Values, name), nil
		case corev1.ScopeSelectorOpNotIn:
			return !slices.Contains(sel.Values, name), nil
		}
		return false, fmt.Errorf("unsupported scope selector operator %q", sel.Operator)
	}
	return false, nil
}
