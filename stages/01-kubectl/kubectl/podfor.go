// Finding the pod behind an argument, for logs and exec.
//
// Interface:
//   - (*Env).podFor(ctx, arg) accepts "NAME", "pod/NAME" or "TYPE/NAME"
//     for a Deployment, ReplicaSet or Service and returns one pod: the
//     named pod, or the first running pod the object selects, with
//     upstream's note "Found 3 pods, using pod/x" when there is a choice.
//   - defaultContainer picks the container when -c is not given: the
//     kubectl.kubernetes.io/default-container annotation, else the first,
//     with upstream's note `Defaulted container "x" out of: x, y`.

package kubectl

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

// defaultContainerAnnotation names the container logs and exec use when
// -c is not given.
const defaultContainerAnnotation = "kubectl.kubernetes.io/default-container"

// podFor resolves arg to one pod in the command's namespace.
func (e *Env) podFor(ctx context.Context, arg string) (*corev1.Pod, error) {
	kind, name, hasSlash := strings.Cut(arg, "/")
	if !hasSlash {
		kind, name = "pods", arg
	}
	if name == "" {
		return nil, fmt.Errorf("arguments in resource/name form must have a single resource and name")
	}
	mapper, err := e.Mapper()
	if err != nil {
		return nil, err
	}
	m, err := mapper.ResourceFor(ctx, kind)
	if err != nil {
		return nil, err
	}
	ns, _, err := e.Namespace()
	if err != nil {
		return nil, err
	}
	oc, err := e.objects()
	if err != nil {
		return nil, err
	}
	obj, err := oc.get(ctx, m, ns, name)
	if err != nil {
		return nil, err
	}
	if m.Kind == "Pod" && m.Group == "" {
		return toPod(obj)
	}
	selector, err := SelectorForObject(obj)
	if err != nil {
		return nil, fmt.Errorf("cannot get pods for %s/%s: %w", m.Resource, name, err)
	}
	podMapping, err := mapper.ResourceFor(ctx, "pods")
	if err != nil {
		return nil, err
	}
	list, err := oc.list(ctx, podMapping, ns, url.Values{"labelSelector": {labels.FormatLabels(selector)}})
	if err != nil {
		return nil, err
	}
	items, _ := unstructured.NestedSlice(list, "items")
	var pods []*corev1.Pod
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			p, err := toPod(m)
			if err != nil {
				return nil, err
			}
			pods = append(pods, p)
		}
	}
	if len(pods) == 0 {
		return nil, fmt.Errorf("no pods found for %s/%s", m.Resource, name)
	}
	// Running pods first, then the newest: the one a user most likely means.
	sort.SliceStable(pods, func(i, j int) bool {
		ri, rj := pods[i].Status.Phase == corev1.PodRunning, pods[j].Status.Phase == corev1.PodRunning
		if ri != rj {
			return ri
		}
		return pods[j].CreationTimestamp.Time.Before(pods[i].CreationTimestamp.Time)
	})
	if len(pods) > 1 {
		fmt.Fprintf(e.Streams.ErrOut, "Found %d pods, using pod/%s\n", len(pods), pods[0].Name)
	}
	return pods[0], nil
}

// toPod converts a decoded object into the typed Pod.
func toPod(obj map[string]any) (*corev1.Pod, error) {
	data, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("encode pod: %w", err)
	}
	var pod corev1.Pod
	if err := json.Unmarshal(data, &pod); err != nil {
		return nil, fmt.Errorf("decode pod: %w", err)
	}
	return &pod, nil
}

// defaultContainer returns the container to use when -c was not given.
// The note goes to errOut only when the pod has a choice.
func (e *Env) defaultContainer(pod *corev1.Pod) (string, error) {
	if len(pod.Spec.Containers) == 0 {
		return "", fmt.Errorf("pod %s has no containers", pod.Name)
	}
	if name := pod.Annotations[defaultContainerAnnotation]; name != "" {
		for _, c := range pod.Spec.Containers {
			if c.Name == name {
				return name, nil
			}
		}
		fmt.Fprintf(e.Streams.ErrOut, "Default container name %q not found in pod %s\n", name, pod.Name)
	}
	first := pod.Spec.Containers[0].Name
	if len(pod.Spec.Containers) > 1 {
		fmt.Fprintf(e.Streams.ErrOut, "Defaulted container %q out of: %s\n", first, allContainerNames(pod))
	}
	return first, nil
}

// allContainerNames lists a pod's containers as upstream's messages do:
// the app containers, then the init containers marked "(init)":
// "a, b, setup (init)".
func allContainerNames(pod *corev1.Pod) string {
	var names []string
	for _, c := range pod.Spec.Containers {
		names = append(names, c.Name)
	}
	for _, c := range pod.Spec.InitContainers {
		names = append(names, c.Name+" (init)")
	}
	return strings.Join(names, ", ")
}

// hasContainer reports whether the pod has a container (or init
// container) with this name.
func hasContainer(pod *corev1.Pod, name string) bool {
	for _, c := range append(append([]corev1.Container{}, pod.Spec.InitContainers...), pod.Spec.Containers...) {
		if c.Name == name {
			return true
		}
	}
	return false
}
