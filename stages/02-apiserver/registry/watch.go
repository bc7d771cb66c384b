// Watch: the changes of a resource as typed events, filtered by selectors.
//
// Interface:
//   - (*Store).Watch(ctx, namespace, opts) starts a Watcher.
//   - InitialEventsAnnotationKey: the annotation on the BOOKMARK that ends
//     a watch-list's initial events.
//   - watcher: one running watch; its goroutine owns the channel.
//
// Where a watch starts (upstream's rules):
//
//	sendInitialEvents  resourceVersion  first events
//	unset              "" or "0"        ADDED for every object (a list), then changes
//	unset              "N"              every change after revision N
//	true               any              ADDED for every object at least as new as N,
//	                                    a BOOKMARK annotated initial-events-end, then changes
//	false              "" or "0"        changes from now on
//
// A change that moves an object into the selection arrives as ADDED, out
// of it as DELETED (with the object as it was), as upstream's watch
// filter does; a controller's cache then needs no extra logic (talk 004,
// steps 3-4 and 7-8, "fetch objects"). A revision etcd has compacted ends
// the watch with an ERROR event carrying 410 Expired; the client lists
// again.
package registry

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// InitialEventsAnnotationKey is set to "true" on the BOOKMARK that
// follows the initial ADDED events of a watch with sendInitialEvents;
// client-go's informers wait for it before reporting they are synced.
const InitialEventsAnnotationKey = "k8s.io/initial-events-end"

// watchExpiredMessage is upstream's message when a watch starts at a
// revision etcd has compacted.
const watchExpiredMessage = "The resourceVersion for the provided watch is too old."

// Watch starts a watch of the objects in namespace ("" for all, and for
// cluster-scoped kinds) that opts' selectors match; see the table in the
// file comment for where it starts. It ends after opts.TimeoutSeconds
// (or the server's default), when ctx ends, on Stop, or after an ERROR
// event. A bad selector or resourceVersion, or a failed initial list, is
// returned as an error instead of a watcher.
func (s *Store) Watch(ctx context.Context, namespace string, opts ListOptions) (Watcher, error) {
	pred, err := s.newPredicate(opts)
	if err != nil {
		return nil, err
	}
	// 1. How long the watch may run.
	timeout := time.Duration(opts.TimeoutSeconds) * time.Second
	if timeout <= 0 {
		timeout = s.watchTimeout()
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)

	// 2. Where it starts: after a list of the current state, or at the
	// client's revision.
	w := &watcher{store: s, pred: pred, opts: opts, cancel: cancel,
		result: make(chan Event, 100), done: make(chan struct{})}
	start := opts.ResourceVersion
	fromNow := start == "" || start == "0"
	switch {
	case opts.SendInitialEvents == nil && fromNow, opts.SendInitialEvents != nil && *opts.SendInitialEvents:
		w.initial, start, err = s.listAll(ctx, namespace, opts, pred)
	case fromNow:
		start, err = s.currentRevision(ctx, namespace)
	}
	if err != nil {
		cancel()
		return nil, err
	}

	// 3. The storage watch: one key when the selector pins a name,
	// otherwise the collection.
	key := s.prefix(namespace)
	if name, ok := pred.exactName(); ok && (namespace != "" || !s.res.Namespaced) {
		if key, err = s.key(Key{Namespace: namespace, Name: name}); err != nil {
			cancel()
			return nil, err
		}
	}
	w.inner, err = s.store.Watch(ctx, key, storage.WatchOptions{ResourceVersion: start, ProgressNotify: opts.AllowWatchBookmarks})
	if err != nil {
		cancel()
		return nil, s.statusError(err, "")
	}
	w.startRV = start
	go w.run(ctx)
	return w, nil
}

// listAll reads every selected object for a watch's initial events, at
// one revision, which it returns. A resourceVersion "N" asks for a state
// at least as new as N.
func (s *Store) listAll(ctx context.Context, namespace string, opts ListOptions, pred predicate) ([]metav1.Object, string, error) {
	lo := ListOptions{Label: opts.Label, Field: opts.Field, ResourceVersion: opts.ResourceVersion, Limit: 500}
	if lo.ResourceVersion != "" && lo.ResourceVersion != "0" {
		lo.ResourceVersionMatch = string(metav1.ResourceVersionMatchNotOlderThan)
	}
	var items []metav1.Object
	for {
		page, err := s.List(ctx, namespace, lo)
		if err != nil {
			return nil, "", err
		}
		items = append(items, page.Items...)
		if page.Continue == "" {
			return items, page.ResourceVersion, nil
		}
		lo.Continue, lo.ResourceVersion, lo.ResourceVersionMatch = page.Continue, "", ""
	}
}

// currentRevision returns etcd's newest revision, read with a one-item
// list, for a watch that starts now.
func (s *Store) currentRevision(ctx context.Context, namespace string) (string, error) {
	page, err := s.store.List(ctx, s.prefix(namespace), storage.ListOptions{Limit: 1})
	if err != nil {
		return "", s.statusError(err, "")
	}
	return formatRV(page.ResourceVersion), nil
}

