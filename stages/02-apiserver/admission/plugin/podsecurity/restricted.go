// Restricted checks: the hardening a pod must opt into, on top of the
// baseline.
//
// Interface (each returns nil when the pod passes):
//   - checkAllowPrivilegeEscalation: every container sets
//     allowPrivilegeEscalation=false (no setuid gains).
//   - checkCapabilitiesRestricted: every container drops ALL and adds
//     back at most NET_BIND_SERVICE.
//   - checkRestrictedVolumes: only volume types that carry no host access.
//   - checkRunAsNonRoot, checkRunAsUser: no container runs as root.
//   - checkSeccompRestricted: a RuntimeDefault or Localhost seccomp
//     profile on the pod or every container.
//
// Linux-only controls (privilege escalation, capabilities, seccomp) are
// skipped for pods whose spec.os.name is windows, as upstream does since
// v1.25.
package podsecurity

import (
	"fmt"
	"slices"
	"strings"
)

// windows reports a pod that declares it runs on Windows nodes.
func windows(p *podView) bool { return p.Spec.OS != nil && p.Spec.OS.Name == "windows" }

func checkAllowPrivilegeEscalation(p *podView) *Violation {
	if windows(p) {
		return nil
	}
	var bad []string
	p.Spec.visitContainers(func(c *containerView) {
		if sc := c.SecurityContext; sc == nil || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
			bad = append(bad, c.Name)
		}
	})
	if len(bad) == 0 {
		return nil
	}
	return &Violation{Reason: "allowPrivilegeEscalation != false",
		Detail: containersPhrase(bad) + " must set securityContext.allowPrivilegeEscalation=false"}
}

func checkCapabilitiesRestricted(p *podView) *Violation {
	if windows(p) {
		return nil
	}
	var missingDropAll, adding []string
	added := set{}
	p.Spec.visitContainers(func(c *containerView) {
		sc := c.SecurityContext
		if sc == nil || sc.Capabilities == nil {
			missingDropAll = append(missingDropAll, c.Name)
			return
		}
		if !slices.Contains(sc.Capabilities.Drop, "ALL") {
			missingDropAll = append(missingDropAll, c.Name)
		}
		extra := false
		for _, capability := range sc.Capabilities.Add {
			if capability != "NET_BIND_SERVICE" {
				extra = true
				added.add(capability)
			}
		}
		if extra {
			adding = append(adding, c.Name)
		}
	})
	var details []string
	if len(missingDropAll) > 0 {
		details = append(details, containersPhrase(missingDropAll)+` must set securityContext.capabilities.drop=["ALL"]`)
	}
	if len(adding) > 0 {
		details = append(details, fmt.Sprintf("%s must not include %s in securityContext.capabilities.add",
			containersPhrase(adding), joinQuote(added.sorted())))
	}
	if len(details) == 0 {
		return nil
	}
	return &Violation{Reason: "unrestricted capabilities", Detail: strings.Join(details, "; ")}
}

// restrictedVolumeTypes are the volume sources a restricted pod may use:
// those whose data comes from the API or from a PersistentVolume an admin
// provisioned, never from the node or an arbitrary server.
var restrictedVolumeTypes = set{}

func init() {
	restrictedVolumeTypes.add("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
		"persistentVolumeClaim", "projected", "secret")
}

func checkRestrictedVolumes(p *podView) *Violation {
	var bad []string
	types := set{}
	for _, v := range p.Spec.Volumes {
		if !restrictedVolumeTypes[v.Type] {
			bad = append(bad, v.Name)
			types.add(v.Type)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return &Violation{Reason: "restricted volume types", Detail: fmt.Sprintf("%s %s %s %s %s",
		pluralize("volume", "volumes", len(bad)), joinQuote(bad), pluralize("uses", "use", len(bad)),
		pluralize("restricted volume type", "restricted volume types", len(types)), joinQuote(types.sorted()))}
}

// checkRunAsNonRoot requires runAsNonRoot=true on the pod, or on every
// container that does not inherit it. An explicit false is reported
// before a missing true.
func checkRunAsNonRoot(p *podView) *Violation {
	var setters, explicit, implicit []string
	podNonRoot := false
	if sc := p.Spec.SecurityContext; sc != nil && sc.RunAsNonRoot != nil {
		if *sc.RunAsNonRoot {
			podNonRoot = true
		} else {
			setters = append(setters, "pod")
		}
	}
	p.Spec.visitContainers(func(c *containerView) {
		switch sc := c.SecurityContext; {
		case sc != nil && sc.RunAsNonRoot != nil:
			if !*sc.RunAsNonRoot {
				explicit = append(explicit, c.Name)
			}
		case !podNonRoot:
			implicit = append(implicit, c.Name)
		}
	})
	if len(explicit) > 0 {
		setters = append(setters, containersPhrase(explicit))
	}
	if len(setters) > 0 {
		return &Violation{Reason: "runAsNonRoot != true",
			Detail: strings.Join(setters, " and ") + " must not set securityContext.runAsNonRoot=false"}
	}
	if len(implicit) > 0 {
		return &Violation{Reason: "runAsNonRoot != true",
			Detail: "pod or " + containersPhrase(implicit) + " must set securityContext.runAsNonRoot=true"}
	}
	return nil
}

func checkRunAsUser(p *podView) *Violation {
	var setters, bad []string
	if sc := p.Spec.SecurityContext; sc != nil && sc.RunAsUser != nil && *sc.RunAsUser == 0 {
		setters = append(setters, "pod")
	}
	p.Spec.visitContainers(func(c *containerView) {
		if sc := c.SecurityContext; sc != nil && sc.RunAsUser != nil && *sc.RunAsUser == 0 {
			bad = append(bad, c.Name)
		}
	})
	if len(bad) > 0 {
		setters = append(setters, containersPhrase(bad))
	}
	if len(setters) == 0 {
		return nil
	}
	return &Violation{Reason: "runAsUser=0", Detail: strings.Join(setters, " and ") + " must not set runAsUser=0"}
}

// checkSeccompRestricted requires a confining seccomp profile: set on the
// pod, or on every container. Unconfined anywhere is reported first.
func checkSeccompRestricted(p *podView) *Violation {
	if windows(p) {
		return nil
	}
	setters, types, unset, podSet := seccompSetters(p)
	if len(setters) > 0 {
		return &Violation{Reason: "seccompProfile", Detail: fmt.Sprintf(
			"%s must not set securityContext.seccompProfile.type to %s", strings.Join(setters, " and "), joinQuote(types))}
	}
	if !podSet && len(unset) > 0 {
		return &Violation{Reason: "seccompProfile", Detail: "pod or " + containersPhrase(unset) +
			` must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`}
	}
	return nil
}
