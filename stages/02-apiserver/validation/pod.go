// Pods and pod templates: the spec the scheduler places and the kubelet
// runs, checked field by field.
//
// Interface:
//   - validatePod: a Pod on create (and, with podupdate.go, on update).
//   - podTemplateSpec: the pod template inside a Deployment, ReplicaSet or
//     Job; the same spec rules, minus the pod-only ones.
//   - validatePodSpec: the spec itself, in upstream's order.
//   - validateBinding: the scheduler's Binding (talk 000, "Binding").
//
// Containers are container.go and probe.go, volumes volume.go, resources
// resources.go, placement (tolerations, affinity, DNS) scheduling.go.

package validation

import (
	"math"
	"strconv"
	"strings"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	sharedvalidation "github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// Pod annotations with rules of their own.
const (
	// mirrorPodAnnotation marks the API copy of a static pod; only a
	// kubelet creates one, for a pod already on its node.
	mirrorPodAnnotation = "kubernetes.io/config.mirror"
	// podDeletionCostAnnotation orders which pods a ReplicaSet removes
	// first when it scales down.
	podDeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost"
)

// validatePod checks a Pod: metadata, pod annotations, the spec, and the
// rules that apply to real pods but not to templates. The image rule is
// one of those: a template's image may keep whitespace at its ends (some
// tools use " " as a placeholder), a pod's may not. Whitespace inside the
// image ("nginx 1.23.2-alpine", talk 002's slip) is not checked by the
// server at all: the kubelet's image pull fails instead, and stage 1's
// client-side validation is what catches it before sending.
func validatePod(p *corev1.Pod) field.ErrorList {
	meta := field.NewPath("metadata")
	spec := field.NewPath("spec")
	errs := objectMeta(p, nameIsDNSSubdomain)
	errs = append(errs, podAnnotations(p.Annotations, &p.Spec, meta.Child("annotations"))...)
	errs = append(errs, validatePodSpec(&p.Spec, spec, true)...)
	if p.Spec.ServiceAccountName == "" {
		for vi, v := range p.Spec.Volumes {
			if v.Projected == nil {
				continue
			}
			for si, s := range v.Projected.Sources {
				if s.ServiceAccountToken != nil {
					path := spec.Child("volumes").Index(vi).Child("projected", "sources").Index(si).Child("serviceAccountToken")
					errs = append(errs, field.Forbidden(path, "must not be specified when serviceAccountName is not set"))
				}
			}
		}
	}
	errs = append(errs, imagesWithoutOuterSpace(p.Spec.Containers, spec.Child("containers"))...)
	return append(errs, imagesWithoutOuterSpace(p.Spec.InitContainers, spec.Child("initContainers"))...)
}

// imagesWithoutOuterSpace is upstream's pod-only image rule.
func imagesWithoutOuterSpace(containers []corev1.Container, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, c := range containers {
		if len(c.Image) != len(strings.TrimSpace(c.Image)) {
			errs = append(errs, field.Invalid(path.Index(i).Child("image"), c.Image, "must not have leading or trailing whitespace"))
		}
	}
	return errs
}

// podAnnotations checks the annotations a pod's behaviour depends on.
func podAnnotations(annotations map[string]string, spec *corev1.PodSpec, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if v, ok := annotations[mirrorPodAnnotation]; ok && spec.NodeName == "" {
		errs = append(errs, field.Invalid(path.Key(mirrorPodAnnotation), v, "must set spec.nodeName if mirror pod annotation is set"))
	}
	if v, ok := annotations[podDeletionCostAnnotation]; ok {
		if _, err := strconv.ParseInt(v, 10, 32); err != nil {
			errs = append(errs, field.Invalid(path.Key(podDeletionCostAnnotation), v, "must be a 32bit integer"))
		}
	}
	return errs
}

// podTemplateSpec checks the pod template of a workload: its labels and
// annotations (it has no name or namespace of its own) and its spec.
func podTemplateSpec(t *corev1.PodTemplateSpec, path *field.Path) field.ErrorList {
	errs := sharedvalidation.ValidateLabels(t.Labels, path.Child("labels"))
	errs = append(errs, sharedvalidation.ValidateAnnotations(t.Annotations, path.Child("annotations"))...)
	errs = append(errs, podAnnotations(t.Annotations, &t.Spec, path.Child("annotations"))...)
	return append(errs, validatePodSpec(&t.Spec, path.Child("spec"), false)...)
}

// validatePodSpec checks a pod spec in upstream's order. isPod is true
// for a Pod and false for a template, where a few rules are looser
// (hostPort may be left 0 under hostNetwork, to be defaulted in the pod).
func validatePodSpec(spec *corev1.PodSpec, path *field.Path, isPod bool) field.ErrorList {
	var errs field.ErrorList
	if spec.TerminationGracePeriodSeconds == nil {
		errs = append(errs, field.Required(path.Child("terminationGracePeriodSeconds"), ""))
	}
	vols, volErrs := validateVolumes(spec.Volumes, path.Child("volumes"))
	errs = append(errs, volErrs...)
	grace := spec.TerminationGracePeriodSeconds
	errs = append(errs, validateContainers(spec.Containers, vols, grace, path.Child("containers"))...)
	errs = append(errs, validateInitContainers(spec.InitContainers, spec.Containers, vols, grace, path.Child("initContainers"))...)
	errs = append(errs, hostNetworkPorts(spec, path, isPod)...)
	errs = append(errs, restartPolicy(spec.RestartPolicy, path.Child("restartPolicy"))...)
	errs = append(errs, dnsPolicy(spec.DNSPolicy, path.Child("dnsPolicy"))...)
	errs = append(errs, sharedvalidation.ValidateLabels(spec.NodeSelector, path.Child("nodeSelector"))...)
	errs = append(errs, podSecurityContext(spec, path.Child("securityContext"))...)
	errs = append(errs, validateAffinity(spec.Affinity, path.Child("affinity"))...)
	errs = append(errs, podDNSConfig(spec.DNSConfig, spec.DNSPolicy, path.Child("dnsConfig"))...)
	for i, g := range spec.ReadinessGates {
		errs = append(errs, qualifiedName(string(g.ConditionType), path.Child("readinessGates").Index(i).Child("conditionType"))...)
	}
	errs = append(errs, topologySpreadConstraints(spec.TopologySpreadConstraints, path.Child("topologySpreadConstraints"))...)
	if spec.ServiceAccountName != "" {
		errs = append(errs, nameRule(validateAccountName, spec.ServiceAccountName, path.Child("serviceAccountName"))...)
	}
	if spec.NodeName != "" {
		errs = append(errs, nameRule(validateNodeName, spec.NodeName, path.Child("nodeName"))...)
	}
	if d := spec.ActiveDeadlineSeconds; d != nil && (*d < 1 || *d > math.MaxInt32) {
		errs = append(errs, field.Invalid(path.Child("activeDeadlineSeconds"), *d, sharedvalidation.InclusiveRangeError(1, math.MaxInt32)))
	}
	if spec.Hostname != "" {
		errs = append(errs, dns1123Label(spec.Hostname, path.Child("hostname"))...)
	}
	if spec.Subdomain != "" {
		errs = append(errs, dns1123Label(spec.Subdomain, path.Child("subdomain"))...)
	}
	errs = append(errs, validateTolerations(spec.Tolerations, path.Child("tolerations"))...)
	errs = append(errs, hostAliases(spec.HostAliases, path.Child("hostAliases"))...)
	if spec.PriorityClassName != "" {
		errs = append(errs, nameRule(nameIsDNSSubdomain, spec.PriorityClassName, path.Child("priorityClassName"))...)
	}
	if p := spec.PreemptionPolicy; p != nil {
		errs = append(errs, oneOf(*p, path.Child("preemptionPolicy"), corev1.PreemptLowerPriority, corev1.PreemptNever)...)
	}
	if spec.Overhead != nil {
		errs = append(errs, validateResourceRequirements(&corev1.ResourceRequirements{Limits: spec.Overhead}, path.Child("overhead"))...)
	}
	errs = append(errs, podLevelResources(spec, path)...)
	if spec.OS != nil {
		errs = append(errs, podOS(spec.OS, path.Child("os"))...)
	}
	return errs
}

// hostNetworkPorts: a pod in the node's network namespace listens on the
// node's ports directly, so a hostPort must equal its containerPort. A
// template may leave it 0; defaulting fills it in on the pod.
func hostNetworkPorts(spec *corev1.PodSpec, path *field.Path, isPod bool) field.ErrorList {
	if !spec.HostNetwork {
		return nil
	}
	var errs field.ErrorList
	for i, c := range spec.Containers {
		for j, p := range c.Ports {
			if (isPod || p.HostPort != 0) && p.HostPort != p.ContainerPort {
				portPath := path.Child("containers").Index(i).Child("ports").Index(j).Child("hostPort")
				errs = append(errs, field.Invalid(portPath, p.HostPort, "must match `containerPort` when `hostNetwork` is true"))
			}
		}
	}
	return errs
}

// restartPolicy and dnsPolicy check the two policies defaulting always
// sets; an empty one means defaulting was skipped.
func restartPolicy(p corev1.RestartPolicy, path *field.Path) field.ErrorList {
	return oneOf(p, path, corev1.RestartPolicyAlways, corev1.RestartPolicyOnFailure, corev1.RestartPolicyNever)
}

func dnsPolicy(p corev1.DNSPolicy, path *field.Path) field.ErrorList {
	return oneOf(p, path, corev1.DNSClusterFirstWithHostNet, corev1.DNSClusterFirst, corev1.DNSDefault, corev1.DNSNone)
}

// oneOf reports an empty value as Required and any value outside valid
// as NotSupported, listing valid in the order given (upstream's order).
func oneOf[T ~string](value T, path *field.Path, valid ...T) field.ErrorList {
	if value == "" {
		return field.ErrorList{field.Required(path, "")}
	}
	for _, v := range valid {
		if v == value {
			return nil
		}
	}
	return field.ErrorList{field.NotSupported(path, string(value), valid)}
}

// podOS checks spec.os: linux or windows.
func podOS(os *corev1.PodOS, path *field.Path) field.ErrorList {
	if os.Name == "" {
		return field.ErrorList{field.Required(path.Child("name"), "cannot be empty")}
	}
	if os.Name != corev1.Linux && os.Name != corev1.Windows {
		return field.ErrorList{field.NotSupported(path, string(os.Name), []corev1.OSName{corev1.Linux, corev1.Windows})}
	}
	return nil
}

// validateBinding checks the Binding the scheduler posts to
// pods/NAME/binding: it must name a node. Its metadata names the pod and
// is checked against the URL by the REST layer.
func validateBinding(b *corev1.Binding) field.ErrorList {
	var errs field.ErrorList
	if b.Target.Kind != "" && b.Target.Kind != "Node" {
		errs = append(errs, field.NotSupported(field.NewPath("target", "kind"), b.Target.Kind, []string{"Node", "<empty>"}))
	}
	if b.Target.Name == "" {
		errs = append(errs, field.Required(field.NewPath("target", "name"), ""))
	}
	return errs
}
