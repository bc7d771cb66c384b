// Baseline checks: the controls that stop known privilege escalations
// while allowing the pod most workloads write.
//
// Interface (each returns nil when the pod passes):
//   - checkHostNamespaces, checkHostPorts, checkProbeHosts: no host
//     network, PID or IPC namespace, host port or probe host.
//   - checkPrivileged, checkCapabilitiesBaseline, checkProcMount,
//     checkWindowsHostProcess: no privileged container, no capability
//     beyond the runtime's default set, the masked /proc, no Windows
//     host process.
//   - checkAppArmor, checkSELinux, checkSeccompBaseline: no unconfined
//     profile, no custom SELinux type, user or role.
//   - checkHostPathVolumes, checkSysctls: no hostPath volume, only the
//     namespaced sysctls known to be safe.
//
// Each Violation's Reason and Detail use upstream's words, so a rejection
// reads as a real cluster's does.
package podsecurity

import (
	"fmt"
	"strconv"
	"strings"
)

func checkHostNamespaces(p *podView) *Violation {
	var used []string // already in sorted order
	if p.Spec.HostIPC {
		used = append(used, "hostIPC=true")
	}
	if p.Spec.HostNetwork {
		used = append(used, "hostNetwork=true")
	}
	if p.Spec.HostPID {
		used = append(used, "hostPID=true")
	}
	if len(used) == 0 {
		return nil
	}
	return &Violation{Reason: "host namespaces", Detail: strings.Join(used, ", ")}
}

func checkHostPorts(p *podView) *Violation {
	var bad []string
	ports := set{}
	p.Spec.visitContainers(func(c *containerView) {
		uses := false
		for _, port := range c.Ports {
			if port.HostPort != 0 {
				uses = true
				ports.add(strconv.Itoa(int(port.HostPort)))
			}
		}
		if uses {
			bad = append(bad, c.Name)
		}
	})
	if len(bad) == 0 {
		return nil
	}
	return &Violation{Reason: "hostPort", Detail: fmt.Sprintf("%s %s %s %s",
		containersPhrase(bad), pluralize("uses", "use", len(bad)),
		pluralize("hostPort", "hostPorts", len(ports)), strings.Join(ports.sorted(), ", "))}
}

// checkProbeHosts forbids probes and lifecycle hooks that point at another
// host: the kubelet would connect there on the pod's behalf (v1.34).
func checkProbeHosts(p *podView) *Violation {
	bad, hosts := set{}, set{}
	p.Spec.visitContainers(func(c *containerView) {
		handlers := []*handlerView{c.LivenessProbe, c.ReadinessProbe, c.StartupProbe}
		if c.Lifecycle != nil {
			handlers = append(handlers, c.Lifecycle.PostStart, c.Lifecycle.PreStop)
		}
		for _, h := range handlers {
			if h == nil {
				continue
			}
			if h.HTTPGet != nil && h.HTTPGet.Host != "" {
				bad.add(c.Name)
				hosts.add(h.HTTPGet.Host)
			}
			if h.TCPSocket != nil && h.TCPSocket.Host != "" {
				bad.add(c.Name)
				hosts.add(h.TCPSocket.Host)
			}
		}
	})
	if len(bad) == 0 {
		return nil
	}
	return &Violation{Reason: "probe or lifecycle host", Detail: fmt.Sprintf("%s %s %s %s",
		containersPhrase(bad.sorted()), pluralize("uses", "use", len(bad)),
		pluralize("probe or lifecycle host", "probe or lifecycle hosts", len(hosts)), joinQuote(hosts.sorted()))}
}

func checkPrivileged(p *podView) *Violation {
	var bad []string
	p.Spec.visitContainers(func(c *containerView) {
		if sc := c.SecurityContext; sc != nil && sc.Privileged != nil && *sc.Privileged {
			bad = append(bad, c.Name)
		}
	})
	if len(bad) == 0 {
		return nil
	}
	return &Violation{Reason: "privileged",
		Detail: containersPhrase(bad) + " must not set securityContext.privileged=true"}
}

// baselineCapabilities is the container runtime's default set: adding any
// of them changes nothing, adding anything else (NET_RAW, SYS_ADMIN) does.
var baselineCapabilities = set{}

func init() {
	baselineCapabilities.add("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
		"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT")
}

