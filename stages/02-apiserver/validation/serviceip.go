// Service cluster IPs and IP families: the addresses the API server
// allocates to a Service, one per family.
//
// Interface:
//   - clusterIPFields: clusterIPs (valid IPs or a lone "None", at most one
//     per family), ipFamilies, ipFamilyPolicy, and that they agree.
//   - validateServiceUpdate: an allocated cluster IP never changes; a
//     second family may be added, or dropped with SingleStack.
//
// The REST layer allocates the addresses before validating, as
// upstream's service registry does, and on update keeps the allocated
// ones when a client (kubectl apply) leaves them out.

package validation

import (
	"fmt"
	"net"
	"slices"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	sharedvalidation "github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// clusterIPFields checks the cluster IP fields of a Service that is not
// an ExternalName one (validateService rejects those fields there).
func clusterIPFields(s *corev1.ServiceSpec, spec *field.Path) field.ErrorList {
	if s.Type == corev1.ServiceTypeExternalName {
		return nil
	}
	var errs field.ErrorList
	ipsPath, famPath := spec.Child("clusterIPs"), spec.Child("ipFamilies")
	ip, ips := clusterIPsOf(s)
	if ip != "" && ips[0] != ip {
		errs = append(errs, field.Invalid(ipsPath, ips, "first value must match `clusterIP`"))
	}
	for i, fam := range s.IPFamilies {
		if fam != corev1.IPv4Protocol && fam != corev1.IPv6Protocol {
			errs = append(errs, field.NotSupported(famPath.Index(i), string(fam), []corev1.IPFamily{corev1.IPv4Protocol, corev1.IPv6Protocol}))
		}
		if slices.Contains(s.IPFamilies[:i], fam) {
			errs = append(errs, field.Duplicate(famPath.Index(i), string(fam)))
		}
	}
	if p := s.IPFamilyPolicy; p != nil {
		errs = append(errs, oneOfOrUnsupported(*p, spec.Child("ipFamilyPolicy"), corev1.IPFamilyPolicyPreferDualStack,
			corev1.IPFamilyPolicyRequireDualStack, corev1.IPFamilyPolicySingleStack)...)
	}
	invalid := false
	for i, addr := range ips {
		if i == 0 && addr == corev1.ClusterIPNone {
			if len(ips) > 1 {
				invalid = true
				errs = append(errs, field.Invalid(ipsPath, ips, "'None' must be the first and only value"))
			}
			continue
		}
		ipErrs := sharedvalidation.IsValidIP(ipsPath.Index(i), addr)
		invalid = invalid || len(ipErrs) > 0
		errs = append(errs, ipErrs...)
	}
	if len(ips) > 2 {
		errs = append(errs, field.Invalid(ipsPath, ips, "may only hold up to 2 values"))
	}
	// Bad addresses would make the family checks below say wrong things.
	if invalid {
		return errs
	}
	if len(ips) > 1 && !isDualStack(ips) {
		errs = append(errs, field.Invalid(ipsPath, ips, "may specify no more than one IP for each IP family"))
	}
	if isHeadless(s) {
		return errs
	}
	for i, addr := range ips {
		if i >= len(s.IPFamilies) {
			break
		}
		v6 := net.ParseIP(addr).To4() == nil
		if s.IPFamilies[i] == corev1.IPv4Protocol && v6 {
			errs = append(errs, field.Invalid(ipsPath.Index(i), addr, fmt.Sprintf("expected an IPv4 value as indicated by `ipFamilies[%v]`", i)))
		}
		if s.IPFamilies[i] == corev1.IPv6Protocol && !v6 {
			errs = append(errs, field.Invalid(ipsPath.Index(i), addr, fmt.Sprintf("expected an IPv6 value as indicated by `ipFamilies[%v]`", i)))
		}
	}
	return errs
}

// isDualStack reports whether ips hold at least one IPv4 and one IPv6
// address.
func isDualStack(ips []string) bool {
	v4, v6 := false, false
	for _, ip := range ips {
		parsed := net.ParseIP(ip)
		switch {
		case parsed == nil:
			return false
		case parsed.To4() != nil:
			v4 = true
		default:
			v6 = true
		}
	}
	return v4 && v6
}

// validateServiceUpdate checks the cluster IPs and IP families against
// the stored Service, and that an allocated health check port stays.
// Changes to or from ExternalName are free: such a change allocates or
// releases the addresses.
func validateServiceUpdate(svc, old *corev1.Service) field.ErrorList {
	var errs field.ErrorList
	n, o := &svc.Spec, &old.Spec
	if n.Type != corev1.ServiceTypeExternalName && o.Type != corev1.ServiceTypeExternalName {
		errs = append(errs, clusterIPsUpdate(n, o)...)
		errs = append(errs, ipFamiliesUpdate(n, o)...)
	}
	needsHealthCheck := func(s *corev1.ServiceSpec) bool {
		return s.Type == corev1.ServiceTypeLoadBalancer && s.ExternalTrafficPolicy == corev1.ServiceExternalTrafficPolicyLocal
	}
	if needsHealthCheck(n) && needsHealthCheck(o) && n.HealthCheckNodePort != o.HealthCheckNodePort {
		errs = append(errs, field.Forbidden(field.NewPath("spec", "healthCheckNodePort"), fieldImmutableMsg))
	}
	return errs
}

// clusterIPsUpdate: the primary cluster IP never changes; the secondary
// may be added, or released together with ipFamilyPolicy SingleStack.
func clusterIPsUpdate(n, o *corev1.ServiceSpec) field.ErrorList {
	if isHeadless(n) && isHeadless(o) {
		return nil
	}
	path := field.NewPath("spec", "clusterIPs")
	_, newIPs := clusterIPsOf(n)
	_, oldIPs := clusterIPsOf(o)
	var errs field.ErrorList
	switch {
	case len(oldIPs) == len(newIPs):
		for i := range oldIPs {
			if oldIPs[i] != newIPs[i] {
				errs = append(errs, field.Invalid(path.Index(i), newIPs, "may not change once set"))
			}
		}
	case len(oldIPs) > len(newIPs):
		if len(newIPs) == 0 {
			errs = append(errs, field.Invalid(path.Index(0), newIPs, "primary clusterIP can not be unset"))
		}
		if len(newIPs) > 0 && newIPs[0] != oldIPs[0] {
			errs = append(errs, field.Invalid(path.Index(0), newIPs, "may not change once set"))
		}
		if len(newIPs) == 1 && (n.IPFamilyPolicy == nil || *n.IPFamilyPolicy != corev1.IPFamilyPolicySingleStack) {
			errs = append(errs, field.Invalid(field.NewPath("spec", "ipFamilyPolicy"), n.IPFamilyPolicy,
				"must be set to 'SingleStack' when releasing the secondary clusterIP"))
		}
	default:
		if len(oldIPs) > 0 && newIPs[0] != oldIPs[0] {
			errs = append(errs, field.Invalid(path.Index(0), newIPs, "may not change once set"))
		}
	}
	return errs
}

// ipFamiliesUpdate applies the same rule to ipFamilies. A change to or
// from headless is free, and so is any change of a headless Service.
func ipFamiliesUpdate(n, o *corev1.ServiceSpec) field.ErrorList {
	if isHeadless(n) || isHeadless(o) {
		return nil
	}
	path := field.NewPath("spec", "ipFamilies")
	newFams, oldFams := n.IPFamilies, o.IPFamilies
	var errs field.ErrorList
	switch {
	case len(oldFams) == len(newFams):
		for i := range oldFams {
			if oldFams[i] != newFams[i] {
				errs = append(errs, field.Invalid(path.Index(0), newFams, "may not change once set"))
			}
		}
	case len(oldFams) > len(newFams):
		if _, ips := clusterIPsOf(n); len(ips) == 0 {
			errs = append(errs, field.Invalid(path.Index(0), newFams, "primary ipFamily can not be unset"))
		}
		if len(newFams) > 0 && newFams[0] != oldFams[0] {
			errs = append(errs, field.Invalid(path.Index(0), newFams, "may not change once set"))
		}
		if len(newFams) == 1 && (n.IPFamilyPolicy == nil || *n.IPFamilyPolicy != corev1.IPFamilyPolicySingleStack) {
			errs = append(errs, field.Invalid(field.NewPath("spec", "ipFamilyPolicy"), n.IPFamilyPolicy,
				"must be set to 'SingleStack' when releasing the secondary ipFamily"))
		}
	default:
		if len(oldFams) > 0 && len(newFams) > 0 && newFams[0] != oldFams[0] {
			errs = append(errs, field.Invalid(path.Index(0), newFams, "may not change once set"))
		}
	}
	return errs
}
