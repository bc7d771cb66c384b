// Cacher: a registry.Storage that answers watches and most lists from
// memory and passes everything else to the storage it wraps.
//
// Interface:
//   - Wrap(inner, Options) lists inner once, starts the reflector and
//     returns the Cacher; Stop ends it.
//   - List: from memory for resourceVersion "0", "N" the cache has
//     reached, or "" once the cache has caught up with etcd
//     (consistent.go), with each item's JSON already encoded in
//     registry.List.Raw; otherwise inner's.
//   - Watch (watch.go): from memory (a consistent start needs a way to ask
//     etcd for progress; without one it is inner's).
//   - Resource, Get, Create, Update, Delete, DeleteCollection: inner's.
//   - GetCached: one object from memory, for the registry's namespace
//     check (registry.NamespaceLister).
//
// The reflector (reflector.go) feeds the store (store.go); dispatch.go
// hands its events to the watchers (watcher.go).
package watchcache

import (
	"context"
	"fmt"
	"strconv"
	"sync/atomic"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// Cacher caches one resource of inner. Objects it returns (list items,
// watch event objects) are shared between clients and with the cache:
// callers must treat them as read-only, and copy before changing one.
type Cacher struct {
	inner registry.Storage
	res   *scheme.Resource
	opts  Options
	store *store
	// checkField is inner's FieldSelector, nil when it has none.
	checkField func(fields.Selector) (fields.Selector, error)

	cancel  context.CancelFunc
	stopped chan struct{} // closed when the reflector has returned

	// Counters for tests and metrics.
	relists    atomic.Int64 // inner lists made by the reflector
	slowClosed atomic.Int64 // watchers closed for falling behind
}

var _ registry.Storage = (*Cacher)(nil)

// attrsProvider is implemented by an inner storage that knows its kind's
// selectable fields (registry.Store.Attrs); Wrap uses it when Options.Attrs
// is not set, so the cache selects exactly as the storage does.
type attrsProvider interface {
	Attrs(obj metav1.Object) (labels.Set, fields.Set)
}

// fieldChecker is implemented by an inner storage that checks a field
// selector against its kind's selectable fields (registry.Store's
// FieldSelector); lists from memory check with it, so an unknown field is
// the same 400 from the cache as from etcd.
type fieldChecker interface {
	FieldSelector(sel fields.Selector) (fields.Selector, error)
}

// progressRequester is implemented by an inner storage that can ask etcd
// for a progress report on its watches; Wrap uses it when
// Options.RequestProgress is not set.
type progressRequester interface {
	RequestProgress(ctx context.Context) error
}

// Wrap lists every object of inner (a quorum read), then starts the one
// watch that keeps the cache current. It returns the list's error, if any,
// without starting anything. Call Stop to end the watch.
//
// Unset Options take inner's own Attrs and RequestProgress methods when it
// has them (registry.Store has Attrs), else the defaults; inner's
// FieldSelector method, when it has one, checks the field selectors of
// lists from memory.
//
// Subresources (registry.Registry's Scale, Binding, Eviction) are served
// apart from Storage and are writes: they need no cache, and the cache
// sees their changes through its watch.
func Wrap(inner registry.Storage, opts Options) (*Cacher, error) {
	if p, ok := inner.(attrsProvider); ok && opts.Attrs == nil {
		opts.Attrs = p.Attrs
	}
	if p, ok := inner.(progressRequester); ok && opts.RequestProgress == nil {
		opts.RequestProgress = p.RequestProgress
	}
	opts = opts.withDefaults()
	c := &Cacher{
		inner:   inner,
		res:     inner.Resource(),
		opts:    opts,
		store:   newStore(opts.Capacity, opts.Attrs),
		stopped: make(chan struct{}),
	}
	if p, ok := inner.(fieldChecker); ok {
		c.checkField = p.FieldSelector
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := c.relist(ctx); err != nil {
		cancel()
		return nil, fmt.Errorf("start watch cache: %w", err)
	}
	c.cancel = cancel
	go c.run(ctx)
	return c, nil
}

// Stop ends the inner watch and closes every open watch of the cache. It
// returns once the reflector has stopped; calling it again is harmless,
// but nothing else may be called after it.
func (c *Cacher) Stop() {
	c.cancel()
	<-c.stopped
	for _, w := range c.store.takeWatchers() {
		w.Stop()
	}
}

// Resource returns inner's resource.
func (c *Cacher) Resource() *scheme.Resource { return c.res }

// Get reads from inner.
func (c *Cacher) Get(ctx context.Context, key registry.Key, opts registry.GetOptions) (metav1.Object, error) {
	return c.inner.Get(ctx, key, opts)
}

// GetCached returns the object under key as the cache holds it, shared
// and read-only, and false when the cache does not hold it. It never asks
// inner, so the copy may be behind etcd: the registry's namespace check
// uses it as upstream uses an informer's lister, and reads etcd on a miss.
func (c *Cacher) GetCached(key registry.Key) (metav1.Object, bool) {
	o, ok := c.store.get(key)
	if !ok {
		return nil, false
	}
	return o.meta, true
}

var _ registry.NamespaceLister = (*Cacher)(nil)

// Create writes through inner; the cache learns of the object from its
// watch.
func (c *Cacher) Create(ctx context.Context, namespace string, obj metav1.Object, opts registry.CreateOptions) (metav1.Object, error) {
	return c.inner.Create(ctx, namespace, obj, opts)
}

// Update writes through inner.
func (c *Cacher) Update(ctx context.Context, key registry.Key, tryUpdate registry.UpdateFunc, opts registry.UpdateOptions) (metav1.Object, bool, error) {
	return c.inner.Update(ctx, key, tryUpdate, opts)
}

// Delete writes through inner.
func (c *Cacher) Delete(ctx context.Context, key registry.Key, opts metav1.DeleteOptions, dryRun bool) (metav1.Object, bool, error) {
	return c.inner.Delete(ctx, key, opts, dryRun)
}

// DeleteCollection writes through inner, which also lists what it deletes.
func (c *Cacher) DeleteCollection(ctx context.Context, namespace string, listOpts registry.ListOptions, opts metav1.DeleteOptions, dryRun bool) (*registry.List, error) {
	return c.inner.DeleteCollection(ctx, namespace, listOpts, opts, dryRun)
}

// List answers from memory when the request allows a copy at least as new
// as the cache's (listFromCache), or is a consistent read the cache can
// catch up to (consistent.go); from inner otherwise. A list from memory
// holds every matching object: Limit is ignored and no continue token is
// returned, as upstream does for resourceVersion "0".
func (c *Cacher) List(ctx context.Context, namespace string, opts registry.ListOptions) (*registry.List, error) {
	if consistentFromCache(opts) {
		if list, ok, err := c.consistentList(ctx, namespace, opts); ok {
			return list, err
		}
		return c.inner.List(ctx, namespace, opts)
	}
	objects, rv := c.store.list(namespace)
	if !listFromCache(opts, rv) {
		return c.inner.List(ctx, namespace, opts)
	}
	return c.listOf(objects, rv, opts)
}

// listOf returns the objects, read from the store at rv, that opts'
// selectors match, with their encodings in Raw. The field selector is first checked against the
// kind's selectable fields as inner checks it (400 for an unknown field).
func (c *Cacher) listOf(objects []*object, rv int64, opts registry.ListOptions) (*registry.List, error) {
	field := opts.Field
	if c.checkField != nil {
		var err error
		if field, err = c.checkField(field); err != nil {
			return nil, err
		}
	}
	list := &registry.List{
		ResourceVersion: strconv.FormatInt(rv, 10),
		Items:           make([]metav1.Object, 0, len(objects)),
		Raw:             make([][]byte, 0, len(objects)),
	}
	for _, o := range objects {
		if (opts.Label == nil || opts.Label.Matches(o.labels)) && (field == nil || field.Matches(o.fields)) {
			list.Items = append(list.Items, o.meta)
			list.Raw = append(list.Raw, o.raw)
		}
	}
	return list, nil
}

// listFromCache decides whether a list with opts may be served from a
// cache at resourceVersion cached, following upstream's rules:
//
//	resourceVersion  match          limit/continue  answered by
//	""               ""             none            cache once caught up (consistentList)
//	""               any            any             inner (a quorum read)
//	"0"              "" or NotOlder no continue     cache (limit ignored)
//	"N"              "" or NotOlder none            cache if cached >= N, else inner
//	"N"              Exact          any             inner
//	anything         any            continue token  inner (the token pins a revision)
func listFromCache(opts registry.ListOptions, cached int64) bool {
	if opts.Continue != "" || opts.ResourceVersion == "" {
		return false
	}
	if m := opts.ResourceVersionMatch; m != "" && m != string(metav1.ResourceVersionMatchNotOlderThan) {
		return false
	}
	if opts.ResourceVersion == "0" {
		return true
	}
	n, err := strconv.ParseInt(opts.ResourceVersion, 10, 64)
	if err != nil {
		return false // inner answers 400 with its message
	}
	return opts.Limit == 0 && n <= cached
}
