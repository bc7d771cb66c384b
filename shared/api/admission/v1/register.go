// Group and version of the admission review API (admission.k8s.io/v1).
//
// Interface:
//   - GroupName and SchemeGroupVersion, and the apiVersion and kind an
//     AdmissionReview document carries.
package admissionv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// GroupName is the name of the admission API group.
const GroupName = "admission.k8s.io"

// SchemeGroupVersion is the group and version of every type in this package.
var SchemeGroupVersion = metav1.GroupVersion{Group: GroupName, Version: "v1"}

// The apiVersion and kind of every AdmissionReview, request and response.
const (
	APIVersion = "admission.k8s.io/v1"
	Kind       = "AdmissionReview"
)
