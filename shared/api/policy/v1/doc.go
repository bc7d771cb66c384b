// Package policyv1 holds the one policy/v1 kind this project serves:
// Eviction, the body of the pods/NAME/eviction subresource.
//
// `kubectl drain` does not delete a node's pods: it asks for each to be
// evicted, POSTing an Eviction to /api/v1/namespaces/NS/pods/NAME/eviction.
// The server then deletes the pod as the Eviction's deleteOptions say,
// unless a PodDisruptionBudget forbids it (upstream answers 429 then).
//
//	ev := policyv1.Eviction{ObjectMeta: metav1.ObjectMeta{Name: "web-1", Namespace: "default"}}
//
// shared/scheme names Eviction as the kind of the pods' eviction
// subresource.
package policyv1