// watcher is one running watch. Its goroutine (run) owns result and
// closes it when it returns.
type watcher struct {
	store   *Store
	pred    predicate
	opts    ListOptions
	initial []metav1.Object
	startRV string
	inner   *storage.Watcher
	cancel  context.CancelFunc
	result  chan Event
	done    chan struct{}
}

var _ Watcher = (*watcher)(nil)

// ResultChan returns the events; it is closed when the watch ends.
func (w *watcher) ResultChan() <-chan Event { return w.result }

// Stop ends the watch and waits until its goroutine has exited. It may be
// called more than once.
func (w *watcher) Stop() {
	w.cancel()
	<-w.done
}

// run sends the initial events, then every change, until the context
// ends or the storage watch fails.
func (w *watcher) run(ctx context.Context) {
	defer close(w.done)
	defer close(w.result)
	defer w.inner.Stop()
	defer w.cancel()
	send := func(ev Event) bool {
		select {
		case w.result <- ev:
			return true
		case <-ctx.Done():
			return false
		}
	}
	// 1. The state listed by Watch, and for a watch-list the bookmark that
	// says it is complete.
	for _, obj := range w.initial {
		if !send(Event{Type: metav1.Added, Object: obj}) {
			return
		}
	}
	w.initial = nil
	if w.opts.SendInitialEvents != nil && *w.opts.SendInitialEvents && w.opts.AllowWatchBookmarks {
		if !send(Event{Type: metav1.Bookmark, Object: w.store.bookmark(w.startRV, true)}) {
			return
		}
	}
	// 2. Changes, and a progress request now and then so that bookmarks
	// keep flowing while nothing changes.
	var tick <-chan time.Time
	if w.opts.AllowWatchBookmarks && w.store.bookmarkInterval > 0 {
		t := time.NewTicker(w.store.bookmarkInterval)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case ev, ok := <-w.inner.ResultChan():
			if !ok {
				return
			}
			out, keep := w.convert(ev)
			if keep && !send(out) {
				return
			}
			if out.Type == metav1.Error {
				return
			}
		case <-tick:
			_ = w.store.store.RequestProgress(ctx) // best effort: the next tick asks again
		case <-ctx.Done():
			return
		}
	}
}

// convert turns a storage event into the event this watcher's client
// sees, applying the selector; keep is false for a change the client
// does not see.
func (w *watcher) convert(ev storage.Event) (out Event, keep bool) {
	s := w.store
	switch ev.Type {
	case metav1.Bookmark:
		return Event{Type: metav1.Bookmark, Object: s.bookmark(formatRV(ev.Revision), false)}, true
	case metav1.Error:
		return errorEvent(s.watchError(ev.Err)), true
	}
	obj, err := s.decodeOrInternal(ev.Object)
	if err != nil {
		return errorEvent(err), true
	}
	if w.pred.everything() {
		return Event{Type: ev.Type, Object: obj}, true
	}
	now := w.pred.matches(obj)
	if ev.Type != metav1.Modified {
		return Event{Type: ev.Type, Object: obj}, now
	}
	prev, err := s.decodeOrInternal(ev.PrevObject)
	if err != nil {
		return errorEvent(err), true
	}
	before := w.pred.matches(prev)
	switch {
	case now && before:
		return Event{Type: metav1.Modified, Object: obj}, true
	case now:
		return Event{Type: metav1.Added, Object: obj}, true
	case before:
		// It left the selection: to this client it is gone, as it was,
		// at the revision it left.
		prev.GetObjectMeta().ResourceVersion = formatRV(ev.Revision)
		return Event{Type: metav1.Deleted, Object: prev}, true
	}
	return Event{}, false
}

// watchError is statusError for a failed watch: a compacted start
// revision is 410 Expired with upstream's message.
func (s *Store) watchError(err error) error {
	if errors.Is(err, storage.ErrExpired) {
		return apierrors.NewResourceExpired(watchExpiredMessage)
	}
	return s.statusError(err, "")
}

// errorEvent wraps err's Status in an ERROR event.
func errorEvent(err error) Event {
	st := apierrors.StatusFor(err)
	return Event{Type: metav1.Error, Status: &st}
}

// bookmark returns the object of a BOOKMARK event: an empty object of
// the Store's kind carrying only the revision (and, at the end of a
// watch-list's initial events, InitialEventsAnnotationKey).
func (s *Store) bookmark(rv string, initialEventsEnd bool) metav1.Object {
	obj := s.res.New()
	obj.GetObjectKind().SetGroupVersionKind(s.res.GroupVersionKind())
	meta := obj.GetObjectMeta()
	meta.ResourceVersion = rv
	if initialEventsEnd {
		meta.Annotations = map[string]string{InitialEventsAnnotationKey: "true"}
	}
	return obj
}

// defaultWatchTimeout returns upstream's lifetime of a watch without
// timeoutSeconds: a random duration between min and twice min, so that
// the watches of many clients do not all end, and reconnect, together.
func defaultWatchTimeout(min time.Duration) func() time.Duration {
	return func() time.Duration {
		return time.Duration(float64(min) * (1 + rand.Float64()))
	}
}
