// ResourceQuotas: aggregate limits on what a namespace may consume.
//
// Interface:
//   - ResourceQuota (with ResourceQuotaList) = spec.hard (the limits),
//     scopes, and status.hard/used.
//   - The quota resource names: object counts ("pods", "services", ...)
//     and compute totals ("requests.cpu", "limits.memory", ...).
//   - ResourceQuotaScope and ScopeSelector narrow what a quota counts.
//
// The ResourceQuota admission plugin (stage 2) rejects a create that would
// push used over hard; the quota controller (stage 3) recomputes used.
package corev1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// Quota resource names, beyond the compute names of resource.go. Object
// counts are also written "count/<resource>.<group>".
const (
	ResourceServices               ResourceName = "services"
	ResourceReplicationControllers ResourceName = "replicationcontrollers"
	ResourceQuotas                 ResourceName = "resourcequotas"
	ResourceSecrets                ResourceName = "secrets"
	ResourceConfigMaps             ResourceName = "configmaps"
	ResourcePersistentVolumeClaims ResourceName = "persistentvolumeclaims"
	ResourceServicesNodePorts      ResourceName = "services.nodeports"
	ResourceServicesLoadBalancers  ResourceName = "services.loadbalancers"

	ResourceRequestsCPU              ResourceName = "requests.cpu"
	ResourceRequestsMemory           ResourceName = "requests.memory"
	ResourceRequestsStorage          ResourceName = "requests.storage"
	ResourceRequestsEphemeralStorage ResourceName = "requests.ephemeral-storage"
	ResourceLimitsCPU                ResourceName = "limits.cpu"
	ResourceLimitsMemory             ResourceName = "limits.memory"
	ResourceLimitsEphemeralStorage   ResourceName = "limits.ephemeral-storage"
)

// DefaultResourceRequestsPrefix starts quota names of requests.
const DefaultResourceRequestsPrefix = "requests."

// ResourceQuota limits the total resources of a namespace.
type ResourceQuota struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              ResourceQuotaSpec   `json:"spec,omitempty"`
	Status            ResourceQuotaStatus `json:"status,omitempty"`
}

// ResourceQuotaList is a list of ResourceQuotas.
type ResourceQuotaList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ResourceQuota `json:"items"`
}

// ResourceQuotaSpec is the desired quota.
type ResourceQuotaSpec struct {
	Hard ResourceList `json:"hard,omitempty"`
	// Scopes and ScopeSelector must all match an object for it to count.
	Scopes        []ResourceQuotaScope `json:"scopes,omitempty"`
	ScopeSelector *ScopeSelector       `json:"scopeSelector,omitempty"`
}

// ResourceQuotaStatus is the enforced quota and the current usage.
type ResourceQuotaStatus struct {
	Hard ResourceList `json:"hard,omitempty"`
	Used ResourceList `json:"used,omitempty"`
}

// ResourceQuotaScope filters the pods a quota counts.
type ResourceQuotaScope string

// The quota scopes.
const (
	// ResourceQuotaScopeTerminating: pods with activeDeadlineSeconds set.
	ResourceQuotaScopeTerminating ResourceQuotaScope = "Terminating"
	// ResourceQuotaScopeNotTerminating: pods without it.
	ResourceQuotaScopeNotTerminating ResourceQuotaScope = "NotTerminating"
	// ResourceQuotaScopeBestEffort: pods of the BestEffort QoS class.
	ResourceQuotaScopeBestEffort ResourceQuotaScope = "BestEffort"
	// ResourceQuotaScopeNotBestEffort: all other pods.
	ResourceQuotaScopeNotBestEffort ResourceQuotaScope = "NotBestEffort"
	// ResourceQuotaScopePriorityClass: pods naming a priority class.
	ResourceQuotaScopePriorityClass ResourceQuotaScope = "PriorityClass"
)

// ScopeSelector ANDs its requirements.
type ScopeSelector struct {
	MatchExpressions []ScopedResourceSelectorRequirement `json:"matchExpressions,omitempty"`
}

// ScopedResourceSelectorRequirement relates a scope to a set of values.
type ScopedResourceSelectorRequirement struct {
	ScopeName ResourceQuotaScope    `json:"scopeName"`
	Operator  ScopeSelectorOperator `json:"operator"`
	Values    []string              `json:"values,omitempty"`
}

// ScopeSelectorOperator is the relation of a scope requirement.
type ScopeSelectorOperator string

// The scope selector operators.
const (
	ScopeSelectorOpIn           ScopeSelectorOperator = "In"
	ScopeSelectorOpNotIn        ScopeSelectorOperator = "NotIn"
	ScopeSelectorOpExists       ScopeSelectorOperator = "Exists"
	ScopeSelectorOpDoesNotExist ScopeSelectorOperator = "DoesNotExist"
)
