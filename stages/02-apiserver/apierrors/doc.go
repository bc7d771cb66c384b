// Package apierrors is how the API server says no: every failure leaves the
// server as a metav1.Status with the HTTP code, reason and message the
// upstream API server uses, so kubectl and client-go can tell a missing
// object (404 NotFound) from a stale update (409 Conflict) or a bad field
// (422 Invalid, one cause per field).
//
//	err := apierrors.NewNotFound(metav1.GroupResource{Group: "apps", Resource: "deployments"}, "nginx")
//	status := apierrors.StatusFor(err) // Code 404, Reason NotFound,
//	                                   // Message `deployments.apps "nginx" not found`
//
// The storage layer's typed errors are translated in one place,
// FromStorage, so handlers never build a Status by hand.
//
// Talk 000, "Admission control" and "write to etcd": a request rejected at
// any step comes back to kubectl as one of these; kubectl prints it as
// `Error from server (NotFound): deployments.apps "nginx" not found`.
package apierrors
