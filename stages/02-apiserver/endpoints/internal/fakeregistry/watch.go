// Watch: events of one resource, from a revision on.
//
// Interface:
//   - store.Watch: "" and "0" start with ADDED events for what exists,
//     as does sendInitialEvents (then a bookmark marking their end); "N"
//     replays the history after N, or ends at once with an ERROR event
//     (410 Expired) when Compact has forgotten N.
//   - watcher: a buffered channel; one that falls behind is closed.
package fakeregistry

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"sync"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// watcher is one open watch. Its channel is closed under r.mu, by Stop or
// when it falls behind, so notify never sends on a closed channel.
type watcher struct {
	r         *Registry
	s         *store
	namespace string
	opts      registry.ListOptions
	ch        chan registry.Event
	closed    bool
	stopOnce  sync.Once
}

func (w *watcher) ResultChan() <-chan registry.Event { return w.ch }

// Stop ends the watch; it may be called more than once.
func (w *watcher) Stop() {
	w.stopOnce.Do(func() {
		w.r.mu.Lock()
		defer w.r.mu.Unlock()
		w.closeLocked()
	})
}

func (w *watcher) closeLocked() {
	if !w.closed {
		w.closed = true
		delete(w.r.watchers, w)
		close(w.ch)
	}
}

// send queues ev if it concerns w; a watcher whose queue is full is
// closed, as a real watch cache closes a watcher that fell behind.
func (w *watcher) send(c change) {
	if w.closed || c.gr != w.s.gr() {
		return
	}
	obj := w.s.decode(c.data)
	if (w.namespace != "" && obj.GetObjectMeta().Namespace != w.namespace) || !matches(obj, w.opts) {
		return
	}
	select {
	case w.ch <- registry.Event{Type: c.typ, Object: obj}:
	default:
		w.closeLocked()
	}
}

// notify tells every watcher about c. The caller holds r.mu.
func (r *Registry) notify(c change) {
	for w := range r.watchers {
		w.send(c)
	}
}

func (s *store) Watch(ctx context.Context, namespace string, opts registry.ListOptions) (registry.Watcher, error) {
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	w := &watcher{r: s.r, s: s, namespace: namespace, opts: opts, ch: make(chan registry.Event, 1000)}
	rv := opts.ResourceVersion
	initial := rv == "" || rv == "0" || (opts.SendInitialEvents != nil && *opts.SendInitialEvents)
	switch {
	case initial:
		objs := s.r.objects[s.gr()]
		for _, k := range slices.Sorted(maps.Keys(objs)) {
			w.send(change{gr: s.gr(), typ: metav1.Added, data: objs[k]})
		}
		if opts.SendInitialEvents != nil && opts.AllowWatchBookmarks {
			bookmark := s.res.New()
			bookmark.GetObjectMeta().ResourceVersion = strconv.FormatInt(s.r.rev, 10)
			bookmark.GetObjectMeta().Annotations = map[string]string{"k8s.io/initial-events-end": "true"}
			w.ch <- registry.Event{Type: metav1.Bookmark, Object: bookmark}
		}
	default:
		from, err := strconv.ParseInt(rv, 10, 64)
		if err != nil {
			return nil, apierrors.NewBadRequest(fmt.Sprintf("invalid resource version %q", rv))
		}
		if from < s.r.compacted {
			status := apierrors.NewResourceExpired(fmt.Sprintf("too old resource version: %d (%d)", from, s.r.compacted)).Status()
			w.ch <- registry.Event{Type: metav1.Error, Status: &status}
			w.closeLocked()
			return w, nil
		}
		for _, c := range s.r.history {
			if c.rev > from {
				w.send(c)
			}
		}
	}
	s.r.watchers[w] = true
	go func() {
		<-ctx.Done()
		w.Stop()
	}()
	return w, nil
}
