// Namespaces: the scopes names live in.
//
// Interface:
//   - Namespace (with NamespaceList) = metadata + NamespaceSpec
//     (finalizers) + NamespaceStatus (phase, conditions).
//   - NamespacePhase: Active, Terminating.
//   - FinalizerKubernetes: the finalizer the namespace controller removes
//     once every object inside is gone.
//
// The API server (stage 2) refuses new objects in a Terminating namespace;
// the namespace controller (stage 3) empties it and then lets it go.
package corev1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// Namespace is a scope for names: objects of one kind must have unique
// names within a namespace, and access rules and quotas can be set per
// namespace. Namespaces themselves are cluster-scoped.
type Namespace struct {
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta holds the namespace's name and its labels and
	// annotations.
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Spec holds the finalizers that must finish before the namespace is
	// removed.
	Spec NamespaceSpec `json:"spec,omitempty"`
	// Status tells whether the namespace is Active or Terminating.
	Status NamespaceStatus `json:"status,omitempty"`
}

// NamespaceList is a list of Namespaces.
type NamespaceList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Namespace `json:"items"`
}

// FinalizerName names a namespace finalizer (spec.finalizers, distinct
// from metadata.finalizers).
type FinalizerName string

// FinalizerKubernetes is set on every namespace at creation; it is removed
// by the namespace controller after deleting the namespace's contents.
const FinalizerKubernetes FinalizerName = "kubernetes"

// NamespaceSpec is the desired state of a namespace.
type NamespaceSpec struct {
	// Finalizers name the parts of the system that must clean up the
	// namespace's content before it is deleted; "kubernetes" stands for
	// deleting every object in it.
	Finalizers []FinalizerName `json:"finalizers,omitempty"`
}

// NamespaceStatus is the observed state of a namespace.
type NamespaceStatus struct {
	// Phase is Active, or Terminating once a delete was requested and the
	// content is being removed; no new objects can be created then.
	Phase      NamespacePhase       `json:"phase,omitempty"`
	Conditions []NamespaceCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
}

// NamespacePhase is the lifecycle phase of a namespace.
type NamespacePhase string

// The namespace phases.
const (
	NamespaceActive      NamespacePhase = "Active"
	NamespaceTerminating NamespacePhase = "Terminating"
)

// NamespaceConditionType names a namespace condition; all of them report
// why deletion is stuck.
type NamespaceConditionType string

// The namespace conditions.
const (
	NamespaceDeletionDiscoveryFailure NamespaceConditionType = "NamespaceDeletionDiscoveryFailure"
	NamespaceDeletionContentFailure   NamespaceConditionType = "NamespaceDeletionContentFailure"
	NamespaceDeletionGVParsingFailure NamespaceConditionType = "NamespaceDeletionGroupVersionParsingFailure"
	NamespaceContentRemaining         NamespaceConditionType = "NamespaceContentRemaining"
	NamespaceFinalizersRemaining      NamespaceConditionType = "NamespaceFinalizersRemaining"
)

// NamespaceCondition is one condition of a namespace.
type NamespaceCondition struct {
	Type               NamespaceConditionType `json:"type"`
	Status             ConditionStatus        `json:"status"`
	LastTransitionTime metav1.Time            `json:"lastTransitionTime,omitempty"`
	Reason             string                 `json:"reason,omitempty"`
	Message            string                 `json:"message,omitempty"`
}