func checkCapabilitiesBaseline(p *podView) *Violation {
	var bad []string
	added := set{}
	p.Spec.visitContainers(func(c *containerView) {
		sc := c.SecurityContext
		if sc == nil || sc.Capabilities == nil {
			return
		}
		extra := false
		for _, capability := range sc.Capabilities.Add {
			if !baselineCapabilities[capability] {
				extra = true
				added.add(capability)
			}
		}
		if extra {
			bad = append(bad, c.Name)
		}
	})
	if len(bad) == 0 {
		return nil
	}
	return &Violation{Reason: "non-default capabilities", Detail: fmt.Sprintf(
		"%s must not include %s in securityContext.capabilities.add", containersPhrase(bad), joinQuote(added.sorted()))}
}

// checkProcMount requires the masked /proc the runtime mounts by default;
// "Unmasked" exposes the host's kernel settings.
func checkProcMount(p *podView) *Violation {
	var bad []string
	types := set{}
	p.Spec.visitContainers(func(c *containerView) {
		if sc := c.SecurityContext; sc != nil && sc.ProcMount != nil && *sc.ProcMount != "Default" {
			bad = append(bad, c.Name)
			types.add(*sc.ProcMount)
		}
	})
	if len(bad) == 0 {
		return nil
	}
	return &Violation{Reason: "procMount", Detail: fmt.Sprintf(
		"%s must not set securityContext.procMount to %s", containersPhrase(bad), joinQuote(types.sorted()))}
}

func checkWindowsHostProcess(p *podView) *Violation {
	hostProcess := func(w *windowsView) bool { return w != nil && w.HostProcess != nil && *w.HostProcess }
	var setters, bad []string
	if sc := p.Spec.SecurityContext; sc != nil && hostProcess(sc.WindowsOptions) {
		setters = append(setters, "pod")
	}
	p.Spec.visitContainers(func(c *containerView) {
		if c.SecurityContext != nil && hostProcess(c.SecurityContext.WindowsOptions) {
			bad = append(bad, c.Name)
		}
	})
	if len(bad) > 0 {
		setters = append(setters, containersPhrase(bad))
	}
	if len(setters) == 0 {
		return nil
	}
	return &Violation{Reason: "hostProcess", Detail: strings.Join(setters, " and ") +
		" must not set securityContext.windowsOptions.hostProcess=true"}
}

// The AppArmor annotation that predates the appArmorProfile field (v1.30)
// and the values it may hold.
const (
	appArmorAnnotationPrefix = "container.apparmor.security.beta.kubernetes.io/"
	appArmorRuntimeDefault   = "runtime/default"
	appArmorLocalhostPrefix  = "localhost/"
)

// checkAppArmor forbids profile types other than RuntimeDefault and
// Localhost, in the fields and in the older annotations.
func checkAppArmor(p *podView) *Violation {
	allowed := func(pr *profileView) bool {
		return pr == nil || pr.Type == "RuntimeDefault" || pr.Type == "Localhost"
	}
	var setters, bad []string
	types := set{}
	if sc := p.Spec.SecurityContext; sc != nil && !allowed(sc.AppArmorProfile) {
		setters = append(setters, "pod")
		types.add(sc.AppArmorProfile.Type)
	}
	p.Spec.visitContainers(func(c *containerView) {
		if sc := c.SecurityContext; sc != nil && !allowed(sc.AppArmorProfile) {
			bad = append(bad, c.Name)
			types.add(sc.AppArmorProfile.Type)
		}
	})
	if len(bad) > 0 {
		setters = append(setters, containersPhrase(bad))
	}
	annotations := set{}
	for k, v := range p.Metadata.Annotations {
		if strings.HasPrefix(k, appArmorAnnotationPrefix) && v != "" && v != appArmorRuntimeDefault &&
			!strings.HasPrefix(v, appArmorLocalhostPrefix) {
			annotations.add(fmt.Sprintf("%s=%q", k, v))
		}
	}
	if len(annotations) > 0 {
		setters = append(setters, pluralize("annotation", "annotations", len(annotations)))
	}
	if len(setters) == 0 {
		return nil
	}
	values := append(types.sorted(), annotations.sorted()...)
	return &Violation{
		Reason: pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles", len(values)),
		Detail: strings.Join(setters, " and ") + " must not set AppArmor profile type to " + joinQuote(values),
	}
}

