// Containers: names, images, ports and volume mounts of the processes a
// pod runs.
//
// Interface:
//   - validateContainers: spec.containers (at least one; names unique).
//   - validateInitContainers: spec.initContainers (names unique across
//     both lists; probes and lifecycle only on sidecars, those with
//     restartPolicy Always).
//   - containerCommon: the rules every container obeys.
//
// Environment variables are env.go, probes and hooks probe.go, security
// settings security.go, resources resources.go.

package validation

import (
	"fmt"
	"slices"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	sharedvalidation "github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// validateContainers checks the regular containers. A pod without any is
// the first error a dedented template produces (talk 002's Deployment:
// its pod spec ends up beside the template, so the template has none).
func validateContainers(containers []corev1.Container, vols map[string]corev1.VolumeSource, grace *int64, path *field.Path) field.ErrorList {
	if len(containers) == 0 {
		return field.ErrorList{field.Required(path, "")}
	}
	var errs field.ErrorList
	var names []string
	for i := range containers {
		c := &containers[i]
		idx := path.Index(i)
		errs = append(errs, containerCommon(c, vols, idx)...)
		if slices.Contains(names, c.Name) {
			errs = append(errs, field.Duplicate(idx.Child("name"), c.Name))
		} else {
			names = append(names, c.Name)
		}
		if c.Lifecycle != nil {
			errs = append(errs, validateLifecycle(c.Lifecycle, grace, idx.Child("lifecycle"))...)
		}
		errs = append(errs, livenessProbe(c.LivenessProbe, grace, idx.Child("livenessProbe"))...)
		errs = append(errs, readinessProbe(c.ReadinessProbe, grace, idx.Child("readinessProbe"))...)
		errs = append(errs, startupProbe(c.StartupProbe, grace, idx.Child("startupProbe"))...)
		if c.RestartPolicy != nil {
			errs = append(errs, field.Forbidden(idx.Child("restartPolicy"), "may not be set for non-init containers"))
		}
	}
	// Regular containers run together, so their host ports must not clash.
	return append(errs, hostPortConflicts(containers, path)...)
}

// validateInitContainers checks the init containers. Their names share
// one space with the regular containers'. Only a sidecar (restartPolicy
// Always) keeps running, so only it may have probes and hooks.
func validateInitContainers(inits, regular []corev1.Container, vols map[string]corev1.VolumeSource, grace *int64, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	names := make([]string, 0, len(regular)+len(inits))
	for _, c := range regular {
		names = append(names, c.Name)
	}
	for i := range inits {
		c := &inits[i]
		idx := path.Index(i)
		errs = append(errs, containerCommon(c, vols, idx)...)
		sidecar := false
		if c.RestartPolicy != nil {
			errs = append(errs, oneOfOrUnsupported(*c.RestartPolicy, idx.Child("restartPolicy"), corev1.ContainerRestartPolicyAlways)...)
			sidecar = *c.RestartPolicy == corev1.ContainerRestartPolicyAlways
		}
		if slices.Contains(names, c.Name) {
			errs = append(errs, field.Duplicate(idx.Child("name"), c.Name))
		} else if c.Name != "" {
			names = append(names, c.Name)
		}
		// Init containers run one at a time: check each on its own.
		errs = append(errs, hostPortConflicts(inits[i:i+1], path)...)
		if sidecar {
			if c.Lifecycle != nil {
				errs = append(errs, validateLifecycle(c.Lifecycle, grace, idx.Child("lifecycle"))...)
			}
			errs = append(errs, livenessProbe(c.LivenessProbe, grace, idx.Child("livenessProbe"))...)
			errs = append(errs, readinessProbe(c.ReadinessProbe, grace, idx.Child("readinessProbe"))...)
			errs = append(errs, startupProbe(c.StartupProbe, grace, idx.Child("startupProbe"))...)
			continue
		}
		const noSidecar = "may not be set for init containers without restartPolicy=Always"
		if c.Lifecycle != nil {
			errs = append(errs, field.Forbidden(idx.Child("lifecycle"), noSidecar))
		}
		if c.LivenessProbe != nil {
			errs = append(errs, field.Forbidden(idx.Child("livenessProbe"), noSidecar))
		}
		if c.ReadinessProbe != nil {
			errs = append(errs, field.Forbidden(idx.Child("readinessProbe"), noSidecar))
		}
		if c.StartupProbe != nil {
			errs = append(errs, field.Forbidden(idx.Child("startupProbe"), noSidecar))
		}
	}
	return errs
}

// containerCommon checks what every container must satisfy. The image is
// required but its format is not checked: the server accepts any string,
// and a bad reference fails at pull time (InvalidImageName).
func containerCommon(c *corev1.Container, vols map[string]corev1.VolumeSource, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if c.Name == "" {
		errs = append(errs, field.Required(path.Child("name"), ""))
	} else {
		errs = append(errs, dns1123Label(c.Name, path.Child("name"))...)
	}
	if c.Image == "" {
		errs = append(errs, field.Required(path.Child("image"), ""))
	}
	errs = append(errs, oneOf(c.TerminationMessagePolicy, path.Child("terminationMessagePolicy"),
		corev1.TerminationMessageReadFile, corev1.TerminationMessageFallbackToLogsOnError)...)
	errs = append(errs, containerPorts(c.Ports, path.Child("ports"))...)
	errs = append(errs, validateEnv(c.Env, path.Child("env"))...)
	errs = append(errs, validateEnvFrom(c.EnvFrom, path.Child("envFrom"))...)
	errs = append(errs, volumeMounts(c, vols, path.Child("volumeMounts"))...)
	errs = append(errs, oneOf(c.ImagePullPolicy, path.Child("imagePullPolicy"),
		corev1.PullAlways, corev1.PullIfNotPresent, corev1.PullNever)...)
	errs = append(errs, validateResourceRequirements(&c.Resources, path.Child("resources"))...)
	return append(errs, containerSecurityContext(c.SecurityContext, path.Child("securityContext"))...)
}

// oneOfOrUnsupported is oneOf for a field whose empty value is just
// another unsupported value.
func oneOfOrUnsupported[T ~string](value T, path *field.Path, valid ...T) field.ErrorList {
	if slices.Contains(valid, value) {
		return nil
	}
	return field.ErrorList{field.NotSupported(path, string(value), valid)}
}

// supportedProtocols are the port protocols, sorted as upstream lists
// them.
var supportedProtocols = []corev1.Protocol{corev1.ProtocolSCTP, corev1.ProtocolTCP, corev1.ProtocolUDP}

// protocol checks a port's protocol, which defaulting sets to TCP.
func protocol(p corev1.Protocol, path *field.Path) field.ErrorList {
	if p == "" {
		return field.ErrorList{field.Required(path, "")}
	}
	return oneOfOrUnsupported(p, path, supportedProtocols...)
}

// containerPorts checks a container's ports: named ports are IANA service
// names and unique (a Service's targetPort refers to them by name),
// numbers are 1-65535.
func containerPorts(ports []corev1.ContainerPort, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	var names []string
	for i, p := range ports {
		idx := path.Index(i)
		if p.Name != "" {
			if msgs := sharedvalidation.IsValidPortName(p.Name); len(msgs) != 0 {
				errs = append(errs, invalidEach(idx.Child("name"), p.Name, msgs)...)
			} else if slices.Contains(names, p.Name) {
				errs = append(errs, field.Duplicate(idx.Child("name"), p.Name))
			} else {
				names = append(names, p.Name)
			}
		}
		if p.ContainerPort == 0 {
			errs = append(errs, field.Required(idx.Child("containerPort"), ""))
		} else {
			errs = append(errs, invalidEach(idx.Child("containerPort"), p.ContainerPort, sharedvalidation.IsValidPortNum(int(p.ContainerPort)))...)
		}
		if p.HostPort != 0 {
			errs = append(errs, invalidEach(idx.Child("hostPort"), p.HostPort, sharedvalidation.IsValidPortNum(int(p.HostPort)))...)
		}
		errs = append(errs, protocol(p.Protocol, idx.Child("protocol"))...)
	}
	return errs
}

// hostPortConflicts reports a hostPort (with its protocol and host IP)
// claimed twice among containers that run at the same time.
func hostPortConflicts(containers []corev1.Container, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	var seen []string
	for ci, c := range containers {
		for pi, p := range c.Ports {
			if p.HostPort == 0 {
				continue
			}
			key := fmt.Sprintf("%s/%s/%d", p.Protocol, p.HostIP, p.HostPort)
			if slices.Contains(seen, key) {
				errs = append(errs, field.Duplicate(path.Index(ci).Child("ports").Index(pi).Child("hostPort"), key))
			} else {
				seen = append(seen, key)
			}
		}
	}
	return errs
}

// volumeMounts checks that each mount names a volume of the pod, has a
// unique mountPath, and a subPath that stays inside the volume. As
// upstream, the subPath and mountPropagation errors are reported at
// volumeMounts.subPath, not at the mount's index.
func volumeMounts(c *corev1.Container, vols map[string]corev1.VolumeSource, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	var mountPoints []string
	for i, m := range c.VolumeMounts {
		idx := path.Index(i)
		if m.Name == "" {
			errs = append(errs, field.Required(idx.Child("name"), ""))
		}
		if _, ok := vols[m.Name]; !ok {
			errs = append(errs, field.NotFound(idx.Child("name"), m.Name))
		}
		if m.MountPath == "" {
			errs = append(errs, field.Required(idx.Child("mountPath"), ""))
		}
		if slices.Contains(mountPoints, m.MountPath) {
			errs = append(errs, field.Invalid(idx.Child("mountPath"), m.MountPath, "must be unique"))
		}
		mountPoints = append(mountPoints, m.MountPath)
		if m.SubPath != "" {
			errs = append(errs, localDescendingPath(m.SubPath, path.Child("subPath"))...)
		}
		if m.MountPropagation != nil {
			errs = append(errs, mountPropagation(*m.MountPropagation, c, path.Child("mountPropagation"))...)
		}
	}
	return errs
}

// mountPropagation checks the mode; Bidirectional lets the container
// mount into the host, so only a privileged container may ask for it.
func mountPropagation(mode corev1.MountPropagationMode, c *corev1.Container, path *field.Path) field.ErrorList {
	errs := oneOfOrUnsupported(mode, path, corev1.MountPropagationBidirectional, corev1.MountPropagationHostToContainer, corev1.MountPropagationNone)
	privileged := c.SecurityContext != nil && c.SecurityContext.Privileged != nil && *c.SecurityContext.Privileged
	if mode == corev1.MountPropagationBidirectional && !privileged {
		errs = append(errs, field.Forbidden(path, "Bidirectional mount propagation is available only to privileged containers"))
	}
	return errs
}
