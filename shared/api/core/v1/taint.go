// Taints and tolerations: a node repels pods, a pod tolerates taints.
//
// Interface:
//   - Taint (key, value, effect) sits on a Node; ToString prints it the
//     way kubectl and the scheduler's messages do, "key=value:Effect".
//   - Toleration sits on a Pod; ToleratesTaint decides whether one
//     toleration covers one taint.
//   - TaintEffect: NoSchedule, PreferNoSchedule, NoExecute.
//   - The well-known taint keys the node controllers and kubelet set.
//
// Talk 003, "Scheduler": taints are one of the constraints the scheduler
// matches; the TaintToleration plugin (stage 4) calls ToleratesTaint.
package corev1

import (
	"fmt"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Well-known taint keys, set by the node lifecycle controller (stage 3) and
// the kubelet (stage 5).
const (
	// TaintNodeNotReady marks a node whose Ready condition is False.
	TaintNodeNotReady = "node.kubernetes.io/not-ready"
	// TaintNodeUnreachable marks a node whose Ready condition is Unknown
	// because its kubelet stopped reporting.
	TaintNodeUnreachable = "node.kubernetes.io/unreachable"
	// TaintNodeUnschedulable mirrors spec.unschedulable (kubectl cordon).
	TaintNodeUnschedulable = "node.kubernetes.io/unschedulable"
	// TaintNodeNetworkUnavailable marks a node whose network is not set up.
	TaintNodeNetworkUnavailable = "node.kubernetes.io/network-unavailable"
)

// Taint makes a node repel pods that do not tolerate it.
type Taint struct {
	Key   string `json:"key"`
	Value string `json:"value,omitempty"`
	// Effect is required.
	Effect TaintEffect `json:"effect"`
	// TimeAdded is set for NoExecute taints, so tolerationSeconds can be
	// counted from it.
	TimeAdded *metav1.Time `json:"timeAdded,omitempty"`
}

// TaintEffect is what a taint does to pods that do not tolerate it.
type TaintEffect string

// The taint effects.
const (
	// TaintEffectNoSchedule keeps new pods off the node; running pods stay.
	TaintEffectNoSchedule TaintEffect = "NoSchedule"
	// TaintEffectPreferNoSchedule only lowers the node's score.
	TaintEffectPreferNoSchedule TaintEffect = "PreferNoSchedule"
	// TaintEffectNoExecute also evicts running pods that do not tolerate
	// it.
	TaintEffectNoExecute TaintEffect = "NoExecute"
)

// ToString formats the taint as "key=value:Effect", or "key:Effect" when
// the value is empty. This is the form kubectl taint accepts and kubectl
// describe node prints.
func (t *Taint) ToString() string {
	if t.Value == "" {
		return fmt.Sprintf("%v:%v", t.Key, t.Effect)
	}
	return fmt.Sprintf("%v=%v:%v", t.Key, t.Value, t.Effect)
}

// MatchTaint reports whether two taints have the same key and effect, which
// is what makes them the same taint (a node holds at most one per pair).
func (t *Taint) MatchTaint(other *Taint) bool {
	return t.Key == other.Key && t.Effect == other.Effect
}

// Toleration lets a pod ignore the taints it matches.
type Toleration struct {
	// Key empty with operator Exists matches every taint.
	Key string `json:"key,omitempty"`
	// Operator defaults to Equal.
	Operator TolerationOperator `json:"operator,omitempty"`
	Value    string             `json:"value,omitempty"`
	// Effect empty matches every effect.
	Effect TaintEffect `json:"effect,omitempty"`
	// TolerationSeconds bounds how long a NoExecute taint is tolerated
	// before eviction; nil means forever. It is ignored for other effects.
	TolerationSeconds *int64 `json:"tolerationSeconds,omitempty"`
}

// TolerationOperator relates a toleration's value to a taint's.
type TolerationOperator string

// The toleration operators. Lt and Gt compare numbers and are behind an
// alpha feature gate upstream; this project does not implement them.
const (
	TolerationOpExists TolerationOperator = "Exists"
	TolerationOpEqual  TolerationOperator = "Equal"
	TolerationOpLt     TolerationOperator = "Lt"
	TolerationOpGt     TolerationOperator = "Gt"
)

// ToleratesTaint reports whether the toleration matches the taint: the
// effects agree (or the toleration's is empty), the keys agree (or the
// toleration's is empty), and either the operator is Exists or the values
// are equal. Any operator other than "", Equal or Exists tolerates nothing.
func (t *Toleration) ToleratesTaint(taint *Taint) bool {
	if t.Effect != "" && t.Effect != taint.Effect {
		return false
	}
	if t.Key != "" && t.Key != taint.Key {
		return false
	}
	switch t.Operator {
	case "", TolerationOpEqual:
		return t.Value == taint.Value
	case TolerationOpExists:
		return true
	default:
		return false
	}
}
