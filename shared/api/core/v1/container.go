// Containers: the processes a pod runs, and how they are started.
//
// Interface:
//   - Container: image, command, ports, environment (env.go), resources
//     (resource.go), volume mounts, probes and lifecycle hooks (probe.go),
//     security settings (security.go).
//   - ContainerPort and Protocol; VolumeMount and MountPropagationMode.
//   - PullPolicy, TerminationMessagePolicy, ContainerRestartPolicy.
//
// The kubelet (stage 5) reads a Container to build the CRI container config
// it sends to containerd; the pod around it is in pod.go.
package corev1

// TerminationMessagePathDefault is where a container may write a last
// message; the kubelet copies it into the terminated state.
const TerminationMessagePathDefault = "/dev/termination-log"

// Container is one process image to run inside a pod.
//
// Only Name is required; Image is optional in the schema so that workload
// templates can leave it to be filled in, but a pod needs it to start.
type Container struct {
	// Name identifies the container within its pod: a DNS label, unique
	// among all the pod's containers. Logs, exec and status refer to the
	// container by it.
	Name string `json:"name"`
	// Image is the container image to run, by reference: nginx,
	// nginx:1.27 or registry.example.com/team/app:v2. Without a tag it
	// means the latest tag. A pod cannot start a container without one.
	Image string `json:"image,omitempty"`
	// Command replaces the image's ENTRYPOINT; args replace its CMD.
	// $(VAR) references to the container's environment are expanded.
	Command []string `json:"command,omitempty"`
	// Args are the arguments to the command, replacing the image's CMD.
	Args []string `json:"args,omitempty"`
	// WorkingDir is the directory the command starts in; the image's own
	// when empty.
	WorkingDir string `json:"workingDir,omitempty"`
	// Ports lists the ports the container listens on. The list is
	// informational, except that named ports can be targeted by a Service
	// and hostPort claims a port on the node.
	Ports []ContainerPort `json:"ports,omitempty" patchStrategy:"merge" patchMergeKey:"containerPort"`
	// EnvFrom sets environment variables from every key of a ConfigMap or
	// Secret.
	EnvFrom []EnvFromSource `json:"envFrom,omitempty"`
	// Env sets environment variables one by one, each from a literal
	// value or from a pod field, a resource, a ConfigMap or a Secret key.
	Env []EnvVar `json:"env,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	// Resources are the CPU and memory the container asks for (requests,
	// which the scheduler reserves) and may not exceed (limits).
	//
	// Resources is a value, not a pointer: an empty one is written as
	// "resources: {}".
	Resources ResourceRequirements `json:"resources,omitempty"`
	// RestartPolicy is only allowed on init containers, where "Always"
	// turns the init container into a sidecar that keeps running next to
	// the regular containers.
	RestartPolicy *ContainerRestartPolicy `json:"restartPolicy,omitempty"`
	// VolumeMounts place the pod's volumes into the container's
	// filesystem.
	VolumeMounts []VolumeMount `json:"volumeMounts,omitempty" patchStrategy:"merge" patchMergeKey:"mountPath"`
	// LivenessProbe is checked periodically; when it fails, the kubelet
	// restarts the container.
	LivenessProbe *Probe `json:"livenessProbe,omitempty"`
	// ReadinessProbe is checked periodically; while it fails, the pod is
	// not ready and Services send it no traffic.
	ReadinessProbe *Probe `json:"readinessProbe,omitempty"`
	// StartupProbe holds back the other probes until it first succeeds,
	// for containers that are slow to start.
	StartupProbe *Probe `json:"startupProbe,omitempty"`
	// Lifecycle holds actions the kubelet runs right after the container
	// starts and right before it is stopped.
	Lifecycle *Lifecycle `json:"lifecycle,omitempty"`
	// TerminationMessagePath defaults to TerminationMessagePathDefault.
	TerminationMessagePath string `json:"terminationMessagePath,omitempty"`
	// TerminationMessagePolicy defaults to File.
	TerminationMessagePolicy TerminationMessagePolicy `json:"terminationMessagePolicy,omitempty"`
	// ImagePullPolicy is when the kubelet pulls the image: Always,
	// IfNotPresent or Never. It defaults to Always for a ":latest" (or
	// untagged) image and to IfNotPresent otherwise.
	ImagePullPolicy PullPolicy `json:"imagePullPolicy,omitempty"`
	// SecurityContext sets the user, capabilities and other privileges
	// the container runs with, over the pod's securityContext.
	SecurityContext *SecurityContext `json:"securityContext,omitempty"`
	// Stdin, StdinOnce and TTY are for interactive containers
	// (kubectl run -it).
	Stdin     bool `json:"stdin,omitempty"`
	StdinOnce bool `json:"stdinOnce,omitempty"`
	TTY       bool `json:"tty,omitempty"`
}

// Protocol is a transport protocol of a port.
type Protocol string

// The protocols a port may use; TCP is the default everywhere.
const (
	ProtocolTCP  Protocol = "TCP"
	ProtocolUDP  Protocol = "UDP"
	ProtocolSCTP Protocol = "SCTP"
)

// ContainerPort is a port a container listens on.
type ContainerPort struct {
	// Name is an IANA service name (at most 15 characters) a Service's
	// targetPort may refer to.
	Name string `json:"name,omitempty"`
	// HostPort, if set, is opened on the node and forwarded here; with
	// hostNetwork it must equal ContainerPort.
	HostPort      int32    `json:"hostPort,omitempty"`
	ContainerPort int32    `json:"containerPort"`
	Protocol      Protocol `json:"protocol,omitempty"`
	HostIP        string   `json:"hostIP,omitempty"`
}

// VolumeMount places one of the pod's volumes into the container's
// filesystem.
type VolumeMount struct {
	// Name must match the name of a volume in spec.volumes.
	Name     string `json:"name"`
	ReadOnly bool   `json:"readOnly,omitempty"`
	// MountPath is absolute inside the container and must not contain ':'.
	MountPath string `json:"mountPath"`
	// SubPath mounts one path inside the volume instead of its root.
	SubPath          string                `json:"subPath,omitempty"`
	MountPropagation *MountPropagationMode `json:"mountPropagation,omitempty"`
}

// MountPropagationMode says whether mounts made on one side of a volume
// mount show up on the other.
type MountPropagationMode string

// The propagation modes; None (Linux "private") is the default.
const (
	MountPropagationNone            MountPropagationMode = "None"
	MountPropagationHostToContainer MountPropagationMode = "HostToContainer"
	MountPropagationBidirectional   MountPropagationMode = "Bidirectional"
)

// PullPolicy says when the kubelet pulls a container's image.
type PullPolicy string

// The pull policies.
const (
	// PullAlways pulls on every container start; a failed pull fails it.
	PullAlways PullPolicy = "Always"
	// PullNever uses only an image already on the node.
	PullNever PullPolicy = "Never"
	// PullIfNotPresent pulls only when the node lacks the image.
	PullIfNotPresent PullPolicy = "IfNotPresent"
)

// TerminationMessagePolicy says where a terminated container's message
// comes from.
type TerminationMessagePolicy string

// The termination message policies.
const (
	// TerminationMessageReadFile reads terminationMessagePath (the default).
	TerminationMessageReadFile TerminationMessagePolicy = "File"
	// TerminationMessageFallbackToLogsOnError uses the tail of the log
	// when the file is empty and the container failed.
	TerminationMessageFallbackToLogsOnError TerminationMessagePolicy = "FallbackToLogsOnError"
)

// ContainerRestartPolicy is the restart policy of a single container.
type ContainerRestartPolicy string

// The container restart policies. On an init container only Always is
// accepted today; it marks a sidecar.
const (
	ContainerRestartPolicyAlways    ContainerRestartPolicy = "Always"
	ContainerRestartPolicyNever     ContainerRestartPolicy = "Never"
	ContainerRestartPolicyOnFailure ContainerRestartPolicy = "OnFailure"
)
