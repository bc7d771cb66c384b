// Store: the cache's memory. The current objects (each with its JSON as a
// list item), a ring of the most recent events, the resourceVersion both
// are at, and the watchers to tell.
//
// Interface (package-internal):
//   - The reflector writes: replace (after a list), apply (one change),
//     advance (a bookmark from the inner storage).
//   - Requests read: get, list, current (resourceVersion and a channel closed
//     when it moves), register/unregister a watcher together with the
//     events it must see first (snapshot or replay).
//
// Every method takes the store's lock. apply and register take it for
// writing, so a watcher registered at resourceVersion R has every event up
// to R in its first batch and every event after R from the dispatcher,
// never one twice or none.
package watchcache

import (
	"fmt"
	"sort"
	"sync"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// object is one version of an object with the attributes selectors read
// and its encoding as a list item, computed once when the version enters
// the cache. It is never modified.
type object struct {
	meta   metav1.Object
	key    registry.Key
	labels labels.Set
	fields fields.Set
	// raw is registry.EncodeItem(meta), which every list from memory
	// hands on in registry.List.Raw; nil if encoding failed, and then the
	// HTTP layer encodes meta itself (and reports the error).
	raw []byte
}

// event is one change as the cache hands it to watchers. Events are shared
// by every watcher and the ring, and never modified.
type event struct {
	// typ is metav1.Added, Modified, Deleted or Bookmark.
	typ string
	// rv is the resourceVersion of the change (of the bookmark).
	rv int64
	// cur is the object after the change; for Deleted, its last state.
	// nil for Bookmark.
	cur *object
	// prev is the object before the change: nil for Added and Bookmark.
	// A watcher with a selector uses it to see an object leave.
	prev *object
}

// store is the state of one resource at resourceVersion rv.
type store struct {
	attrs AttrFunc

	mu sync.RWMutex
	// objects are the objects at rv, by namespace and name.
	objects map[registry.Key]*object
	// ring holds the last len(ring) events in resourceVersion order:
	// size of them starting at index head, wrapping around.
	ring       []*event
	head, size int
	// oldest is the resourceVersion after which every event is still in
	// the ring: that of the last event pushed out, or of the list the ring
	// started from. A watch from an older one is 410 Expired.
	oldest int64
	// rv is the resourceVersion the objects are at.
	rv int64
	// changed is closed, and replaced, whenever rv moves.
	changed chan struct{}
	// watchers receive every event after their start. The slice is
	// replaced, never modified, so the dispatcher reads it without the lock.
	watchers []*watcher
}

func newStore(capacity int, attrs AttrFunc) *store {
	return &store{
		attrs:   attrs,
		objects: map[registry.Key]*object{},
		ring:    make([]*event, capacity),
		changed: make(chan struct{}),
	}
}

// newObject computes obj's key, attributes and list-item encoding. It
// runs before the store's lock is taken: encoding is the costly part, done
// once per version here instead of once per list that returns it.
func (s *store) newObject(obj metav1.Object) *object {
	m := obj.GetObjectMeta()
	l, f := s.attrs(obj)
	raw, _ := registry.EncodeItem(obj)
	return &object{meta: obj, key: registry.Key{Namespace: m.Namespace, Name: m.Name}, labels: l, fields: f, raw: raw}
}

// replace makes items, read at rv, the whole state and empties the ring.
// It returns the watchers registered so far and forgets them: they may have
// missed changes the new list folded in, so the caller closes them and
// their clients watch again.
func (s *store) replace(items []metav1.Object, rv int64) []*watcher {
	objects := make(map[registry.Key]*object, len(items))
	for _, item := range items {
		o := s.newObject(item)
		objects[o.key] = o
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.objects = objects
	clear(s.ring)
	s.head, s.size, s.oldest = 0, 0, rv
	s.setRV(rv)
	old := s.watchers
	s.watchers = nil
	return old
}

// takeWatchers forgets every watcher and returns them, for Stop to close.
func (s *store) takeWatchers() []*watcher {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.watchers
	s.watchers = nil
	return old
}

// apply records one change at rv and returns the event and the watchers to
// give it to. An event at or below the current resourceVersion was applied
// already (the inner watch resumed from an older one) and gives nil.
func (s *store) apply(typ string, obj metav1.Object, rv int64) (*event, []*watcher) {
	cur := s.newObject(obj)
	s.mu.Lock()
	defer s.mu.Unlock()
	if rv <= s.rv {
		return nil, nil
	}
	ev := &event{typ: typ, rv: rv, cur: cur, prev: s.objects[cur.key]}
	if typ == metav1.Deleted {
		if ev.prev == nil {
			ev.prev = cur // deleted before the cache saw it: its last state is all there is
		}
		delete(s.objects, cur.key)
	} else {
		s.objects[cur.key] = cur
	}
	s.push(ev)
	s.setRV(rv)
	return ev, s.watchers
}

// push appends ev to the ring, pushing out the oldest event when full.
// The caller holds the write lock.
func (s *store) push(ev *event) {
	if s.size == len(s.ring) {
		s.oldest = s.ring[s.head].rv
		s.head = (s.head + 1) % len(s.ring)
		s.size--
	}
	s.ring[(s.head+s.size)%len(s.ring)] = ev
	s.size++
}

// advance moves the resourceVersion to rv without a change: the inner
// storage's bookmark says nothing happened to this resource up to rv.
func (s *store) advance(rv int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if rv > s.rv {
		s.setRV(rv)
	}
}

// setRV moves rv and wakes everyone waiting for it. The caller holds the
// write lock.
func (s *store) setRV(rv int64) {
	if rv == s.rv {
		return
	}
	s.rv = rv
	close(s.changed)
	s.changed = make(chan struct{})
}

// current returns the resourceVersion and a channel closed when it moves.
func (s *store) current() (int64, <-chan struct{}) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.rv, s.changed
}

// watchersAt returns the resourceVersion and the watchers registered at it,
// for a round of bookmarks.
func (s *store) watchersAt() (int64, []*watcher) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.rv, s.watchers
}

