// Group and version of the apps API (apps/v1), served under /apis/apps/v1.
//
// Interface:
//   - GroupName and SchemeGroupVersion name the group for the scheme;
//     the kinds are registered once in shared/scheme.
package appsv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// GroupName is the name of the apps API group.
const GroupName = "apps"

// SchemeGroupVersion is the group and version of every type in this package.
var SchemeGroupVersion = metav1.GroupVersion{Group: GroupName, Version: "v1"}
