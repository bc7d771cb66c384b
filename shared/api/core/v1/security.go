// Security settings of a pod and of its containers.
//
// Interface:
//   - PodSecurityContext: user, group, fsGroup, supplemental groups,
//     sysctls and seccomp profile for every container of the pod.
//   - SecurityContext: per-container settings (capabilities, privileged,
//     read-only root, privilege escalation); where a field exists at both
//     levels, the container's value wins.
//   - SeccompProfile, Capabilities, Sysctl.
//
// The kubelet (stage 5) turns these into the Linux part of the CRI
// container config.
package corev1

// PodSecurityContext holds settings that apply to all containers of a pod.
// Every field is optional; unset means the runtime's or image's default.
type PodSecurityContext struct {
	RunAsUser    *int64 `json:"runAsUser,omitempty"`
	RunAsGroup   *int64 `json:"runAsGroup,omitempty"`
	RunAsNonRoot *bool  `json:"runAsNonRoot,omitempty"`
	// SupplementalGroups are added to every container's first process.
	SupplementalGroups []int64 `json:"supplementalGroups,omitempty"`
	// FSGroup owns the files of volumes that support ownership management
	// (emptyDir, configMap, secret, ...), and is added to every process.
	FSGroup *int64 `json:"fsGroup,omitempty"`
	// Sysctls are namespaced kernel parameters set in the pod's sandbox.
	Sysctls        []Sysctl        `json:"sysctls,omitempty"`
	SeccompProfile *SeccompProfile `json:"seccompProfile,omitempty"`
}

// SecurityContext holds per-container security settings.
type SecurityContext struct {
	Capabilities *Capabilities `json:"capabilities,omitempty"`
	// Privileged gives the container nearly all of root's power on the
	// host (all capabilities, all devices).
	Privileged             *bool  `json:"privileged,omitempty"`
	RunAsUser              *int64 `json:"runAsUser,omitempty"`
	RunAsGroup             *int64 `json:"runAsGroup,omitempty"`
	RunAsNonRoot           *bool  `json:"runAsNonRoot,omitempty"`
	ReadOnlyRootFilesystem *bool  `json:"readOnlyRootFilesystem,omitempty"`
	// AllowPrivilegeEscalation false sets no_new_privs on the process.
	AllowPrivilegeEscalation *bool           `json:"allowPrivilegeEscalation,omitempty"`
	SeccompProfile           *SeccompProfile `json:"seccompProfile,omitempty"`
}

// Capability is a POSIX capability name without the CAP_ prefix, such as
// "NET_ADMIN".
type Capability string

// Capabilities adds to and drops from the runtime's default set.
type Capabilities struct {
	Add  []Capability `json:"add,omitempty"`
	Drop []Capability `json:"drop,omitempty"`
}

// Sysctl is one kernel parameter and its value.
type Sysctl struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// SeccompProfile chooses the seccomp filter of a pod or container.
// LocalhostProfile must be set exactly when Type is Localhost.
type SeccompProfile struct {
	Type             SeccompProfileType `json:"type"`
	LocalhostProfile *string            `json:"localhostProfile,omitempty"`
}

// SeccompProfileType is the kind of seccomp profile.
type SeccompProfileType string

// The seccomp profile types.
const (
	// SeccompProfileTypeUnconfined applies no filter.
	SeccompProfileTypeUnconfined SeccompProfileType = "Unconfined"
	// SeccompProfileTypeRuntimeDefault uses the container runtime's filter.
	SeccompProfileTypeRuntimeDefault SeccompProfileType = "RuntimeDefault"
	// SeccompProfileTypeLocalhost loads a file below the kubelet's seccomp
	// directory.
	SeccompProfileTypeLocalhost SeccompProfileType = "Localhost"
)
