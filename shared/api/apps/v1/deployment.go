// Deployments: declarative rollouts of a pod template.
//
// Interface:
//   - Deployment (with DeploymentList) = metadata + DeploymentSpec +
//     DeploymentStatus.
//   - DeploymentSpec: replicas, selector, template, strategy (Recreate or
//     RollingUpdate with maxSurge/maxUnavailable), revision history,
//     paused, progress deadline.
//   - DeploymentStatus: replica counts by kind, conditions (Available,
//     Progressing, ReplicaFailure), collisionCount.
//   - DefaultDeploymentUniqueLabelKey: the pod-template-hash label.
//
// The Deployment controller (stage 3) creates one ReplicaSet per template
// hash and scales old and new ones according to the strategy.
package appsv1

import (
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// DefaultDeploymentUniqueLabelKey is the label the Deployment controller
// adds to a ReplicaSet's selector, template and pods, with the hash of the
// pod template as its value, so ReplicaSets of one Deployment never fight
// over pods.
const DefaultDeploymentUniqueLabelKey = "pod-template-hash"

// Deployment declares a replicated, updatable set of pods. Its controller
// runs the pods through ReplicaSets, one per version of the pod template,
// and moves from the old version to a new one by the chosen strategy.
type Deployment struct {
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta holds the Deployment's name, namespace, labels and
	// annotations.
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Spec is what the Deployment should run: how many pods, made from
	// which template, and how to replace them when the template changes.
	Spec DeploymentSpec `json:"spec,omitempty"`
	// Status is what the Deployment controller last observed: how many
	// pods exist, are up to date and are available. It is written by the
	// controller, not by users.
	//
	// Status is a value: an empty status is written as "status": {}.
	Status DeploymentStatus `json:"status,omitempty"`
}

// DeploymentList is a list of Deployments.
type DeploymentList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Deployment `json:"items"`
}

// DeploymentSpec is the desired state of a Deployment.
type DeploymentSpec struct {
	// Replicas is how many pods the Deployment keeps running. Unset means
	// 1; 0 is allowed and stops every pod while keeping the Deployment.
	//
	// The API server fills in the default.
	Replicas *int32 `json:"replicas,omitempty"`
	// Selector decides which pods belong to the Deployment. It must match
	// the labels of the pod template and cannot change after create.
	//
	// The tag has no omitempty: nil is written as null.
	Selector *metav1.LabelSelector `json:"selector"`
	// Template is the pod every replica is made from. Changing it starts a
	// rollout: pods from the old template are replaced by new ones.
	Template corev1.PodTemplateSpec `json:"template"`
	// Strategy is how a rollout replaces old pods: all at once (Recreate)
	// or a few at a time (RollingUpdate, the default, with 25% surge and
	// 25% unavailable).
	//
	// Strategy is a value with omitempty, written as "strategy: {}" when
	// empty; the server fills in the default.
	Strategy DeploymentStrategy `json:"strategy,omitempty" patchStrategy:"retainKeys"`
	// MinReadySeconds is how long a new pod must be ready before it counts
	// as available.
	MinReadySeconds int32 `json:"minReadySeconds,omitempty"`
	// RevisionHistoryLimit is how many old ReplicaSets to keep, scaled to
	// zero, so that kubectl rollout undo can go back to them; defaults to
	// 10.
	RevisionHistoryLimit *int32 `json:"revisionHistoryLimit,omitempty"`
	// Paused, when true, makes the controller ignore changes to the
	// template until it is set back to false (kubectl rollout pause and
	// resume).
	Paused bool `json:"paused,omitempty"`
	// ProgressDeadlineSeconds is how long a rollout may make no progress
	// before Progressing turns False; defaults to 600.
	ProgressDeadlineSeconds *int32 `json:"progressDeadlineSeconds,omitempty"`
}

