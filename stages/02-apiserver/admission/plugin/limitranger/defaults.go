// Defaults: the requests and limits a LimitRange fills in.
//
// Interface:
//   - applyDefaults(pod, lr): fill in and annotate.
//   - AnnotationKey: the annotation that says what was filled in.
package limitranger

import (
	"fmt"
	"sort"
	"strings"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

// AnnotationKey records on the pod which defaults were applied.
const AnnotationKey = "kubernetes.io/limit-ranger"

// applyDefaults gives each container (init containers after regular
// ones, as upstream) the defaults of lr's Container items that it does
// not set, and sets AnnotationKey when it changed anything. Values the
// user wrote are never replaced.
func applyDefaults(pod *corev1.Pod, lr *corev1.LimitRange) {
	limits, requests := corev1.ResourceList{}, corev1.ResourceList{}
	for _, item := range lr.Spec.Limits {
		if item.Type != corev1.LimitTypeContainer {
			continue
		}
		for k, v := range item.DefaultRequest {
			requests[k] = v
		}
		for k, v := range item.Default {
			limits[k] = v
		}
	}
	var notes []string
	for i := range pod.Spec.Containers {
		notes = append(notes, mergeContainer(&pod.Spec.Containers[i], limits, requests, "container")...)
	}
	for i := range pod.Spec.InitContainers {
		notes = append(notes, mergeContainer(&pod.Spec.InitContainers[i], limits, requests, "init container")...)
	}
	if len(notes) == 0 {
		return
	}
	if pod.Annotations == nil {
		pod.Annotations = map[string]string{}
	}
	pod.Annotations[AnnotationKey] = "LimitRanger plugin set: " + strings.Join(notes, "; ")
}

// mergeContainer fills c's missing limits and requests and returns the
// notes "cpu, memory request for container web" and "cpu limit for
// container web" for what it filled.
func mergeContainer(c *corev1.Container, limits, requests corev1.ResourceList, kind string) []string {
	var notes []string
	if set := fill(&c.Resources.Requests, requests); len(set) > 0 {
		notes = append(notes, fmt.Sprintf("%s request for %s %s", strings.Join(set, ", "), kind, c.Name))
	}
	if set := fill(&c.Resources.Limits, limits); len(set) > 0 {
		notes = append(notes, fmt.Sprintf("%s limit for %s %s", strings.Join(set, ", "), kind, c.Name))
	}
	return notes
}

// fill adds to *list each default it lacks and returns the names added,
// sorted.
func fill(list *corev1.ResourceList, defaults corev1.ResourceList) []string {
	var set []string
	for name, q := range defaults {
		if _, ok := (*list)[name]; ok {
			continue
		}
		if *list == nil {
			*list = corev1.ResourceList{}
		}
		(*list)[name] = q
		set = append(set, string(name))
	}
	sort.Strings(set)
	return set
}