// seLinuxTypes are the container types a pod may ask for; any other type,
// and any user or role, could give it another process's label.
var seLinuxTypes = set{"": true, "container_t": true, "container_init_t": true, "container_kvm_t": true}

func checkSELinux(p *podView) *Violation {
	types := set{}
	setUser, setRole := false, false
	forbidden := func(o *seLinuxView) bool {
		if o == nil {
			return false
		}
		bad := false
		if !seLinuxTypes[o.Type] {
			bad = true
			types.add(o.Type)
		}
		if o.User != "" {
			bad, setUser = true, true
		}
		if o.Role != "" {
			bad, setRole = true, true
		}
		return bad
	}
	var setters, bad []string
	if sc := p.Spec.SecurityContext; sc != nil && forbidden(sc.SELinuxOptions) {
		setters = append(setters, "pod")
	}
	p.Spec.visitContainers(func(c *containerView) {
		if c.SecurityContext != nil && forbidden(c.SecurityContext.SELinuxOptions) {
			bad = append(bad, c.Name)
		}
	})
	if len(bad) > 0 {
		setters = append(setters, containersPhrase(bad))
	}
	if len(setters) == 0 {
		return nil
	}
	var what []string
	if len(types) > 0 {
		what = append(what, pluralize("type", "types", len(types))+" "+joinQuote(types.sorted()))
	}
	if setUser {
		what = append(what, "user may not be set")
	}
	if setRole {
		what = append(what, "role may not be set")
	}
	return &Violation{Reason: "seLinuxOptions", Detail: fmt.Sprintf(
		"%s set forbidden securityContext.seLinuxOptions: %s", strings.Join(setters, " and "), strings.Join(what, "; "))}
}

// validSeccomp reports whether a seccomp profile type confines the
// process: RuntimeDefault and Localhost do, Unconfined does not.
func validSeccomp(t string) bool { return t == "RuntimeDefault" || t == "Localhost" }

// seccompSetters returns who set an unconfined seccomp profile ("pod",
// `container "c"`) and which types they set; containers that set nothing
// are returned in unset, and podSet says whether the pod set a valid one.
func seccompSetters(p *podView) (setters, types, unset []string, podSet bool) {
	bad, values := []string{}, set{}
	if sc := p.Spec.SecurityContext; sc != nil && sc.SeccompProfile != nil {
		if validSeccomp(sc.SeccompProfile.Type) {
			podSet = true
		} else {
			setters = append(setters, "pod")
			values.add(sc.SeccompProfile.Type)
		}
	}
	p.Spec.visitContainers(func(c *containerView) {
		switch sc := c.SecurityContext; {
		case sc == nil || sc.SeccompProfile == nil:
			unset = append(unset, c.Name)
		case !validSeccomp(sc.SeccompProfile.Type):
			bad = append(bad, c.Name)
			values.add(sc.SeccompProfile.Type)
		}
	})
	if len(bad) > 0 {
		setters = append(setters, containersPhrase(bad))
	}
	return setters, values.sorted(), unset, podSet
}

func checkSeccompBaseline(p *podView) *Violation {
	setters, types, _, _ := seccompSetters(p)
	if len(setters) == 0 {
		return nil
	}
	return &Violation{Reason: "seccompProfile", Detail: fmt.Sprintf(
		"%s must not set securityContext.seccompProfile.type to %s", strings.Join(setters, " and "), joinQuote(types))}
}

func checkHostPathVolumes(p *podView) *Violation {
	var bad []string
	for _, v := range p.Spec.Volumes {
		if v.Type == "hostPath" {
			bad = append(bad, v.Name)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return &Violation{Reason: "hostPath volumes", Detail: pluralize("volume", "volumes", len(bad)) + " " + joinQuote(bad)}
}

// safeSysctls are namespaced per pod and isolated from other pods: a pod
// may set them. The list grew in v1.27, v1.29 and v1.32; this is the
// newest, applied at every version.
var safeSysctls = set{}

func init() {
	safeSysctls.add("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
		"net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
		"net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
		"net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem")
}

func checkSysctls(p *podView) *Violation {
	sc := p.Spec.SecurityContext
	if sc == nil {
		return nil
	}
	var bad []string
	for _, s := range sc.Sysctls {
		if !safeSysctls[s.Name] {
			bad = append(bad, s.Name)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return &Violation{Reason: "forbidden sysctls", Detail: strings.Join(bad, ", ")}
}
