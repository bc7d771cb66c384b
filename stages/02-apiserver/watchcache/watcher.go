// Watcher: one client's watch on the cache.
//
// Interface:
//   - watcher implements registry.Watcher: ResultChan, Stop.
//   - run is its goroutine: the first events (snapshot or replay), the
//     initial-events-end bookmark, then live events from its queue, each
//     filtered and converted for this client.
//   - convert applies upstream's rule for selectors: an object that starts
//     matching is ADDED, one that stops matching is DELETED.
//
// The dispatcher (dispatch.go) fills the queue; a watcher whose queue stays
// full is closed by it. Watch (watch.go) builds and starts watchers.
package watchcache

import (
	"context"
	"reflect"
	"strconv"
	"sync"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// watcher is one open watch. Its fields are set before run starts and not
// changed afterwards, except first, which run owns.
type watcher struct {
	// namespace ("" for all), label and field select the objects sent.
	namespace string
	label     labels.Selector
	field     fields.Selector
	// bookmarks is AllowWatchBookmarks: periodic BOOKMARK events wanted.
	bookmarks bool
	// endBookmark: send the initial-events-end BOOKMARK after first.
	endBookmark bool
	// timeout ends the watch normally after that long.
	timeout time.Duration
	res     *scheme.Resource

	// first are the events sent before the queue: a snapshot or a replay.
	first []*event
	// start is the resourceVersion first brings the client to; queued
	// changes at or below it are already covered.
	start int64
	// queue is filled by the dispatcher only.
	queue chan *event
	// result is what the client reads; run closes it when it returns.
	result chan registry.Event
	// done is closed by stop; run returns soon after.
	done     chan struct{}
	stopOnce sync.Once
	// finished is closed when run has returned.
	finished chan struct{}
	// forget removes the watcher from the store.
	forget func()
}

var _ registry.Watcher = (*watcher)(nil)

// ResultChan returns the events. It is closed when the watch ends: Stop,
// the request's context, the timeout, an ERROR event, or because the
// client read too slowly (it should watch again from the last
// resourceVersion it saw).
func (w *watcher) ResultChan() <-chan registry.Event { return w.result }

// Stop ends the watch and returns once ResultChan is closed. It may be
// called more than once and from any goroutine.
func (w *watcher) Stop() {
	w.stop()
	<-w.finished
}

// stop tells run to return, without waiting: the dispatcher calls it for a
// slow watcher and must not block on the client.
func (w *watcher) stop() {
	w.stopOnce.Do(func() { close(w.done) })
}

// wants reports whether ev can concern this watcher, by namespace alone:
// the cheap test the dispatcher makes before queueing.
func (w *watcher) wants(ev *event) bool {
	return w.namespace == "" || ev.typ == metav1.Bookmark || ev.cur.key.Namespace == w.namespace
}

// run sends the first events, the end-of-initial-events bookmark when
// asked for, then queued events until the watch ends. The request's
// context and the timeout end it through stop, like the dispatcher does,
// so every wait below has just two ways out.
func (w *watcher) run(ctx context.Context) {
	defer close(w.finished)
	defer close(w.result)
	defer w.forget()
	defer w.stop() // however it ended, the dispatcher stops waiting for it
	defer context.AfterFunc(ctx, w.stop)()
	defer time.AfterFunc(w.timeout, w.stop).Stop()

	send := func(ev registry.Event) bool {
		select {
		case w.result <- ev:
			return true
		case <-w.done:
			return false
		}
	}
	for _, ev := range w.first {
		if out, ok := w.convert(ev); ok && !send(out) {
			return
		}
	}
	w.first = nil // the snapshot may be large; let it go
	if w.endBookmark && !send(w.bookmark(w.start, true)) {
		return
	}
	for {
		select {
		case ev := <-w.queue:
			if ev.typ != metav1.Bookmark && ev.rv <= w.start {
				continue
			}
			if out, ok := w.convert(ev); ok && !send(out) {
				return
			}
		case <-w.done:
			return
		}
	}
}

// matches reports whether o is in this watch's selection.
func (w *watcher) matches(o *object) bool {
	if w.namespace != "" && o.key.Namespace != w.namespace {
		return false
	}
	return (w.label == nil || w.label.Matches(o.labels)) && (w.field == nil || w.field.Matches(o.fields))
}

// convert turns a cache event into what this client sees, and reports
// whether it sees anything. With a selector a MODIFIED can be an ADDED (the
// object starts to match) or a DELETED (it stops; the client gets the last
// version that matched, at the change's resourceVersion), as upstream.
func (w *watcher) convert(ev *event) (registry.Event, bool) {
	if ev.typ == metav1.Bookmark {
		return w.bookmark(ev.rv, false), w.bookmarks
	}
	curMatches := ev.typ != metav1.Deleted && w.matches(ev.cur)
	prevMatches := ev.prev != nil && w.matches(ev.prev)
	switch {
	case curMatches && prevMatches:
		return registry.Event{Type: metav1.Modified, Object: ev.cur.meta}, true
	case curMatches:
		return registry.Event{Type: metav1.Added, Object: ev.cur.meta}, true
	case prevMatches:
		return registry.Event{Type: metav1.Deleted, Object: withResourceVersion(ev.prev.meta, ev.rv)}, true
	}
	return registry.Event{}, false
}

// bookmark returns a BOOKMARK: an empty object of the resource's kind that
// carries only rv, and for the end of the initial events the annotation
// client-go waits for.
func (w *watcher) bookmark(rv int64, initialEventsEnd bool) registry.Event {
	obj := w.res.New()
	*obj.GetObjectKind() = metav1.TypeMeta{Kind: w.res.Kind, APIVersion: w.res.GroupVersion().String()}
	m := obj.GetObjectMeta()
	m.ResourceVersion = strconv.FormatInt(rv, 10)
	if initialEventsEnd {
		m.Annotations = map[string]string{registry.InitialEventsAnnotationKey: "true"}
	}
	return registry.Event{Type: metav1.Bookmark, Object: obj}
}

// withResourceVersion returns a copy of obj with metadata.resourceVersion
// set to rv. The copy is shallow: its maps and slices are obj's, which is
// safe because only the resourceVersion string differs and neither copy is
// ever modified. obj must be a pointer to a struct embedding ObjectMeta,
// as every type of the scheme is.
func withResourceVersion(obj metav1.Object, rv int64) metav1.Object {
	v := reflect.ValueOf(obj).Elem()
	cp := reflect.New(v.Type())
	cp.Elem().Set(v)
	out := cp.Interface().(metav1.Object)
	out.GetObjectMeta().ResourceVersion = strconv.FormatInt(rv, 10)
	return out
}
