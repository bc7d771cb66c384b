// Namespace defaults: the name label and the phase, plus the create-time
// finalizer that upstream adds in its strategy rather than its defaults.
//
// Interface:
//   - Namespace(ns): label kubernetes.io/metadata.name = name, status
//     phase Active (on every create and update, via Default).
//   - PrepareNamespaceForCreate(ns): the "kubernetes" finalizer and a
//     fresh Active status; for the REST layer's create path only.
//
// The namespace controller (stage 3) removes the finalizer once a
// deleted namespace is empty.

package defaults

import (
	"slices"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

// LabelMetadataName is the label every namespace carries with its own
// name, so that label selectors (in NetworkPolicies, for example) can pick
// namespaces by name.
const LabelMetadataName = "kubernetes.io/metadata.name"

// Namespace sets the label kubernetes.io/metadata.name to the namespace's
// name, overwriting any other value - the label is the server's, not the
// user's - and fills in status.phase Active (upstream SetDefaults_Namespace
// and SetDefaults_NamespaceStatus). A namespace with only generateName is
// labelled later, when it has a name; upstream repeats the label in its
// strategy for that case.
func Namespace(ns *corev1.Namespace) {
	if ns.Name != "" {
		if ns.Labels == nil {
			ns.Labels = map[string]string{}
		}
		ns.Labels[LabelMetadataName] = ns.Name
	}
	if ns.Status.Phase == "" {
		ns.Status.Phase = corev1.NamespaceActive
	}
}

// PrepareNamespaceForCreate does what upstream's namespace strategy does
// on create (pkg/registry/core/namespace, PrepareForCreate), which is not
// a default: it resets status to phase Active, whatever the client sent,
// and appends the "kubernetes" finalizer to spec.finalizers if missing,
// so that deleting the namespace waits until everything in it is gone.
// It is not called by Default because a default must not undo a change a
// user makes later; the finalizer is removed over the namespace's life,
// and an update must not put it back.
func PrepareNamespaceForCreate(ns *corev1.Namespace) {
	ns.Status = corev1.NamespaceStatus{Phase: corev1.NamespaceActive}
	if !slices.Contains(ns.Spec.Finalizers, corev1.FinalizerKubernetes) {
		ns.Spec.Finalizers = append(ns.Spec.Finalizers, corev1.FinalizerKubernetes)
	}
}
