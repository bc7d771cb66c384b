// Eviction: a request to delete a pod politely.
//
// Interface:
//   - GroupName, SchemeGroupVersion: policy/v1.
//   - Eviction: which pod (metadata) and how to delete it (deleteOptions).

package policyv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// GroupName is the name of the policy API group.
const GroupName = "policy"

// SchemeGroupVersion is the group and version of every type in this package.
var SchemeGroupVersion = metav1.GroupVersion{Group: GroupName, Version: "v1"}

// Eviction asks the server to delete the pod its metadata names, as
// DeleteOptions say (a grace period, a precondition on the pod's uid).
type Eviction struct {
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta names the pod: its name must be the one in the URL.
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// DeleteOptions are those of the pod's delete; nil deletes with the
	// pod's own grace period.
	DeleteOptions *metav1.DeleteOptions `json:"deleteOptions,omitempty"`
}
