// Group and version of the autoscaling API (autoscaling/v1).
//
// Interface:
//   - GroupName and SchemeGroupVersion name the group. No resource of this
//     project lives in it; it only names the Scale kind that apps/v1
//     subresources return (shared/scheme).

package autoscalingv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// GroupName is the name of the autoscaling API group.
const GroupName = "autoscaling"

// SchemeGroupVersion is the group and version of every type in this package.
var SchemeGroupVersion = metav1.GroupVersion{Group: GroupName, Version: "v1"}
