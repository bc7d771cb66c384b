// Scheduling constraints a pod carries: node affinity, inter-pod affinity
// and anti-affinity, and topology spread.
//
// Interface:
//   - Affinity groups NodeAffinity, PodAffinity and PodAntiAffinity.
//   - NodeSelector / NodeSelectorTerm / NodeSelectorRequirement express
//     "terms are ORed, requirements inside a term are ANDed".
//   - PodAffinityTerm selects pods by label within a topology domain
//     (topologyKey, such as kubernetes.io/hostname).
//   - TopologySpreadConstraint bounds how unevenly matching pods spread.
//
// "Required" rules filter nodes, "preferred" rules score them: talk 003,
// "Scheduler" (nodeSelector / affinity / taints). The scheduler's plugins
// (stage 4) read these; taints and tolerations are in taint.go.
package corev1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// Affinity is the set of affinity rules of a pod.
type Affinity struct {
	NodeAffinity    *NodeAffinity    `json:"nodeAffinity,omitempty"`
	PodAffinity     *PodAffinity     `json:"podAffinity,omitempty"`
	PodAntiAffinity *PodAntiAffinity `json:"podAntiAffinity,omitempty"`
}

// NodeAffinity attracts a pod to nodes by their labels or fields.
// "IgnoredDuringExecution" means a running pod is not evicted when the node
// stops matching.
type NodeAffinity struct {
	RequiredDuringSchedulingIgnoredDuringExecution  *NodeSelector             `json:"requiredDuringSchedulingIgnoredDuringExecution,omitempty"`
	PreferredDuringSchedulingIgnoredDuringExecution []PreferredSchedulingTerm `json:"preferredDuringSchedulingIgnoredDuringExecution,omitempty"`
}

// NodeSelector matches a node if any of its terms matches.
type NodeSelector struct {
	NodeSelectorTerms []NodeSelectorTerm `json:"nodeSelectorTerms"`
}

// NodeSelectorTerm matches a node if all its requirements do. An empty
// term matches no node.
type NodeSelectorTerm struct {
	// MatchExpressions test node labels.
	MatchExpressions []NodeSelectorRequirement `json:"matchExpressions,omitempty"`
	// MatchFields test node fields; only metadata.name is supported.
	MatchFields []NodeSelectorRequirement `json:"matchFields,omitempty"`
}

// NodeSelectorRequirement relates one key to a set of values.
type NodeSelectorRequirement struct {
	Key      string               `json:"key"`
	Operator NodeSelectorOperator `json:"operator"`
	// Values must be non-empty for In and NotIn, empty for Exists and
	// DoesNotExist, and a single integer for Gt and Lt.
	Values []string `json:"values,omitempty"`
}

// NodeSelectorOperator is the relation of a NodeSelectorRequirement.
type NodeSelectorOperator string

// The node selector operators.
const (
	NodeSelectorOpIn           NodeSelectorOperator = "In"
	NodeSelectorOpNotIn        NodeSelectorOperator = "NotIn"
	NodeSelectorOpExists       NodeSelectorOperator = "Exists"
	NodeSelectorOpDoesNotExist NodeSelectorOperator = "DoesNotExist"
	NodeSelectorOpGt           NodeSelectorOperator = "Gt"
	NodeSelectorOpLt           NodeSelectorOperator = "Lt"
)

// PreferredSchedulingTerm adds Weight (1-100) to the score of every node
// that matches Preference.
type PreferredSchedulingTerm struct {
	Weight     int32            `json:"weight"`
	Preference NodeSelectorTerm `json:"preference"`
}

// PodAffinity draws a pod towards nodes already running matching pods.
type PodAffinity struct {
	RequiredDuringSchedulingIgnoredDuringExecution  []PodAffinityTerm         `json:"requiredDuringSchedulingIgnoredDuringExecution,omitempty"`
	PreferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm `json:"preferredDuringSchedulingIgnoredDuringExecution,omitempty"`
}

// PodAntiAffinity keeps a pod away from nodes running matching pods.
type PodAntiAffinity struct {
	RequiredDuringSchedulingIgnoredDuringExecution  []PodAffinityTerm         `json:"requiredDuringSchedulingIgnoredDuringExecution,omitempty"`
	PreferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm `json:"preferredDuringSchedulingIgnoredDuringExecution,omitempty"`
}

// PodAffinityTerm selects a set of pods; two nodes are "co-located" when
// they have the same value of the TopologyKey label.
type PodAffinityTerm struct {
	// LabelSelector nil matches no pods.
	LabelSelector *metav1.LabelSelector `json:"labelSelector,omitempty"`
	// Namespaces empty (with a nil NamespaceSelector) means the pod's own
	// namespace.
	Namespaces  []string `json:"namespaces,omitempty"`
	TopologyKey string   `json:"topologyKey"`
	// NamespaceSelector adds namespaces by label; {} selects all.
	NamespaceSelector *metav1.LabelSelector `json:"namespaceSelector,omitempty"`
}

// WeightedPodAffinityTerm is a preferred pod affinity term and its weight
// (1-100).
type WeightedPodAffinityTerm struct {
	Weight          int32           `json:"weight"`
	PodAffinityTerm PodAffinityTerm `json:"podAffinityTerm"`
}

// TopologySpreadConstraint limits how unevenly pods matching LabelSelector
// may be spread over the domains of TopologyKey.
type TopologySpreadConstraint struct {
	// MaxSkew is the largest allowed difference between the most and the
	// least loaded domain; at least 1.
	MaxSkew           int32                         `json:"maxSkew"`
	TopologyKey       string                        `json:"topologyKey"`
	WhenUnsatisfiable UnsatisfiableConstraintAction `json:"whenUnsatisfiable"`
	LabelSelector     *metav1.LabelSelector         `json:"labelSelector,omitempty"`
	MinDomains        *int32                        `json:"minDomains,omitempty"`
	// NodeAffinityPolicy nil means Honor; NodeTaintsPolicy nil means Ignore.
	NodeAffinityPolicy *NodeInclusionPolicy `json:"nodeAffinityPolicy,omitempty"`
	NodeTaintsPolicy   *NodeInclusionPolicy `json:"nodeTaintsPolicy,omitempty"`
	MatchLabelKeys     []string             `json:"matchLabelKeys,omitempty"`
}

// UnsatisfiableConstraintAction says what to do when a spread constraint
// cannot be met.
type UnsatisfiableConstraintAction string

// The actions for an unsatisfiable spread constraint.
const (
	// DoNotSchedule makes the constraint a filter.
	DoNotSchedule UnsatisfiableConstraintAction = "DoNotSchedule"
	// ScheduleAnyway makes it only a score.
	ScheduleAnyway UnsatisfiableConstraintAction = "ScheduleAnyway"
)

// NodeInclusionPolicy says whether a node's affinity or taints decide if it
// counts as a domain when computing skew.
type NodeInclusionPolicy string

// The node inclusion policies.
const (
	NodeInclusionPolicyIgnore NodeInclusionPolicy = "Ignore"
	NodeInclusionPolicyHonor  NodeInclusionPolicy = "Honor"
)
