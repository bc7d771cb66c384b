// ReplicaSets: keep N copies of a pod template running.
//
// Interface:
//   - ReplicaSet (with ReplicaSetList) = metadata + ReplicaSetSpec
//     (replicas, selector, template) + ReplicaSetStatus (counts,
//     conditions).
//
// Talk 000, "Replicaset controller": the controller (stage 3) compares the
// pods its selector matches with spec.replicas and creates or deletes the
// difference, each pod owned by the ReplicaSet through an
// ownerReference. Usually a Deployment owns the ReplicaSet in turn.
package appsv1

import (
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// ReplicaSet maintains a stable number of identical pods.
type ReplicaSet struct {
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta holds the ReplicaSet's name, namespace, labels and
	// annotations, and the Deployment that owns it, if any.
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Spec is how many pods to keep, which pods count, and what new ones
	// look like.
	Spec ReplicaSetSpec `json:"spec,omitempty"`
	// Status is what the ReplicaSet controller last observed.
	//
	// Status always carries "replicas", even 0, because that field has no
	// omitempty.
	Status ReplicaSetStatus `json:"status,omitempty"`
}

// ReplicaSetList is a list of ReplicaSets.
type ReplicaSetList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ReplicaSet `json:"items"`
}

// ReplicaSetSpec is the desired state of a ReplicaSet.
type ReplicaSetSpec struct {
	// Replicas is how many pods the ReplicaSet keeps running; unset means
	// 1.
	Replicas *int32 `json:"replicas,omitempty"`
	// MinReadySeconds is how long a new pod must be ready before it counts
	// as available.
	MinReadySeconds int32 `json:"minReadySeconds,omitempty"`
	// Selector decides which pods belong to the ReplicaSet; it must match
	// the labels of the pod template.
	//
	// The tag has no omitempty: nil is written as null.
	Selector *metav1.LabelSelector `json:"selector"`
	// Template is what new pods look like; changing it does not touch
	// existing pods.
	Template corev1.PodTemplateSpec `json:"template,omitempty"`
}

// ReplicaSetStatus is the observed state of a ReplicaSet.
type ReplicaSetStatus struct {
	// Replicas counts the non-terminating pods the selector matches. Its
	// tag has no omitempty, unlike the counts below.
	Replicas int32 `json:"replicas"`
	// FullyLabeledReplicas counts pods whose labels match the template's.
	FullyLabeledReplicas int32 `json:"fullyLabeledReplicas,omitempty"`
	ReadyReplicas        int32 `json:"readyReplicas,omitempty"`
	AvailableReplicas    int32 `json:"availableReplicas,omitempty"`
	// TerminatingReplicas counts pods being deleted; nil when not tracked.
	TerminatingReplicas *int32                `json:"terminatingReplicas,omitempty"`
	ObservedGeneration  int64                 `json:"observedGeneration,omitempty"`
	Conditions          []ReplicaSetCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
}

// ReplicaSetConditionType names a ReplicaSet condition.
type ReplicaSetConditionType string

// ReplicaSetReplicaFailure is True when pods cannot be created or deleted.
const ReplicaSetReplicaFailure ReplicaSetConditionType = "ReplicaFailure"

// ReplicaSetCondition is one condition of a ReplicaSet.
type ReplicaSetCondition struct {
	Type               ReplicaSetConditionType `json:"type"`
	Status             corev1.ConditionStatus  `json:"status"`
	LastTransitionTime metav1.Time             `json:"lastTransitionTime,omitempty"`
	Reason             string                  `json:"reason,omitempty"`
	Message            string                  `json:"message,omitempty"`
}
