// Pod updates: what may change in a pod that already exists.
//
// Interface:
//   - validatePodUpdate: a PUT or PATCH of a pod. Almost all of the spec
//     is fixed once the pod exists, because the kubelet has already
//     acted on it; the exceptions are container images, a shorter
//     activeDeadlineSeconds, added tolerations, and a negative grace
//     period raised to 1.
//   - validatePodStatusUpdate: a write to pods/NAME/status, as the
//     kubelet and the scheduler make them.
//
// The field rules of the new pod itself are validatePod's (pod.go); this
// file only compares it with the stored one.

package validation

import (
	"math"
	"net"
	"slices"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	sharedvalidation "github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// PodUpdateForbidden is how the error for a change to an immutable part
// of a pod spec begins, naming the fields that may change; a diff of the
// change follows it on the next lines, as upstream prints one.
const PodUpdateForbidden = "pod updates may not change fields other than " +
	"`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`," +
	"`spec.tolerations` (only additions to existing tolerations)," +
	"`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"

// validatePodUpdate compares newPod with oldPod. Image and toleration
// format errors are left to validatePod, which ValidateUpdate has already
// run, so each problem is reported once.
func validatePodUpdate(newPod, oldPod *corev1.Pod) field.ErrorList {
	errs := mirrorAnnotationUnchanged(newPod.Annotations, oldPod.Annotations, field.NewPath("metadata", "annotations"))
	spec := field.NewPath("spec")
	if len(newPod.Spec.Containers) != len(oldPod.Spec.Containers) {
		return append(errs, field.Forbidden(spec.Child("containers"), "pod updates may not add or remove containers"))
	}
	if len(newPod.Spec.InitContainers) != len(oldPod.Spec.InitContainers) {
		return append(errs, field.Forbidden(spec.Child("initContainers"), "pod updates may not add or remove containers"))
	}
	deadline := spec.Child("activeDeadlineSeconds")
	switch n, o := newPod.Spec.ActiveDeadlineSeconds, oldPod.Spec.ActiveDeadlineSeconds; {
	case n != nil && (*n < 0 || *n > math.MaxInt32):
		return append(errs, field.Invalid(deadline, *n, sharedvalidation.InclusiveRangeError(0, math.MaxInt32)))
	case n != nil && o != nil && *o < *n:
		// A deadline may only be shortened: lengthening it would let a pod
		// outlive what its creator allowed.
		return append(errs, field.Invalid(deadline, *n, "must be less than or equal to previous value"))
	case n == nil && o != nil:
		errs = append(errs, field.Invalid(deadline, nil, "must not update from a positive integer to nil value"))
	}
	errs = append(errs, onlyAddedTolerations(newPod.Spec.Tolerations, oldPod.Spec.Tolerations, spec.Child("tolerations"))...)
	if semanticEqual(newPod.Spec, oldPod.Spec) {
		return errs
	}
	// Put the fields that may change back to their old values; whatever
	// still differs is a change the kubelet could not apply.
	munged := newPod.Spec
	munged.Containers = withImagesOf(newPod.Spec.Containers, oldPod.Spec.Containers)
	munged.InitContainers = withImagesOf(newPod.Spec.InitContainers, oldPod.Spec.InitContainers)
	munged.ActiveDeadlineSeconds = oldPod.Spec.ActiveDeadlineSeconds
	munged.Tolerations = oldPod.Spec.Tolerations
	if o, n := oldPod.Spec.TerminationGracePeriodSeconds, munged.TerminationGracePeriodSeconds; o != nil && *o < 0 && n != nil && *n == 1 {
		munged.TerminationGracePeriodSeconds = o
	}
	if !semanticEqual(munged, oldPod.Spec) {
		errs = append(errs, field.Forbidden(spec, PodUpdateForbidden+"\n"+semanticDiff(oldPod.Spec, munged)))
	}
	return errs
}

// withImagesOf returns a copy of containers with the images of old.
func withImagesOf(containers, old []corev1.Container) []corev1.Container {
	out := slices.Clone(containers)
	for i := range out {
		out[i].Image = old[i].Image
	}
	return out
}

// onlyAddedTolerations: existing tolerations must all still be there,
// except that their tolerationSeconds may change.
func onlyAddedTolerations(newTols, oldTols []corev1.Toleration, path *field.Path) field.ErrorList {
	for _, o := range oldTols {
		found := slices.ContainsFunc(newTols, func(n corev1.Toleration) bool {
			o.TolerationSeconds = n.TolerationSeconds
			return semanticEqual(o, n)
		})
		if !found {
			return field.ErrorList{field.Forbidden(path, "existing toleration can not be modified except its tolerationSeconds")}
		}
	}
	return nil
}

// mirrorAnnotationUnchanged: only the kubelet sets the mirror pod
// annotation, and only on create.
func mirrorAnnotationUnchanged(newAnn, oldAnn map[string]string, path *field.Path) field.ErrorList {
	n, inNew := newAnn[mirrorPodAnnotation]
	o, inOld := oldAnn[mirrorPodAnnotation]
	switch {
	case inOld && (!inNew || n != o):
		return field.ErrorList{field.Forbidden(path.Key(mirrorPodAnnotation), "may not remove or update mirror pod annotation")}
	case inNew && !inOld:
		return field.ErrorList{field.Forbidden(path.Key(mirrorPodAnnotation), "may not add mirror pod annotation")}
	}
	return nil
}

// validatePodStatusUpdate checks a status write. spec.nodeName is set by
// the binding subresource only; terminated containers of a pod that does
// not restart them must stay terminated.
func validatePodStatusUpdate(newPod, oldPod *corev1.Pod) field.ErrorList {
	meta := field.NewPath("metadata")
	errs := mirrorAnnotationUnchanged(newPod.Annotations, oldPod.Annotations, meta.Child("annotations"))
	for i, c := range newPod.Status.Conditions {
		switch c.Type {
		case corev1.PodScheduled, corev1.PodReady, corev1.PodInitialized:
		default:
			// Upstream reports these under metadata.conditions[i].Type.
			errs = append(errs, qualifiedName(string(c.Type), meta.Child("conditions").Index(i).Child("Type"))...)
		}
	}
	status := field.NewPath("status")
	if newPod.Spec.NodeName != oldPod.Spec.NodeName {
		errs = append(errs, field.Forbidden(status.Child("nodeName"), "may not be changed directly"))
	}
	if n := newPod.Status.NominatedNodeName; n != oldPod.Status.NominatedNodeName && n != "" {
		errs = append(errs, nameRule(validateNodeName, n, status.Child("nominatedNodeName"))...)
	}
	errs = append(errs, stayTerminated(newPod.Status.ContainerStatuses, oldPod.Status.ContainerStatuses, oldPod.Spec.RestartPolicy, nil, status.Child("containerStatuses"))...)
	errs = append(errs, stayTerminated(newPod.Status.InitContainerStatuses, oldPod.Status.InitContainerStatuses, oldPod.Spec.RestartPolicy, oldPod.Spec.InitContainers, status.Child("initContainerStatuses"))...)
	podIPs := make([]string, len(newPod.Status.PodIPs))
	for i, ip := range newPod.Status.PodIPs {
		podIPs[i] = ip.IP
	}
	errs = append(errs, ipList(podIPs, newPod.Status.PodIPs, status.Child("podIPs"))...)
	if hostIPs := newPod.Status.HostIPs; len(hostIPs) > 0 {
		if newPod.Status.HostIP != hostIPs[0].IP {
			errs = append(errs, field.Invalid(status.Child("hostIPs").Index(0).Child("ip"), hostIPs[0].IP, "must be equal to `hostIP`"))
		}
		ips := make([]string, len(hostIPs))
		for i, ip := range hostIPs {
			ips[i] = ip.IP
		}
		errs = append(errs, ipList(ips, hostIPs, status.Child("hostIPs"))...)
	}
	return errs
}

// stayTerminated reports a container status moving out of the terminated
// state when the restart policy (or, for an init container, its sidecar
// policy) says it will not be restarted.
func stayTerminated(newStatuses, oldStatuses []corev1.ContainerStatus, policy corev1.RestartPolicy, inits []corev1.Container, path *field.Path) field.ErrorList {
	if policy == corev1.RestartPolicyAlways {
		return nil
	}
	var errs field.ErrorList
	for i, o := range oldStatuses {
		t := o.State.Terminated
		if t == nil || (t.ExitCode != 0 && policy == corev1.RestartPolicyOnFailure) {
			continue
		}
		if slices.ContainsFunc(inits, func(c corev1.Container) bool {
			return c.Name == o.Name && c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways
		}) {
			continue
		}
		for _, n := range newStatuses {
			if n.Name == o.Name && n.State.Terminated == nil {
				errs = append(errs, field.Forbidden(path.Index(i).Child("state"), "may not be transitioned to non-terminated state"))
			}
		}
	}
	return errs
}

// ipList checks a pod's or host's IP list: valid addresses, at most one
// per family, no repeats. whole is the list as typed, for the message.
func ipList(ips []string, whole any, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, ip := range ips {
		errs = append(errs, sharedvalidation.IsValidIP(path.Index(i), ip)...)
	}
	if len(ips) < 2 {
		return errs
	}
	v4, v6 := 0, 0
	for _, ip := range ips {
		if parsed := net.ParseIP(ip); parsed != nil && parsed.To4() != nil {
			v4++
		} else if parsed != nil {
			v6++
		}
	}
	if v4 == 0 || v6 == 0 || len(ips) > 2 {
		errs = append(errs, field.Invalid(path, whole, "may specify no more than one IP for each IP family"))
	}
	for i, ip := range ips {
		if slices.Contains(ips[:i], ip) {
			errs = append(errs, field.Duplicate(path.Index(i), map[string]string{"ip": ip}))
		}
	}
	return errs
}