// DeploymentStrategy is how old pods are replaced by new ones.
type DeploymentStrategy struct {
	// Type is Recreate (delete every old pod, then create the new ones) or
	// RollingUpdate (replace them gradually); the default is RollingUpdate.
	Type DeploymentStrategyType `json:"type,omitempty"`
	// RollingUpdate bounds the pace of a rolling update. It may only be
	// set when the type is RollingUpdate.
	RollingUpdate *RollingUpdateDeployment `json:"rollingUpdate,omitempty"`
}

// DeploymentStrategyType names a DeploymentStrategy.
type DeploymentStrategyType string

// The deployment strategies.
const (
	// RecreateDeploymentStrategyType kills all old pods before creating
	// new ones.
	RecreateDeploymentStrategyType DeploymentStrategyType = "Recreate"
	// RollingUpdateDeploymentStrategyType replaces pods gradually.
	RollingUpdateDeploymentStrategyType DeploymentStrategyType = "RollingUpdate"
)

// RollingUpdateDeployment bounds a rolling update. Each field is a count
// or a percentage of the desired replicas ("25%"); they cannot both be 0.
type RollingUpdateDeployment struct {
	// MaxUnavailable: how many pods may be missing below the desired count
	// (percentages round down).
	MaxUnavailable *intstr.IntOrString `json:"maxUnavailable,omitempty"`
	// MaxSurge: how many pods may exist above the desired count
	// (percentages round up).
	MaxSurge *intstr.IntOrString `json:"maxSurge,omitempty"`
}

// DeploymentStatus is the observed state of a Deployment.
type DeploymentStatus struct {
	// ObservedGeneration is the generation the controller last acted on;
	// kubectl rollout status waits for it to catch up.
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`
	// Replicas counts non-terminating pods of all its ReplicaSets.
	Replicas int32 `json:"replicas,omitempty"`
	// UpdatedReplicas counts those with the current template.
	UpdatedReplicas int32 `json:"updatedReplicas,omitempty"`
	// ReadyReplicas counts those whose Ready condition is True.
	ReadyReplicas int32 `json:"readyReplicas,omitempty"`
	// AvailableReplicas counts those ready for at least minReadySeconds.
	AvailableReplicas int32 `json:"availableReplicas,omitempty"`
	// UnavailableReplicas is how many more are needed to reach the
	// desired count.
	UnavailableReplicas int32 `json:"unavailableReplicas,omitempty"`
	// TerminatingReplicas counts pods being deleted; nil when not tracked.
	TerminatingReplicas *int32                `json:"terminatingReplicas,omitempty"`
	Conditions          []DeploymentCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
	// CollisionCount is bumped when a new ReplicaSet's name (from the
	// template hash) collides with an existing one, changing the hash.
	CollisionCount *int32 `json:"collisionCount,omitempty"`
}

// DeploymentConditionType names a Deployment condition.
type DeploymentConditionType string

// The Deployment conditions.
const (
	// DeploymentAvailable is True when at least replicas - maxUnavailable
	// pods are available.
	DeploymentAvailable DeploymentConditionType = "Available"
	// DeploymentProgressing is True while a rollout moves (reason
	// NewReplicaSetAvailable when done) and False after the deadline.
	DeploymentProgressing DeploymentConditionType = "Progressing"
	// DeploymentReplicaFailure is True when pods cannot be created or
	// deleted (quota, admission).
	DeploymentReplicaFailure DeploymentConditionType = "ReplicaFailure"
)

// DeploymentCondition is one condition of a Deployment. LastUpdateTime
// changes on every update; LastTransitionTime only when Status flips.
type DeploymentCondition struct {
	Type               DeploymentConditionType `json:"type"`
	Status             corev1.ConditionStatus  `json:"status"`
	LastUpdateTime     metav1.Time             `json:"lastUpdateTime,omitempty"`
	LastTransitionTime metav1.Time             `json:"lastTransitionTime,omitempty"`
	Reason             string                  `json:"reason,omitempty"`
	Message            string                  `json:"message,omitempty"`
}
