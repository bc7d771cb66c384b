// References from one object to another, and the vocabulary shared by every
// kind in this package.
//
// Interface:
//   - ObjectReference points at any object (kind, namespace, name, uid);
//     Events, Bindings, Endpoints and claimRefs use it.
//   - LocalObjectReference names an object in the same namespace (a Secret
//     for imagePullSecrets, a ConfigMap for a volume).
//   - ConditionStatus and its values True, False, Unknown are the status of
//     every condition in this package.
//   - NamespaceDefault, NamespaceAll, NamespaceSystem, NamespaceNodeLease.
package corev1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// Well-known namespaces.
const (
	// NamespaceDefault is where a namespaced object goes when the client
	// names no namespace.
	NamespaceDefault = "default"
	// NamespaceAll is the empty namespace, which means "every namespace" in
	// a list or watch (kubectl get pods -A).
	NamespaceAll = ""
	// NamespaceSystem holds the cluster's own components (kube-dns,
	// kube-proxy, controller leases).
	NamespaceSystem = "kube-system"
	// NamespaceNodeLease holds one Lease per node, renewed by its kubelet
	// as a heartbeat.
	NamespaceNodeLease = "kube-node-lease"
)

// ConditionStatus is the status of a condition: True, False or Unknown.
type ConditionStatus string

// The condition statuses. Unknown means the component that owns the
// condition could not tell, for example a node that stopped reporting.
const (
	ConditionTrue    ConditionStatus = "True"
	ConditionFalse   ConditionStatus = "False"
	ConditionUnknown ConditionStatus = "Unknown"
)

// ObjectReference points at one object, possibly at a field inside it.
// Every field is optional; which ones must be set depends on the user
// (a Binding target needs Kind and Name, an Event's involvedObject also
// carries UID and ResourceVersion).
type ObjectReference struct {
	Kind       string     `json:"kind,omitempty"`
	Namespace  string     `json:"namespace,omitempty"`
	Name       string     `json:"name,omitempty"`
	UID        metav1.UID `json:"uid,omitempty"`
	APIVersion string     `json:"apiVersion,omitempty"`
	// ResourceVersion pins the reference to one revision, if set.
	ResourceVersion string `json:"resourceVersion,omitempty"`
	// FieldPath points inside the object, such as "spec.containers{nginx}"
	// for an Event about one container.
	FieldPath string `json:"fieldPath,omitempty"`
}

// LocalObjectReference names an object in the referrer's own namespace.
// Name is effectively required even though the JSON tag allows it empty.
type LocalObjectReference struct {
	Name string `json:"name,omitempty"`
}