// get returns the object under key, and false when there is none.
func (s *store) get(key registry.Key) (*object, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	o, ok := s.objects[key]
	return o, ok
}

// list returns the objects in namespace ("" for all) in key order, and the
// resourceVersion they are at.
func (s *store) list(namespace string) ([]*object, int64) {
	s.mu.RLock()
	out := make([]*object, 0, len(s.objects))
	for k, o := range s.objects {
		if namespace == "" || k.Namespace == namespace {
			out = append(out, o)
		}
	}
	rv := s.rv
	s.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return keyLess(out[i].key, out[j].key) })
	return out, rv
}

// keyLess orders keys as etcd orders theirs, <prefix>/<namespace>/<name>,
// so that a list from memory comes in the order of one from etcd: the
// "/" after the namespace sorts before "-" and ".", which a namespace may
// contain ("a/x" after "a-b/y").
func keyLess(a, b registry.Key) bool {
	if a.Namespace == b.Namespace {
		return a.Name < b.Name
	}
	n := min(len(a.Namespace), len(b.Namespace))
	if a.Namespace[:n] != b.Namespace[:n] {
		return a.Namespace[:n] < b.Namespace[:n]
	}
	// One namespace starts the other: compare the longer one's next byte
	// with the "/" that ends the shorter.
	if len(a.Namespace) < len(b.Namespace) {
		return '/' < b.Namespace[n]
	}
	return a.Namespace[n] < '/'
}

// register adds w and returns the events it must send before live ones,
// and the resourceVersion it starts at:
//   - initial: every object in w's namespace as ADDED, at the current
//     resourceVersion;
//   - otherwise, from > 0: the events after from, or 410 Expired when
//     some of them have left the ring;
//   - otherwise: nothing; the watch starts now.
func (s *store) register(w *watcher, initial bool, from int64) ([]*event, int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var first []*event
	start := s.rv
	switch {
	case initial:
		for k, o := range s.objects {
			if w.namespace == "" || k.Namespace == w.namespace {
				first = append(first, &event{typ: metav1.Added, rv: s.rv, cur: o})
			}
		}
		sort.Slice(first, func(i, j int) bool { return keyLess(first[i].cur.key, first[j].cur.key) })
	case from > 0:
		if from < s.oldest {
			// Upstream's wording; the second number is the oldest
			// resourceVersion a watch can still start from.
			return nil, 0, apierrors.NewResourceExpired(fmt.Sprintf("too old resource version: %d (%d)", from, s.oldest))
		}
		first = s.since(from)
		start = max(from, s.rv)
	}
	// A full slice expression makes append copy: the dispatcher may be
	// reading the old slice.
	s.watchers = append(s.watchers[:len(s.watchers):len(s.watchers)], w)
	return first, start, nil
}

// since returns the ring's events after rv, found by binary search (the
// ring is in resourceVersion order). The caller holds the lock.
func (s *store) since(rv int64) []*event {
	at := func(i int) *event { return s.ring[(s.head+i)%len(s.ring)] }
	i := sort.Search(s.size, func(i int) bool { return at(i).rv > rv })
	out := make([]*event, 0, s.size-i)
	for ; i < s.size; i++ {
		out = append(out, at(i))
	}
	return out
}

// unregister removes w; a no-op when w is gone already (after replace).
func (s *store) unregister(w *watcher) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, x := range s.watchers {
		if x == w {
			next := make([]*watcher, 0, len(s.watchers)-1)
			s.watchers = append(append(next, s.watchers[:i]...), s.watchers[i+1:]...)
			return
		}
	}
}
