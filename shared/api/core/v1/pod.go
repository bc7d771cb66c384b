// Pods: the unit the scheduler places and the kubelet runs.
//
// Interface:
//   - Pod (with PodList) = metadata + PodSpec (desired) + PodStatus
//     (observed, pod_status.go).
//   - PodSpec: containers, volumes, placement (nodeName, nodeSelector,
//     affinity, tolerations), identity (serviceAccountName), networking
//     (hostNetwork, dnsPolicy, dnsConfig, hostAliases) and lifetime
//     (restartPolicy, grace period, deadlines).
//   - PodTemplateSpec: the pod shape that Deployments, ReplicaSets and
//     Jobs stamp out.
//   - RestartPolicy, DNSPolicy, PreemptionPolicy, OSName and defaults.
//
// Talk 000 follows one pod from the ReplicaSet controller that creates it,
// through the scheduler's Binding (binding.go) that sets spec.nodeName, to
// the kubelet that starts it; talk 004 numbers the same flow, with the
// Binding as step 7.
package corev1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// Defaults that the API server applies to a pod spec (stage 2).
const (
	// DefaultTerminationGracePeriodSeconds is how long a deleted pod's
	// containers get between SIGTERM and SIGKILL.
	DefaultTerminationGracePeriodSeconds = 30
	// DefaultSchedulerName is the schedulerName of pods that name none.
	DefaultSchedulerName = "default-scheduler"
)

// Pod is a group of containers that share a network namespace and
// volumes, run together on one node.
type Pod struct {
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta holds the pod's name, namespace, labels and annotations,
	// and the controller that owns it, if any.
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Spec is what the pod should run: its containers and volumes, and
	// where and how it may run.
	//
	// Spec and Status are values with omitempty, so even an empty pod is
	// written with "spec": {...} and "status": {}.
	Spec PodSpec `json:"spec,omitempty"`
	// Status is what the kubelet last reported about the pod: its phase,
	// conditions, addresses and the state of each container.
	Status PodStatus `json:"status,omitempty"`
}

// PodList is a list of Pods.
type PodList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Pod `json:"items"`
}

// PodTemplateSpec is the pod a workload controller creates copies of.
// Its metadata carries the labels the controller's selector must match.
type PodTemplateSpec struct {
	// ObjectMeta is the metadata each pod starts with, above all the
	// labels the controller's selector matches.
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Spec is the spec each pod is created with.
	Spec PodSpec `json:"spec,omitempty"`
}

// PodSpec is the desired state of a pod: the containers it runs, the
// volumes they share, and where and how the pod may run.
//
// Most of it cannot change once the pod exists; the exceptions are
// container images, activeDeadlineSeconds, tolerations (additions only)
// and, before binding, nodeName via a Binding.
type PodSpec struct {
	// Volumes are the directories the pod's containers can mount, each
	// with a name and a source (an empty directory, a ConfigMap, a Secret,
	// a claim, ...).
	Volumes []Volume `json:"volumes,omitempty" patchStrategy:"merge,retainKeys" patchMergeKey:"name"`
	// InitContainers run one after another, each to completion, before the
	// regular containers start (except sidecars, see
	// Container.RestartPolicy).
	InitContainers []Container `json:"initContainers,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	// Containers are the pod's main processes, which run side by side for
	// the pod's lifetime. A pod needs at least one; they cannot be added
	// or removed once it exists.
	//
	// Containers has no omitempty: an empty list is written as null.
	Containers []Container `json:"containers" patchStrategy:"merge" patchMergeKey:"name"`
	// RestartPolicy is what the kubelet does when a container exits:
	// Always restart it (the default), restart it only OnFailure, or
	// Never. A Job's pods must use OnFailure or Never.
	RestartPolicy RestartPolicy `json:"restartPolicy,omitempty"`
	// TerminationGracePeriodSeconds nil means the default of 30; 0 means
	// kill immediately.
	TerminationGracePeriodSeconds *int64 `json:"terminationGracePeriodSeconds,omitempty"`
	// ActiveDeadlineSeconds bounds how long the pod may run, counted from
	// status.startTime, before the kubelet fails it.
	ActiveDeadlineSeconds *int64 `json:"activeDeadlineSeconds,omitempty"`
	// DNSPolicy defaults to ClusterFirst.
	DNSPolicy DNSPolicy `json:"dnsPolicy,omitempty"`
	// NodeSelector lists labels a node must all have for the pod to be
	// scheduled there.
	NodeSelector map[string]string `json:"nodeSelector,omitempty"`
	// ServiceAccountName is the identity the pod's processes use to call
	// the API server; defaults to "default".
	ServiceAccountName string `json:"serviceAccountName,omitempty"`
	// DeprecatedServiceAccount is the old name of ServiceAccountName; the
	// server keeps the two equal.
	DeprecatedServiceAccount     string `json:"serviceAccount,omitempty"`
	AutomountServiceAccountToken *bool  `json:"automountServiceAccountToken,omitempty"`
	// NodeName is the node the pod runs on, normally set by the scheduler
	// through a Binding. A pod created with it set skips the scheduler
	// entirely.
	NodeName    string `json:"nodeName,omitempty"`
	HostNetwork bool   `json:"hostNetwork,omitempty"`
	HostPID     bool   `json:"hostPID,omitempty"`
	HostIPC     bool   `json:"hostIPC,omitempty"`
	// ShareProcessNamespace puts all containers in one PID namespace;
	// it cannot be combined with HostPID.
	ShareProcessNamespace *bool                  `json:"shareProcessNamespace,omitempty"`
	SecurityContext       *PodSecurityContext    `json:"securityContext,omitempty"`
	ImagePullSecrets      []LocalObjectReference `json:"imagePullSecrets,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	// Hostname defaults to the pod's name; with Subdomain the pod gets
	// the DNS name <hostname>.<subdomain>.<namespace>.svc.<cluster domain>.
	Hostname  string    `json:"hostname,omitempty"`
	Subdomain string    `json:"subdomain,omitempty"`
	Affinity  *Affinity `json:"affinity,omitempty"`
	// SchedulerName defaults to DefaultSchedulerName; a scheduler only
	// takes pods that name it.
	SchedulerName string       `json:"schedulerName,omitempty"`
	Tolerations   []Toleration `json:"tolerations,omitempty"`
	// HostAliases are extra lines for the pod's /etc/hosts.
	HostAliases []HostAlias `json:"hostAliases,omitempty" patchStrategy:"merge" patchMergeKey:"ip"`
	// PriorityClassName is resolved into Priority by admission (stage 2).
	PriorityClassName string `json:"priorityClassName,omitempty"`
	Priority          *int32 `json:"priority,omitempty"`
	// DNSConfig is merged into the resolv.conf that DNSPolicy produces.
	DNSConfig *PodDNSConfig `json:"dnsConfig,omitempty"`
	// ReadinessGates are extra pod conditions that must be True for the
	// pod to be Ready.
	ReadinessGates []PodReadinessGate `json:"readinessGates,omitempty"`
	// EnableServiceLinks defaults to true: the kubelet injects
	// <SERVICE>_SERVICE_HOST style variables for every Service in the
	// namespace.
	EnableServiceLinks *bool `json:"enableServiceLinks,omitempty"`
	// PreemptionPolicy defaults to PreemptLowerPriority.
	PreemptionPolicy *PreemptionPolicy `json:"preemptionPolicy,omitempty"`
	// Overhead is the cost of the pod's sandbox, added to its requests;
	// set by RuntimeClass admission.
	Overhead                  ResourceList               `json:"overhead,omitempty"`
	TopologySpreadConstraints []TopologySpreadConstraint `json:"topologySpreadConstraints,omitempty" patchStrategy:"merge" patchMergeKey:"topologyKey"`
	// OS restricts the fields that make sense for one operating system.
	OS *PodOS `json:"os,omitempty"`
	// Resources, when set, is a budget for the whole pod that its
	// containers share (pod-level resources, beta since v1.34).
	Resources *ResourceRequirements `json:"resources,omitempty"`
}

