// Dispatch: one event to every watcher, without letting one slow client
// hold back the others.
//
// Interface:
//   - Cacher.dispatch(ev, watchers) queues ev on each watcher that can
//     want it; watchers whose queue stays full past the dispatch timeout
//     are closed.
//   - Cacher.sendBookmarks queues a BOOKMARK on each watcher that allows
//     them, skipping (never closing) those with a full queue.
//
// Both run on the reflector's goroutine only, so every watcher's queue
// receives events in resourceVersion order, with bookmarks in between
// (a bookmark never overtakes an event it claims to cover).
package watchcache

import (
	"time"

	"k8s.io/klog/v2"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// dispatch queues ev on every watcher that wants it, in two passes:
//  1. try each queue without waiting; most have room;
//  2. wait for the full ones, all sharing one DispatchTimeout, then close
//     those still full. A closed client watches again from the last
//     resourceVersion it saw, as after any broken watch, and meanwhile the
//     others keep receiving.
func (c *Cacher) dispatch(ev *event, watchers []*watcher) {
	var blocked []*watcher
	for _, w := range watchers {
		if !w.wants(ev) {
			continue
		}
		select {
		case w.queue <- ev:
		case <-w.done:
		default:
			blocked = append(blocked, w)
		}
	}
	if len(blocked) == 0 {
		return
	}
	timer := time.NewTimer(c.opts.DispatchTimeout)
	defer timer.Stop()
	expired := false
	for _, w := range blocked {
		if !expired {
			select {
			case w.queue <- ev:
				continue
			case <-w.done:
				continue
			case <-timer.C:
				expired = true
			}
		}
		// The budget is spent: one last try without waiting, then close.
		select {
		case w.queue <- ev:
		default:
			klog.V(2).InfoS("closing a watcher that fell behind", "resource", c.res.Resource, "resourceVersion", ev.rv, "queued", cap(w.queue))
			c.slowClosed.Add(1)
			w.stop()
		}
	}
}

// sendBookmarks queues a BOOKMARK at the cache's resourceVersion on every
// watcher that allows bookmarks. Bookmarks are a courtesy: a full queue
// skips one rather than costing the watcher its watch.
func (c *Cacher) sendBookmarks() {
	rv, watchers := c.store.watchersAt()
	ev := &event{typ: metav1.Bookmark, rv: rv}
	for _, w := range watchers {
		if !w.bookmarks {
			continue
		}
		select {
		case w.queue <- ev:
		default:
		}
	}
}
