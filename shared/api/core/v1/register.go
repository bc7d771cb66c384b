// Group and version of the core API ("" / v1), served under /api/v1.
//
// Interface:
//   - GroupName is the empty string: the core group has no name, which is
//     why its objects say "apiVersion: v1" and live under /api, not /apis.
//   - SchemeGroupVersion names the group and version for the scheme.
//
// The kinds themselves are registered once in shared/scheme.
package corev1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// GroupName is the name of the core API group: empty.
const GroupName = ""

// SchemeGroupVersion is the group and version of every type in this package.
var SchemeGroupVersion = metav1.GroupVersion{Group: GroupName, Version: "v1"}
