// Nodes: the machines pods run on, as their kubelets register them.
//
// Interface:
//   - validateNode: taints, pod CIDRs, and capacity amounts.
//   - validateNodeUpdate: pod CIDRs and providerID are set once, by the
//     node IPAM controller and the cloud controller.
//   - validateNodeResources: status.capacity and status.allocatable.
//
// Talk 003, "Worker nodes": the kubelet (stage 5) registers its Node and
// keeps its status fresh.

package validation

import (
	"slices"
	"strings"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	sharedvalidation "github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// validateNode checks a Node. As upstream, taint errors are reported
// under metadata.taints, and a lone spec.podCIDR under spec.podCIDRs[0]
// (upstream's internal type only has the list).
func validateNode(n *corev1.Node) field.ErrorList {
	errs := objectMeta(n, nameIsDNSSubdomain)
	errs = append(errs, nodeTaints(n.Spec.Taints, field.NewPath("metadata", "taints"))...)
	errs = append(errs, validateNodeResources(n)...)
	cidrs := podCIDRs(&n.Spec)
	path := field.NewPath("spec", "podCIDRs")
	for i, c := range cidrs {
		errs = append(errs, sharedvalidation.IsValidCIDR(path.Index(i), c)...)
	}
	if len(cidrs) > 1 {
		if !isDualStackCIDRs(cidrs) || len(cidrs) > 2 {
			errs = append(errs, field.Invalid(path, cidrs, "may specify no more than one CIDR for each IP family"))
		}
		for i, c := range cidrs {
			if slices.Contains(cidrs[:i], c) {
				errs = append(errs, field.Duplicate(path.Index(i), c))
			}
		}
	}
	return errs
}

// podCIDRs returns spec.podCIDRs, or the single spec.podCIDR.
func podCIDRs(s *corev1.NodeSpec) []string {
	if len(s.PodCIDRs) == 0 && s.PodCIDR != "" {
		return []string{s.PodCIDR}
	}
	return s.PodCIDRs
}

// isDualStackCIDRs reports whether cidrs hold an IPv4 and an IPv6 range.
func isDualStackCIDRs(cidrs []string) bool {
	ips := make([]string, 0, len(cidrs))
	for _, c := range cidrs {
		addr, _, _ := strings.Cut(c, "/")
		ips = append(ips, addr)
	}
	return isDualStack(ips)
}

// nodeTaints checks each taint's key, value and effect, and that no two
// taints share a key and an effect.
func nodeTaints(taints []corev1.Taint, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	var seen []corev1.Taint
	for i, t := range taints {
		idx := path.Index(i)
		errs = append(errs, sharedvalidation.ValidateLabelName(t.Key, idx.Child("key"))...)
		if msgs := sharedvalidation.IsValidLabelValue(t.Value); len(msgs) > 0 {
			errs = append(errs, field.Invalid(idx.Child("value"), t.Value, strings.Join(msgs, ";")))
		}
		errs = append(errs, taintEffect(t.Effect, false, idx.Child("effect"))...)
		if slices.ContainsFunc(seen, func(s corev1.Taint) bool { return s.MatchTaint(&t) }) {
			dup := field.Duplicate(idx, t)
			dup.Detail = "taints must be unique by key and effect pair"
			errs = append(errs, dup)
			continue
		}
		seen = append(seen, t)
	}
	return errs
}

// validateNodeResources checks the amounts a kubelet reports. As
// upstream, the paths use dots before the resource name.
func validateNodeResources(n *corev1.Node) field.ErrorList {
	var errs field.ErrorList
	for _, name := range sortedKeys(n.Status.Capacity) {
		errs = append(errs, resourceQuantity(string(name), n.Status.Capacity[name], field.NewPath("status", "capacity", string(name)))...)
	}
	for _, name := range sortedKeys(n.Status.Allocatable) {
		errs = append(errs, resourceQuantity(string(name), n.Status.Allocatable[name], field.NewPath("status", "allocatable", string(name)))...)
	}
	return errs
}

// validateNodeUpdate: addresses unique; pod CIDRs and providerID may go
// from unset to set, never change after.
func validateNodeUpdate(n, old *corev1.Node) field.ErrorList {
	var errs field.ErrorList
	for i, a := range n.Status.Addresses {
		if slices.Contains(n.Status.Addresses[:i], a) {
			errs = append(errs, field.Duplicate(field.NewPath("status", "addresses").Index(i), a))
		}
	}
	oldCIDRs, newCIDRs := podCIDRs(&old.Spec), podCIDRs(&n.Spec)
	if len(oldCIDRs) > 0 && !slices.Equal(oldCIDRs, newCIDRs) {
		errs = append(errs, field.Forbidden(field.NewPath("spec", "podCIDRs"), `node updates may not change podCIDR except from "" to valid`))
	}
	if old.Spec.ProviderID != "" && old.Spec.ProviderID != n.Spec.ProviderID {
		errs = append(errs, field.Forbidden(field.NewPath("spec", "providerID"), `node updates may not change providerID except from "" to valid`))
	}
	return errs
}
