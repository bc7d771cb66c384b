// Group and version of the webhook registration API
// (admissionregistration.k8s.io/v1).
//
// Interface:
//   - GroupName and SchemeGroupVersion name the group for the scheme;
//     the kinds are registered once in shared/scheme.
package admissionregistrationv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// GroupName is the name of the admission registration API group.
const GroupName = "admissionregistration.k8s.io"

// SchemeGroupVersion is the group and version of every type in this package.
var SchemeGroupVersion = metav1.GroupVersion{Group: GroupName, Version: "v1"}
