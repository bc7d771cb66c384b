// Pod status: what the scheduler and the kubelet report about a pod.
//
// Interface:
//   - PodStatus: phase, conditions, IPs, start time, and one
//     ContainerStatus per (init) container.
//   - PodPhase: Pending, Running, Succeeded, Failed (Unknown is never set).
//   - PodCondition and PodConditionType: PodScheduled, Initialized,
//     ContainersReady, Ready, PodReadyToStartContainers, DisruptionTarget.
//   - ContainerState: exactly one of waiting, running, terminated.
//   - PodQOSClass: Guaranteed, Burstable, BestEffort.
//
// Talk 000, "Containers" (update pod status): the scheduler writes PodScheduled, the kubelet
// (stage 5) writes everything else through the pods/status subresource.
// Helpers that read conditions are in podutil.go.
package corev1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// PodStatus is the observed state of a pod. It may lag behind reality,
// for example when the node cannot reach the API server.
type PodStatus struct {
	// ObservedGeneration is the metadata.generation this status was
	// computed from.
	ObservedGeneration int64          `json:"observedGeneration,omitempty"`
	Phase              PodPhase       `json:"phase,omitempty"`
	Conditions         []PodCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
	// Message and Reason explain the phase, such as Reason "Evicted".
	Message string `json:"message,omitempty"`
	Reason  string `json:"reason,omitempty"`
	// NominatedNodeName is where the scheduler expects the pod to go once
	// the pods it preempted are gone.
	NominatedNodeName string `json:"nominatedNodeName,omitempty"`
	// HostIP is the node's primary IP; HostIPs[0] equals it.
	HostIP  string   `json:"hostIP,omitempty"`
	HostIPs []HostIP `json:"hostIPs,omitempty" patchStrategy:"merge" patchMergeKey:"ip"`
	// PodIP is assigned by the CNI plugin when the sandbox is created;
	// PodIPs[0] equals it, with at most one IPv4 and one IPv6.
	PodIP  string  `json:"podIP,omitempty"`
	PodIPs []PodIP `json:"podIPs,omitempty" patchStrategy:"merge" patchMergeKey:"ip"`
	// StartTime is when the kubelet accepted the pod, before any image
	// pull.
	StartTime             *metav1.Time      `json:"startTime,omitempty"`
	InitContainerStatuses []ContainerStatus `json:"initContainerStatuses,omitempty"`
	ContainerStatuses     []ContainerStatus `json:"containerStatuses,omitempty"`
	QOSClass              PodQOSClass       `json:"qosClass,omitempty"`
}

// PodPhase is the coarse summary of where a pod is in its life.
type PodPhase string

// The pod phases.
const (
	// PodPending: accepted, but not every container has started yet
	// (includes waiting to be scheduled and pulling images).
	PodPending PodPhase = "Pending"
	// PodRunning: bound and all containers created; at least one is
	// running or restarting.
	PodRunning PodPhase = "Running"
	// PodSucceeded: all containers exited 0 and will not restart.
	PodSucceeded PodPhase = "Succeeded"
	// PodFailed: all containers exited and at least one failed.
	PodFailed PodPhase = "Failed"
	// PodUnknown is deprecated and no longer set by any component.
	PodUnknown PodPhase = "Unknown"
)

// PodConditionType names a pod condition.
type PodConditionType string

// The built-in pod conditions, in the order a healthy pod gains them.
const (
	// PodScheduled is set by the scheduler: True once bound, False with
	// reason Unschedulable when no node fits.
	PodScheduled PodConditionType = "PodScheduled"
	// PodReadyToStartContainers is True once the sandbox and its network
	// exist.
	PodReadyToStartContainers PodConditionType = "PodReadyToStartContainers"
	// PodInitialized is True once all init containers have completed.
	PodInitialized PodConditionType = "Initialized"
	// ContainersReady is True when every container passes readiness.
	ContainersReady PodConditionType = "ContainersReady"
	// PodReady adds the readiness gates to ContainersReady; Services route
	// only to Ready pods.
	PodReady PodConditionType = "Ready"
	// DisruptionTarget marks a pod about to be deleted by a disruption
	// (preemption, eviction, garbage collection).
	DisruptionTarget PodConditionType = "DisruptionTarget"
)

