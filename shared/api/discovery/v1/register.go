// Group and version of the discovery API (discovery.k8s.io/v1).
//
// Interface:
//   - GroupName and SchemeGroupVersion name the group for the scheme;
//     the kinds are registered once in shared/scheme.
package discoveryv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// GroupName is the name of the discovery API group. It is unrelated to
// API discovery (/apis); it holds EndpointSlices, which let clients
// discover the endpoints behind a Service.
const GroupName = "discovery.k8s.io"

// SchemeGroupVersion is the group and version of every type in this package.
var SchemeGroupVersion = metav1.GroupVersion{Group: GroupName, Version: "v1"}
