// Package validation is the API server's check of typed objects: after a
// request body is decoded and defaulted, and before anything is written to
// etcd, every field is checked against the rules upstream Kubernetes v1.37
// enforces, and each broken rule becomes one field.Error with upstream's
// field path and wording. The REST layer turns a non-empty list into a 422
// Invalid Status with one cause per error.
//
// Usage:
//
//	defaults.Default(obj)
//	if errs := validation.ValidateCreate(obj); len(errs) > 0 {
//		// 422: "Deployment.apps \"web\" is invalid: spec.template.spec.containers: Required value"
//	}
//	...
//	errs := validation.ValidateUpdate(newObj, oldObj)       // PUT and PATCH
//	errs = validation.ValidateStatusUpdate(newObj, oldObj)  // .../status
//
// What is checked, and where it is written:
//
//   - validate.go: the three entry points, dispatching on the Go type.
//   - objectmeta.go: metadata (names per kind, labels, annotations, owner
//     references, finalizers) and the small helpers every kind uses.
//   - pod.go, container.go, env.go, probe.go, security.go, volume.go,
//     resources.go, scheduling.go, podupdate.go: Pods and pod templates.
//   - workloads.go, job.go: Deployments, ReplicaSets, Jobs.
//   - service.go, serviceip.go, endpoints.go: Services, Endpoints,
//     EndpointSlices.
//   - config.go, namespace.go, node.go, storage.go, quota.go, event.go
//     (core/v1 and events.k8s.io/v1), rbac.go, lease.go: the remaining
//     kinds.
//   - formats.go: value formats shared/validation does not have (config
//     keys, environment variable names, percentages, HTTP header names).
//
// Upstream checks some rules in other places than its validation package
// (the service node port allocator, the apps/v1 update strategies); they
// are folded in here so that one call gives a client every problem at
// once. What this package does not check is said in each function's
// comment: identity (metadata.name, namespace, uid, resourceVersion on
// update) belongs to the REST layer, and so do the server-maintained
// fields it resets from the stored object.
//
// Errors come back in upstream's declaration order (metadata before spec,
// fields in the order upstream visits them); where upstream ranges over a
// map, keys are visited in sorted order so the list is the same on every
// run.
//
// Talk 003, "Request validation": the API server validates every request
// before storing it, so a client that skipped its own checks still gets
// a precise answer. Talk 000, "Client side validation", is stage 1's
// half of the same job; "Admission controllers" run after this package.
package validation
