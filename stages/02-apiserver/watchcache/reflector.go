// Reflector: the one watch on the inner storage that keeps the cache in
// step with etcd.
//
// Interface:
//   - Cacher.relist: list everything with a quorum read and replace the
//     store (Wrap calls it once before returning).
//   - Cacher.run: the reflector goroutine; watches from the store's
//     resourceVersion, applies and dispatches each event, sends periodic
//     bookmarks, and watches again (or relists after 410 Expired) when the
//     inner watch ends.
//
// It is the only writer of the store and the only caller of dispatch.
package watchcache

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"k8s.io/klog/v2"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// errInnerExpired: the inner storage no longer has the revision the cache
// wanted to resume from; only a new list helps.
var errInnerExpired = errors.New("inner watch expired")

// run keeps the store in step with the inner storage until ctx ends:
//  1. watch the inner storage from the store's resourceVersion;
//  2. when that watch ends, watch again from where it stopped;
//  3. when the inner storage answers 410 Expired, list again: the store
//     is replaced and every watcher closed, to watch again.
//
// After a failure, or a watch that ended at once, it pauses for
// RetryInterval so that a broken etcd is not asked in a busy loop.
func (c *Cacher) run(ctx context.Context) {
	defer close(c.stopped)
	needList := false
	for {
		if needList {
			if err := c.relist(ctx); err != nil {
				klog.V(2).InfoS("watch cache: list failed", "resource", c.res.Resource, "err", err)
				if !sleep(ctx, c.opts.RetryInterval) {
					return
				}
				continue
			}
			needList = false
		}
		began := time.Now()
		err := c.watchInner(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case errors.Is(err, errInnerExpired):
			needList = true
			continue // a clear answer, not a failure: list at once
		}
		pause := c.opts.RetryInterval - time.Since(began)
		if err != nil {
			klog.V(2).InfoS("watch cache: watch failed", "resource", c.res.Resource, "err", err)
			pause = c.opts.RetryInterval
		}
		if !sleep(ctx, pause) {
			return
		}
	}
}

// sleep waits d (nothing when d <= 0) and reports false if ctx ended first.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// isExpired reports whether status is a 410: the revision asked for is
// gone from etcd.
func isExpired(status *metav1.Status) bool {
	return status != nil && (status.Code == http.StatusGone || status.Reason == metav1.StatusReasonExpired)
}

// relist reads every object with a quorum read and makes them the store's
// state at the list's resourceVersion. Watchers registered before are
// closed: the list may hide changes they never saw.
func (c *Cacher) relist(ctx context.Context) error {
	c.relists.Add(1)
	list, err := c.inner.List(ctx, "", registry.ListOptions{})
	if err != nil {
		return fmt.Errorf("list %s: %w", c.res.Resource, err)
	}
	rv, err := strconv.ParseInt(list.ResourceVersion, 10, 64)
	if err != nil {
		return fmt.Errorf("list %s: resourceVersion %q: %w", c.res.Resource, list.ResourceVersion, err)
	}
	for _, w := range c.store.replace(list.Items, rv) {
		w.stop()
	}
	return nil
}

// watchInner watches the inner storage from the store's resourceVersion
// until the watch ends, applying every event. It returns errInnerExpired on
// 410 Expired, another error when the watch fails, nil when the inner
// storage closed it without an error or ctx ended.
func (c *Cacher) watchInner(ctx context.Context) error {
	from, _ := c.store.current()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	iw, err := c.inner.Watch(ctx, "", registry.ListOptions{
		ResourceVersion:     strconv.FormatInt(from, 10),
		AllowWatchBookmarks: true,
	})
	if err != nil {
		if st := apierrors.StatusFor(err); isExpired(&st) {
			return errInnerExpired
		}
		return fmt.Errorf("watch %s from %d: %w", c.res.Resource, from, err)
	}
	defer iw.Stop()
	ticker := time.NewTicker(c.opts.BookmarkInterval)
	defer ticker.Stop()
	for {
		select {
		case ev, ok := <-iw.ResultChan():
			if !ok {
				return nil
			}
			if err := c.apply(ev); err != nil {
				return err
			}
		case <-ticker.C:
			c.sendBookmarks()
		case <-ctx.Done():
			return nil
		}
	}
}

// apply applies one inner event to the store and dispatches it.
func (c *Cacher) apply(ev registry.Event) error {
	switch ev.Type {
	case metav1.Error:
		if isExpired(ev.Status) {
			return errInnerExpired
		}
		if ev.Status != nil {
			return fmt.Errorf("watch %s: %s", c.res.Resource, ev.Status.Message)
		}
		return fmt.Errorf("watch %s: error event without a status", c.res.Resource)
	case metav1.Bookmark, metav1.Added, metav1.Modified, metav1.Deleted:
	default:
		return fmt.Errorf("watch %s: unknown event type %q", c.res.Resource, ev.Type)
	}
	if ev.Object == nil {
		return fmt.Errorf("watch %s: %s event without an object", c.res.Resource, ev.Type)
	}
	rvText := ev.Object.GetObjectMeta().ResourceVersion
	rv, err := strconv.ParseInt(rvText, 10, 64)
	if err != nil {
		return fmt.Errorf("watch %s: %s event with resourceVersion %q: %w", c.res.Resource, ev.Type, rvText, err)
	}
	if ev.Type == metav1.Bookmark {
		c.store.advance(rv)
		return nil
	}
	if cev, watchers := c.store.apply(ev.Type, ev.Object, rv); cev != nil {
		c.dispatch(cev, watchers)
	}
	return nil
}
