// Security settings of a pod and of its containers.
//
// Interface:
//   - podSecurityContext: spec.securityContext (ids, sysctls, seccomp),
//     with the host namespace rules that depend on the rest of the spec.
//   - containerSecurityContext: spec.containers[*].securityContext.
//
// Privileged containers are allowed, as on a kube-apiserver started with
// --allow-privileged=true (what kubeadm and kind do); whether a given
// user may run one is admission's question (Pod Security), not this
// package's.

package validation

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// Sysctl names: dot- or slash-separated segments, at most 253 characters.
const (
	sysctlSegmentFmt = "[a-z0-9]([-_a-z0-9]*[a-z0-9])?"
	sysctlNameFmt    = "(" + sysctlSegmentFmt + "[\\./])*" + sysctlSegmentFmt
	sysctlMaxLength  = 253
)

var sysctlNameRegexp = regexp.MustCompile("^" + sysctlNameFmt + "$")

// ipcSysctls are the sysctls of the IPC namespace (plus fs.mqueue.*),
// which a pod sharing the host's IPC namespace may not set.
var ipcSysctls = []string{
	"kernel.shmmax", "kernel.shmall", "kernel.shmmni", "kernel.shm_rmid_forced",
	"kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
}

// podSecurityContext checks spec.securityContext of spec.
func podSecurityContext(spec *corev1.PodSpec, path *field.Path) field.ErrorList {
	sc := spec.SecurityContext
	if sc == nil {
		return nil
	}
	var errs field.ErrorList
	if sc.FSGroup != nil {
		errs = append(errs, invalidEach(path.Child("fsGroup"), *sc.FSGroup, isValidID(*sc.FSGroup))...)
	}
	if sc.RunAsUser != nil {
		errs = append(errs, invalidEach(path.Child("runAsUser"), *sc.RunAsUser, isValidID(*sc.RunAsUser))...)
	}
	if sc.RunAsGroup != nil {
		errs = append(errs, invalidEach(path.Child("runAsGroup"), *sc.RunAsGroup, isValidID(*sc.RunAsGroup))...)
	}
	for i, gid := range sc.SupplementalGroups {
		errs = append(errs, invalidEach(path.Child("supplementalGroups").Index(i), gid, isValidID(gid))...)
	}
	if s := spec.ShareProcessNamespace; s != nil && *s && spec.HostPID {
		errs = append(errs, field.Invalid(path.Child("shareProcessNamespace"), *s, "ShareProcessNamespace and HostPID cannot both be enabled"))
	}
	errs = append(errs, sysctls(sc.Sysctls, spec, path.Child("sysctls"))...)
	return append(errs, seccompProfile(sc.SeccompProfile, path.Child("seccompProfile"))...)
}

// sysctls checks each sysctl's name, that none is set twice, and that a
// pod sharing the host's network or IPC namespace does not change that
// namespace's sysctls (they would change the node's).
func sysctls(list []corev1.Sysctl, spec *corev1.PodSpec, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	var names []string
	for i, s := range list {
		namePath := path.Index(i).Child("name")
		switch {
		case s.Name == "":
			errs = append(errs, field.Required(namePath, ""))
		case len(s.Name) > sysctlMaxLength || !sysctlNameRegexp.MatchString(s.Name):
			errs = append(errs, field.Invalid(namePath, s.Name,
				fmt.Sprintf("must have at most %d characters and match regex %s", sysctlMaxLength, sysctlNameRegexp)))
		case slices.Contains(names, s.Name):
			errs = append(errs, field.Duplicate(namePath, s.Name))
		}
		switch {
		case spec.HostNetwork && strings.HasPrefix(s.Name, "net."):
			errs = append(errs, field.Invalid(namePath, s.Name, "may not be specified when 'hostNetwork' is true"))
		case spec.HostIPC && (slices.Contains(ipcSysctls, s.Name) || strings.HasPrefix(s.Name, "fs.mqueue.")):
			errs = append(errs, field.Invalid(namePath, s.Name, "may not be specified when 'hostIPC' is true"))
		}
		names = append(names, s.Name)
	}
	return errs
}

// seccompProfile checks a seccomp profile: a known type, and a local
// profile file exactly when the type is Localhost.
func seccompProfile(p *corev1.SeccompProfile, path *field.Path) field.ErrorList {
	if p == nil {
		return nil
	}
	var errs field.ErrorList
	switch p.Type {
	case corev1.SeccompProfileTypeLocalhost, corev1.SeccompProfileTypeRuntimeDefault, corev1.SeccompProfileTypeUnconfined:
	case "":
		errs = append(errs, field.Required(path.Child("type"), "type is required when seccompProfile is set"))
	default:
		errs = append(errs, field.NotSupported(path.Child("type"), string(p.Type), []corev1.SeccompProfileType{
			corev1.SeccompProfileTypeLocalhost, corev1.SeccompProfileTypeRuntimeDefault, corev1.SeccompProfileTypeUnconfined}))
	}
	switch {
	case p.Type == corev1.SeccompProfileTypeLocalhost && p.LocalhostProfile == nil:
		errs = append(errs, field.Required(path.Child("localhostProfile"), "must be set when seccomp type is Localhost"))
	case p.Type == corev1.SeccompProfileTypeLocalhost:
		errs = append(errs, localDescendingPath(*p.LocalhostProfile, path.Child("localhostProfile"))...)
	case p.LocalhostProfile != nil:
		errs = append(errs, field.Invalid(path.Child("localhostProfile"), p, "can only be set when seccomp type is Localhost"))
	}
	return errs
}

// containerSecurityContext checks one container's security settings.
// Turning off privilege escalation contradicts privileged mode and
// CAP_SYS_ADMIN, which both grant it.
func containerSecurityContext(sc *corev1.SecurityContext, path *field.Path) field.ErrorList {
	if sc == nil {
		return nil
	}
	var errs field.ErrorList
	if sc.RunAsUser != nil {
		errs = append(errs, invalidEach(path.Child("runAsUser"), *sc.RunAsUser, isValidID(*sc.RunAsUser))...)
	}
	if sc.RunAsGroup != nil {
		errs = append(errs, invalidEach(path.Child("runAsGroup"), *sc.RunAsGroup, isValidID(*sc.RunAsGroup))...)
	}
	errs = append(errs, seccompProfile(sc.SeccompProfile, path.Child("seccompProfile"))...)
	if sc.AllowPrivilegeEscalation != nil && !*sc.AllowPrivilegeEscalation {
		if sc.Privileged != nil && *sc.Privileged {
			errs = append(errs, field.Invalid(path, sc, "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"))
		}
		if sc.Capabilities != nil && slices.Contains(sc.Capabilities.Add, "CAP_SYS_ADMIN") {
			errs = append(errs, field.Invalid(path, sc, "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"))
		}
	}
	return errs
}
