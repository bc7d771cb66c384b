// Package registry is the API server's model of its resources: it turns
// a typed request (create this Deployment, delete that pod, watch these
// nodes) into reads and compare-and-swap writes of etcd, with every rule
// upstream Kubernetes applies on the way.
//
// Usage, as the HTTP layer (stages/02-apiserver/endpoints) does:
//
//	reg, err := registry.New(store, registry.Options{}) // store: *storage.Store over etcd
//	if err != nil { ... }
//	if err := reg.Bootstrap(ctx); err != nil { ... } // default, kube-system, ...
//	deployments, _ := reg.Storage("apps", "deployments")
//	obj, err := deployments.Create(ctx, "default", deployment, registry.CreateOptions{})
//	// obj has uid, creationTimestamp, generation 1, defaults, resourceVersion;
//	// err is an *apierrors.StatusError (404, 409, 422, ...) when it failed
//	w, err := deployments.Watch(ctx, "default", registry.ListOptions{ResourceVersion: obj.GetObjectMeta().ResourceVersion})
//
// One generic Store serves every resource of shared/scheme. What differs
// between kinds - a pod starts Pending and is deleted gracefully, a Job
// gets a selector, a Service a cluster IP, a namespace turns Terminating
// - is a Strategy (strategy*.go), a struct of optional funcs. Create,
// Update and Delete read as numbered steps (create.go, update.go,
// delete.go); Watch adds selectors, bookmarks and watch-list to the
// storage watch (watch.go). Subresources that are not the object itself
// live in scale.go and binding.go. events.k8s.io/v1 Events are stored as
// core/v1 Events under the same keys, converted on every read and write
// (storageform.go), so both APIs see one set of events.
//
// The talks: this package is talk 004 step 2 ("save objects") and the
// server half of every later step - controllers fetching (3, 4) and
// updating (6) objects, the scheduler's Binding (7), the kubelet fetching
// and updating pods (8, 9). Talk 000, "Write to etcd!": what is written
// is the request after defaults, server-set fields and validation. Talk
// 003, "API server": request validation, and statelessness, so several
// API servers over one etcd behave as one.
//
// What upstream does differently:
//
//   - Admission plugins (NamespaceLifecycle, ServiceAccount, LimitRanger,
//     ...) run between the HTTP layer and the registry; here the
//     namespace lifecycle checks are part of Create and Delete, and the
//     other plugins are stage 2's next issue.
//   - A pod deleted with grace 0 is first updated with its
//     deletionTimestamp and then removed (two events); here it is removed
//     at once (one DELETED event carrying the deletionTimestamp).
//   - Events expire after an hour through an etcd lease; here they stay.
//   - Service IPs are IPv4 only; upstream also allocates IPv6 and
//     dual-stack, and repairs leaked allocations with a background loop.
//   - Evictions ignore PodDisruptionBudgets, which this project does not
//     serve.
package registry
