// Package watchcache keeps one resource's objects in memory, fed by a single
// watch on the storage below it, and serves watches and lists from there.
//
// Every controller, scheduler and kubelet fetches objects by list+watch
// (talk 004, steps 3 and 7, "controllers fetch" and "kubelet fetch"; talk
// 003, "API server"). Without a cache each of those watches is one more
// etcd watch and every list a range over all keys. With it, a thousand
// watchers of pods cost one etcd watch and a thousand channels in the API
// server: an event is decoded once and handed to each watcher that wants
// it.
//
// Usage:
//
//	// inner is the registry's storage of one resource, over etcd.
//	cache, err := watchcache.Wrap(inner, watchcache.Options{})
//	if err != nil { ... }
//	defer cache.Stop()
//	w, err := cache.Watch(ctx, "default", registry.ListOptions{ResourceVersion: "42"})
//	for ev := range w.ResultChan() { ... }
//
// Wrap returns a Cacher, itself a registry.Storage, so the HTTP layer cannot
// tell it from the storage it wraps. What it does differently:
//
//   - Watch is served from memory. "" (a consistent start) first waits
//     until the cache has caught up with etcd, which needs a way to ask
//     etcd for progress (Options.RequestProgress; without one such a
//     watch goes to the inner storage); "0" starts from whatever the
//     cache holds; "N" replays the events after N from a ring buffer, or
//     answers 410 Expired when N has already left it.
//   - List with resourceVersion "0", or "N" the cache has already reached,
//     is answered from memory; so is "" without a limit, once the cache
//     has caught up with etcd's current revision (consistent.go, upstream's
//     ConsistentListFromCache). Everything else (Exact, limit or continue
//     with "", a cache that does not catch up) goes to the inner storage.
//     Each object is encoded as a list item once, when it enters the
//     cache, and a list from memory carries those bytes (registry.List.Raw):
//     a JSON list response copies them instead of encoding every item of
//     every list again.
//   - GetCached reads one object from memory for the registry's namespace
//     check (registry.NamespaceLister).
//   - Get and every write go straight through.
//
// Upstream's cacher (k8s.io/apiserver/pkg/storage/cacher) is the model.
// It differs in that its ring buffer resizes itself to hold 75 seconds of
// history (here: a fixed Capacity), it encodes each event once for all
// watchers that want the same format (here the HTTP layer encodes per
// watcher), and it indexes watchers by field (spec.nodeName) so an event
// wakes only the kubelet it concerns (here: by namespace only).
//
// Implementation notes: one goroutine (the reflector, reflector.go) owns the
// inner watch, applies each event to the store (store.go) and hands it to
// every watcher in one pass (dispatch.go). A watcher (watcher.go) has its
// own goroutine and buffered channel, so a client that reads slowly holds
// back nobody but itself; one that falls too far behind is closed, and
// resumes from its last resourceVersion like after any broken watch.
package watchcache