// RestartPolicy is what the kubelet does when a container exits.
type RestartPolicy string

// The pod restart policies.
const (
	RestartPolicyAlways    RestartPolicy = "Always"
	RestartPolicyOnFailure RestartPolicy = "OnFailure"
	RestartPolicyNever     RestartPolicy = "Never"
)

// DNSPolicy is how the kubelet writes a pod's resolv.conf (talk 001,
// "resolv.conf").
type DNSPolicy string

// The DNS policies.
const (
	// DNSClusterFirst uses the cluster DNS service, with the namespace's
	// search domains; a hostNetwork pod falls back to Default.
	DNSClusterFirst DNSPolicy = "ClusterFirst"
	// DNSClusterFirstWithHostNet is ClusterFirst even for hostNetwork pods.
	DNSClusterFirstWithHostNet DNSPolicy = "ClusterFirstWithHostNet"
	// DNSDefault copies the node's resolver configuration.
	DNSDefault DNSPolicy = "Default"
	// DNSNone starts empty: everything comes from dnsConfig.
	DNSNone DNSPolicy = "None"
)

// PreemptionPolicy says whether a pending pod may evict lower-priority
// pods to make room.
type PreemptionPolicy string

// The preemption policies.
const (
	PreemptLowerPriority PreemptionPolicy = "PreemptLowerPriority"
	PreemptNever         PreemptionPolicy = "Never"
)

// HostAlias is one /etc/hosts entry.
type HostAlias struct {
	IP        string   `json:"ip"`
	Hostnames []string `json:"hostnames,omitempty"`
}

// PodDNSConfig adds to the resolver configuration DNSPolicy produces.
type PodDNSConfig struct {
	Nameservers []string             `json:"nameservers,omitempty"`
	Searches    []string             `json:"searches,omitempty"`
	Options     []PodDNSConfigOption `json:"options,omitempty"`
}

// PodDNSConfigOption is one resolv.conf option, such as ndots:2.
type PodDNSConfigOption struct {
	// Name is required even though the tag has omitempty.
	Name  string  `json:"name,omitempty"`
	Value *string `json:"value,omitempty"`
}

// PodReadinessGate names a pod condition that must be True for the pod to
// count as Ready.
type PodReadinessGate struct {
	ConditionType PodConditionType `json:"conditionType"`
}

// PodOS names the operating system a pod's containers need.
type PodOS struct {
	Name OSName `json:"name"`
}

// OSName is an operating system name as used by PodOS and the
// kubernetes.io/os node label.
type OSName string

// The operating systems.
const (
	Linux   OSName = "linux"
	Windows OSName = "windows"
)
