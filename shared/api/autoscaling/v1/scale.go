// Scale: the replica count of a scalable resource, on its own.
//
// Interface:
//   - Scale{TypeMeta, ObjectMeta, Spec, Status} with the metadata of the
//     object it scales (name, namespace, resourceVersion, uid).
//   - ScaleSpec.Replicas is the desired count; ScaleStatus.Replicas the
//     observed one and ScaleStatus.Selector the pods' label selector in
//     string form.

package autoscalingv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// Scale is the body of a scale subresource.
type Scale struct {
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta is that of the scaled object: same name, namespace, uid
	// and resourceVersion, so an update carries the usual conflict check.
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              ScaleSpec   `json:"spec,omitempty"`
	Status            ScaleStatus `json:"status,omitempty"`
}

// ScaleSpec is the desired size.
type ScaleSpec struct {
	// Replicas is the desired number of instances; writing it resizes the
	// scaled object.
	Replicas int32 `json:"replicas,omitempty"`
}

// ScaleStatus is the observed size.
type ScaleStatus struct {
	// Replicas is the number of instances observed by the controller.
	Replicas int32 `json:"replicas"`
	// Selector is the label selector of the scaled object's pods, in the
	// string syntax of shared/labels ("app=web"); empty when it has none.
	Selector string `json:"selector,omitempty"`
}

var _ metav1.Object = (*Scale)(nil)