// Reasons for the PodScheduled condition.
const (
	// PodReasonUnschedulable: no node fits the pod right now.
	PodReasonUnschedulable = "Unschedulable"
	// PodReasonSchedulerError: the scheduler failed internally.
	PodReasonSchedulerError = "SchedulerError"
)

// PodCondition is one condition of a pod.
type PodCondition struct {
	Type PodConditionType `json:"type"`
	// ObservedGeneration is the metadata.generation the condition was set
	// from.
	ObservedGeneration int64           `json:"observedGeneration,omitempty"`
	Status             ConditionStatus `json:"status"`
	// LastProbeTime and LastTransitionTime are values: a zero time is
	// written as null, not left out (encoding/json never omits a struct).
	LastProbeTime      metav1.Time `json:"lastProbeTime,omitempty"`
	LastTransitionTime metav1.Time `json:"lastTransitionTime,omitempty"`
	Reason             string      `json:"reason,omitempty"`
	Message            string      `json:"message,omitempty"`
}

// PodIP is one IP address of a pod.
type PodIP struct {
	IP string `json:"ip"`
}

// HostIP is one IP address of the pod's node.
type HostIP struct {
	IP string `json:"ip"`
}

// PodQOSClass is the quality-of-service class the kubelet derives from the
// pod's requests and limits; it decides who is evicted first.
type PodQOSClass string

// The QoS classes.
const (
	// PodQOSGuaranteed: every container has equal cpu and memory requests
	// and limits.
	PodQOSGuaranteed PodQOSClass = "Guaranteed"
	// PodQOSBurstable: some requests, but not Guaranteed.
	PodQOSBurstable PodQOSClass = "Burstable"
	// PodQOSBestEffort: no requests or limits at all; evicted first.
	PodQOSBestEffort PodQOSClass = "BestEffort"
)

// ContainerStatus is the kubelet's report on one container.
type ContainerStatus struct {
	Name string `json:"name"`
	// State is the current state; LastTerminationState is the previous
	// run's end, kept to debug restarts. Both are values written as {} when
	// empty.
	State                ContainerState `json:"state,omitempty"`
	LastTerminationState ContainerState `json:"lastState,omitempty"`
	// Ready reports the readiness probe (or true once started, when there
	// is none).
	Ready        bool  `json:"ready"`
	RestartCount int32 `json:"restartCount"`
	// Image is the image the runtime resolved; ImageID its digest
	// reference.
	Image   string `json:"image"`
	ImageID string `json:"imageID"`
	// ContainerID is "<runtime>://<id>", such as "containerd://4f1c...".
	ContainerID string `json:"containerID,omitempty"`
	// Started is true after postStart and the startup probe succeed; nil
	// reads as false.
	Started *bool `json:"started,omitempty"`
}

// ContainerState is the state of a container. At most one field is set;
// none set reads as waiting.
type ContainerState struct {
	Waiting    *ContainerStateWaiting    `json:"waiting,omitempty"`
	Running    *ContainerStateRunning    `json:"running,omitempty"`
	Terminated *ContainerStateTerminated `json:"terminated,omitempty"`
}

// ContainerStateWaiting is a container not yet running, with a reason such
// as ContainerCreating, ErrImagePull or CrashLoopBackOff.
type ContainerStateWaiting struct {
	Reason  string `json:"reason,omitempty"`
	Message string `json:"message,omitempty"`
}

// ContainerStateRunning is a running container.
type ContainerStateRunning struct {
	StartedAt metav1.Time `json:"startedAt,omitempty"`
}

// ContainerStateTerminated is a container that has exited.
type ContainerStateTerminated struct {
	ExitCode int32 `json:"exitCode"`
	Signal   int32 `json:"signal,omitempty"`
	// Reason is Completed, Error, OOMKilled, ...
	Reason      string      `json:"reason,omitempty"`
	Message     string      `json:"message,omitempty"`
	StartedAt   metav1.Time `json:"startedAt,omitempty"`
	FinishedAt  metav1.Time `json:"finishedAt,omitempty"`
	ContainerID string      `json:"containerID,omitempty"`
}
