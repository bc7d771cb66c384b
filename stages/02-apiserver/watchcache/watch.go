// Watch: how a watch request becomes a watcher on the cache.
//
// Interface:
//   - Cacher.Watch(ctx, namespace, ListOptions) returns a registry.Watcher.
//
// The request's resourceVersion and sendInitialEvents pick where it
// starts, as upstream:
//
//	resourceVersion  first events (sendInitialEvents unset)   must be at least as new as
//	""               current objects as ADDED                 etcd now (a consistent start)
//	"0"              current objects as ADDED                 anything
//	"N"              the changes after N (410 if gone)        N
//
// sendInitialEvents=true sends the current objects for any resourceVersion
// and then, with bookmarks allowed, the BOOKMARK annotated
// k8s.io/initial-events-end (the watch-list client-go prefers);
// sendInitialEvents=false sends no objects, only what changes next.
package watchcache

import (
	"context"
	"fmt"
	"strconv"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// progressPeriod is how often a request waiting for the cache to catch up
// asks the inner storage for progress again (upstream: 100ms).
const progressPeriod = 100 * time.Millisecond

// Watch starts a watch of namespace ("" for all) served from memory. A
// malformed resourceVersion is returned as a 400 error; a resourceVersion
// that is too old (410 Expired) or that the cache does not reach within
// FreshTimeout arrives as the watch's one ERROR event, as upstream, because
// the client has already been told the watch began.
//
// Without a way to ask the inner storage for progress (Options), a
// resourceVersion "" watch goes to the inner storage: the cache could not
// tell when it has caught up with etcd.
func (c *Cacher) Watch(ctx context.Context, namespace string, opts registry.ListOptions) (registry.Watcher, error) {
	from, err := storage.ParseResourceVersion(opts.ResourceVersion)
	if err != nil {
		return nil, apierrors.NewBadRequest(storage.AsError(err).Detail)
	}
	initial := from == 0 // "" and "0" start with the current objects
	if opts.SendInitialEvents != nil {
		initial = *opts.SendInitialEvents
	}

	// 1. How new must the first answer be?
	need := from
	if opts.ResourceVersion == "" {
		if c.opts.RequestProgress == nil {
			return c.inner.Watch(ctx, namespace, opts)
		}
		if need, err = c.innerResourceVersion(ctx); err != nil {
			return nil, err
		}
	}
	// 2. Wait until the cache is that new.
	if err := c.waitFresh(ctx, need); err != nil {
		return newErrorWatcher(err), nil
	}
	// 3. Register, taking the first events in the same step.
	w := &watcher{
		namespace:   namespace,
		label:       opts.Label,
		field:       opts.Field,
		bookmarks:   opts.AllowWatchBookmarks,
		endBookmark: opts.SendInitialEvents != nil && *opts.SendInitialEvents && opts.AllowWatchBookmarks,
		timeout:     time.Duration(opts.TimeoutSeconds) * time.Second,
		res:         c.res,
		queue:       make(chan *event, c.opts.WatcherBuffer),
		result:      make(chan registry.Event),
		done:        make(chan struct{}),
		finished:    make(chan struct{}),
	}
	if w.timeout <= 0 {
		w.timeout = c.opts.WatchTimeout()
	}
	w.forget = func() { c.store.unregister(w) }
	replayFrom := from
	if initial {
		replayFrom = 0
	}
	if w.first, w.start, err = c.store.register(w, initial, replayFrom); err != nil {
		return newErrorWatcher(err), nil
	}
	// 4. Run it.
	go w.run(ctx)
	return w, nil
}

// innerResourceVersion returns the inner storage's current resourceVersion,
// the revision etcd is at now, by a quorum list of at most one object.
func (c *Cacher) innerResourceVersion(ctx context.Context) (int64, error) {
	list, err := c.inner.List(ctx, "", registry.ListOptions{Limit: 1})
	if err != nil {
		return 0, err
	}
	rv, err := strconv.ParseInt(list.ResourceVersion, 10, 64)
	if err != nil {
		return 0, apierrors.NewInternalError(fmt.Errorf("list %s: resourceVersion %q: %w", c.res.Resource, list.ResourceVersion, err))
	}
	return rv, nil
}

// waitFresh returns once the cache is at rv or newer, asking the inner
// storage for progress meanwhile (etcd's revision also moves for writes to
// other resources, which this cache never sees as events). After
// FreshTimeout it fails with "too large resource version" (400 here; 504
// with a retry hint upstream).
func (c *Cacher) waitFresh(ctx context.Context, rv int64) error {
	deadline := time.NewTimer(c.opts.FreshTimeout)
	defer deadline.Stop()
	ticker := time.NewTicker(progressPeriod)
	defer ticker.Stop()
	asked := false
	for {
		cur, changed := c.store.current()
		if cur >= rv {
			return nil
		}
		if !asked && c.opts.RequestProgress != nil {
			// A failed request only means the wait may be longer.
			_ = c.opts.RequestProgress(ctx)
			asked = true
		}
		select {
		case <-changed:
		case <-ticker.C:
			asked = false
		case <-deadline.C:
			err := &storage.Error{Err: storage.ErrTooLargeResourceVersion, ResourceVersion: rv, Current: cur}
			return apierrors.FromStorage(err, metav1.GroupResource{Group: c.res.Group, Resource: c.res.Resource}, "")
		case <-ctx.Done():
			return apierrors.NewInternalError(fmt.Errorf("wait for resource version %d: %w", rv, ctx.Err()))
		}
	}
}

// errorWatcher is a watch that ends at once with one ERROR event.
type errorWatcher struct {
	result chan registry.Event
}

var _ registry.Watcher = (*errorWatcher)(nil)

// newErrorWatcher returns a watcher whose channel holds err's Status as an
// ERROR event and is already closed.
func newErrorWatcher(err error) *errorWatcher {
	status := apierrors.StatusFor(err)
	w := &errorWatcher{result: make(chan registry.Event, 1)}
	w.result <- registry.Event{Type: metav1.Error, Status: &status}
	close(w.result)
	return w
}

// ResultChan returns the one ERROR event.
func (w *errorWatcher) ResultChan() <-chan registry.Event { return w.result }

// Stop does nothing: the watch has ended.
func (w *errorWatcher) Stop() {}
