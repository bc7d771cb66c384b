// Nodes: the machines pods run on, as their kubelets describe them.
//
// Interface:
//   - Node (with NodeList) = metadata + NodeSpec (podCIDR, taints,
//     unschedulable) + NodeStatus (capacity, allocatable, conditions,
//     addresses, kubelet port, system info, images).
//   - NodeCondition and NodeConditionType (Ready, MemoryPressure, ...);
//     GetNodeCondition finds one.
//   - NodeAddress and NodeAddressType; NodeSystemInfo.
//   - The well-known node labels the kubelet sets on registration.
//
// Talk 003, "Worker nodes": the kubelet (stage 5) registers its Node and
// keeps the Ready condition fresh; the node lifecycle
// controller (stage 3) turns a stale one into taints (taint.go); the
// scheduler (stage 4) fits pods into allocatable.
package corev1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// Well-known node labels, set by the kubelet from the machine it runs on.
const (
	LabelHostname       = "kubernetes.io/hostname"
	LabelOSStable       = "kubernetes.io/os"
	LabelArchStable     = "kubernetes.io/arch"
	LabelTopologyZone   = "topology.kubernetes.io/zone"
	LabelTopologyRegion = "topology.kubernetes.io/region"
)

// Node is one worker machine. Nodes are cluster-scoped.
type Node struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              NodeSpec   `json:"spec,omitempty"`
	Status            NodeStatus `json:"status,omitempty"`
}

// NodeList is a list of Nodes.
type NodeList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Node `json:"items"`
}

// NodeSpec is the desired state of a node.
type NodeSpec struct {
	// PodCIDR is the range pod IPs on this node come from, allocated by
	// the node IPAM controller; PodCIDRs[0] equals it.
	PodCIDR  string   `json:"podCIDR,omitempty"`
	PodCIDRs []string `json:"podCIDRs,omitempty" patchStrategy:"merge"`
	// ProviderID is "<provider>://<id>" for cloud machines.
	ProviderID string `json:"providerID,omitempty"`
	// Unschedulable is set by kubectl cordon; running pods stay.
	Unschedulable bool    `json:"unschedulable,omitempty"`
	Taints        []Taint `json:"taints,omitempty"`
}

// NodeStatus is what the kubelet reports about its node.
type NodeStatus struct {
	// Capacity is the machine's total; Allocatable is what is left for
	// pods after system reservations. The scheduler uses Allocatable.
	Capacity    ResourceList `json:"capacity,omitempty"`
	Allocatable ResourceList `json:"allocatable,omitempty"`
	// Phase is deprecated and never set.
	Phase      NodePhase       `json:"phase,omitempty"`
	Conditions []NodeCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
	Addresses  []NodeAddress   `json:"addresses,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
	// DaemonEndpoints and NodeInfo are values: written as {} when empty.
	DaemonEndpoints NodeDaemonEndpoints `json:"daemonEndpoints,omitempty"`
	NodeInfo        NodeSystemInfo      `json:"nodeInfo,omitempty"`
	Images          []ContainerImage    `json:"images,omitempty"`
}

// NodePhase is the deprecated lifecycle phase of a node.
type NodePhase string

// The node phases (never set by current components).
const (
	NodePending    NodePhase = "Pending"
	NodeRunning    NodePhase = "Running"
	NodeTerminated NodePhase = "Terminated"
)

// NodeConditionType names a node condition.
type NodeConditionType string

// The node conditions the kubelet reports.
const (
	// NodeReady is True when the kubelet is healthy and its runtime and
	// network are ready for pods.
	NodeReady NodeConditionType = "Ready"
	// NodeMemoryPressure, NodeDiskPressure and NodePIDPressure are True
	// when the kubelet is evicting or about to evict for that resource.
	NodeMemoryPressure NodeConditionType = "MemoryPressure"
	NodeDiskPressure   NodeConditionType = "DiskPressure"
	NodePIDPressure    NodeConditionType = "PIDPressure"
	// NodeNetworkUnavailable is True when the node's network is not set up.
	NodeNetworkUnavailable NodeConditionType = "NetworkUnavailable"
)

// NodeCondition is one condition of a node. LastHeartbeatTime is renewed
// on every status report even when nothing changed; LastTransitionTime
// only when Status flips.
type NodeCondition struct {
	Type               NodeConditionType `json:"type"`
	Status             ConditionStatus   `json:"status"`
	LastHeartbeatTime  metav1.Time       `json:"lastHeartbeatTime,omitempty"`
	LastTransitionTime metav1.Time       `json:"lastTransitionTime,omitempty"`
	Reason             string            `json:"reason,omitempty"`
	Message            string            `json:"message,omitempty"`
}

// GetNodeCondition returns the index of the condition of type
// conditionType in status and a pointer into status.Conditions, or -1 and
// nil when status is nil or has no such condition.
func GetNodeCondition(status *NodeStatus, conditionType NodeConditionType) (int, *NodeCondition) {
	if status == nil {
		return -1, nil
	}
	for i := range status.Conditions {
		if status.Conditions[i].Type == conditionType {
			return i, &status.Conditions[i]
		}
	}
	return -1, nil
}

// NodeAddressType is the kind of a node address.
type NodeAddressType string

// The node address types.
const (
	NodeHostName    NodeAddressType = "Hostname"
	NodeInternalIP  NodeAddressType = "InternalIP"
	NodeExternalIP  NodeAddressType = "ExternalIP"
	NodeInternalDNS NodeAddressType = "InternalDNS"
	NodeExternalDNS NodeAddressType = "ExternalDNS"
)

// NodeAddress is one address of a node.
type NodeAddress struct {
	Type    NodeAddressType `json:"type"`
	Address string          `json:"address"`
}

// NodeDaemonEndpoints lists the ports of daemons on the node.
type NodeDaemonEndpoints struct {
	// KubeletEndpoint is where the API server reaches the kubelet for
	// logs, exec and port-forward (10250 by default).
	KubeletEndpoint DaemonEndpoint `json:"kubeletEndpoint,omitempty"`
}

// DaemonEndpoint is the port of one daemon. The JSON name is "Port" with a
// capital P, a historical accident upstream keeps for compatibility.
type DaemonEndpoint struct {
	Port int32 `json:"Port"`
}

// NodeSystemInfo identifies the machine and its software, as shown by
// kubectl get nodes -o wide and kubectl describe node. None of its fields
// has omitempty.
type NodeSystemInfo struct {
	MachineID     string `json:"machineID"`
	SystemUUID    string `json:"systemUUID"`
	BootID        string `json:"bootID"`
	KernelVersion string `json:"kernelVersion"`
	OSImage       string `json:"osImage"`
	// ContainerRuntimeVersion is "<runtime>://<version>", such as
	// "containerd://2.1.4".
	ContainerRuntimeVersion string `json:"containerRuntimeVersion"`
	KubeletVersion          string `json:"kubeletVersion"`
	// KubeProxyVersion is deprecated; kubelets leave it empty.
	KubeProxyVersion string `json:"kubeProxyVersion"`
	OperatingSystem  string `json:"operatingSystem"`
	Architecture     string `json:"architecture"`
}

// ContainerImage is one image present on the node.
type ContainerImage struct {
	// Names has no omitempty: null when the runtime reports none.
	Names     []string `json:"names"`
	SizeBytes int64    `json:"sizeBytes,omitempty"`
}
