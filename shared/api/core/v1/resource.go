// Compute resources: names, amounts, and what a container asks for.
//
// Interface:
//   - ResourceName and the names cpu, memory, storage, ephemeral-storage
//     and pods.
//   - ResourceList maps a name to a resource.Quantity; Cpu, Memory,
//     Storage, StorageEphemeral, Pods and Name read one entry, returning a
//     zero quantity when it is missing.
//   - ResourceRequirements holds a container's (or, since v1.34, a pod's)
//     requests and limits; VolumeResourceRequirements is the claim form.
//
// Talk 003, "Scheduler": the scheduler sums requests against a node's
// allocatable; the kubelet turns limits into cgroup settings.
package corev1

import "github.com/kubeworkbook/kubeworkbook/shared/api/resource"

// ResourceName names a resource in a ResourceList: "cpu", "memory",
// "hugepages-2Mi", or a prefixed extended resource such as
// "example.com/gpu".
type ResourceName string

// The standard resource names.
const (
	// ResourceCPU is measured in cores: "500m" is half a core.
	ResourceCPU ResourceName = "cpu"
	// ResourceMemory is measured in bytes: "128Mi".
	ResourceMemory ResourceName = "memory"
	// ResourceStorage is a volume's size in bytes.
	ResourceStorage ResourceName = "storage"
	// ResourceEphemeralStorage is node-local scratch space in bytes
	// (container writable layers, logs, emptyDir).
	ResourceEphemeralStorage ResourceName = "ephemeral-storage"
	// ResourcePods is the number of pods a node accepts (node capacity) or
	// a namespace may hold (quota).
	ResourcePods ResourceName = "pods"
)

// Prefixes of resource names.
const (
	// ResourceDefaultNamespacePrefix marks names reserved for Kubernetes.
	ResourceDefaultNamespacePrefix = "kubernetes.io/"
	// ResourceHugePagesPrefix starts the huge page resources, such as
	// "hugepages-2Mi".
	ResourceHugePagesPrefix = "hugepages-"
)

// ResourceList is a set of named quantities, such as a container's limits
// or a node's capacity. A missing name means zero (or "no limit" where the
// list is a limit).
type ResourceList map[ResourceName]resource.Quantity

// Name returns the quantity stored under name, or a zero quantity in
// defaultFormat if there is none. The result is a copy: changing it does
// not change the list.
func (rl *ResourceList) Name(name ResourceName, defaultFormat resource.Format) *resource.Quantity {
	if val, ok := (*rl)[name]; ok {
		return &val
	}
	return &resource.Quantity{Format: defaultFormat}
}

// Cpu returns the "cpu" quantity, zero if absent.
func (rl *ResourceList) Cpu() *resource.Quantity {
	return rl.Name(ResourceCPU, resource.DecimalSI)
}

// Memory returns the "memory" quantity, zero if absent.
func (rl *ResourceList) Memory() *resource.Quantity {
	return rl.Name(ResourceMemory, resource.BinarySI)
}

// Storage returns the "storage" quantity, zero if absent.
func (rl *ResourceList) Storage() *resource.Quantity {
	return rl.Name(ResourceStorage, resource.BinarySI)
}

// StorageEphemeral returns the "ephemeral-storage" quantity, zero if absent.
func (rl *ResourceList) StorageEphemeral() *resource.Quantity {
	return rl.Name(ResourceEphemeralStorage, resource.BinarySI)
}

// Pods returns the "pods" quantity, zero if absent.
func (rl *ResourceList) Pods() *resource.Quantity {
	return rl.Name(ResourcePods, resource.DecimalSI)
}

// ResourceRequirements is what a container (or a whole pod) asks for.
// Requests are what the scheduler reserves on a node; limits are the
// ceiling the kubelet enforces. A request left out defaults to the limit
// when the limit is set.
type ResourceRequirements struct {
	Limits   ResourceList `json:"limits,omitempty"`
	Requests ResourceList `json:"requests,omitempty"`
	// Claims names entries of spec.resourceClaims (dynamic resource
	// allocation) this container uses. Only containers may set it.
	Claims []ResourceClaim `json:"claims,omitempty"`
}

// ResourceClaim names one of the pod's resource claims, and optionally one
// request inside it.
type ResourceClaim struct {
	Name    string `json:"name"`
	Request string `json:"request,omitempty"`
}

// VolumeResourceRequirements is the storage a PersistentVolumeClaim asks
// for; it has no claims, unlike ResourceRequirements.
type VolumeResourceRequirements struct {
	Limits   ResourceList `json:"limits,omitempty"`
	Requests ResourceList `json:"requests,omitempty"`
}
