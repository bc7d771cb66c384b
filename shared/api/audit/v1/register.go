// Group and version of the audit API (audit.k8s.io/v1), and the header
// that carries a request's audit ID.
//
// Interface:
//   - GroupName and SchemeGroupVersion name the group; the kinds are
//     registered once in shared/scheme.
//   - HeaderAuditID: the response header that tells a client which audit
//     events are about its request.
package auditv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// GroupName is the name of the audit API group.
const GroupName = "audit.k8s.io"

// SchemeGroupVersion is the group and version of every type in this package.
var SchemeGroupVersion = metav1.GroupVersion{Group: GroupName, Version: "v1"}

// HeaderAuditID is the header holding a request's audit ID. The API server
// sets it on every response; a server that forwards the request (an
// aggregator) sets it on the request, and the next server keeps that ID.
const HeaderAuditID = "Audit-ID"
