// Group and version of the authorization API (authorization.k8s.io/v1).
//
// Interface:
//   - GroupName and SchemeGroupVersion name the group for the scheme;
//     the kinds are registered once in shared/scheme.
package authorizationv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// GroupName is the name of the authorization API group.
const GroupName = "authorization.k8s.io"

// SchemeGroupVersion is the group and version of every type in this package.
var SchemeGroupVersion = metav1.GroupVersion{Group: GroupName, Version: "v1"}
