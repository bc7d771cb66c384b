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
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

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
