// The object store: a map of JSON objects with resource versions and
// watchers - the smallest stand-in for etcd that kubectl's commands accept.
//
// Interface:
//   - objectKey{group, resource, namespace, name} locates an object in any
//     version of its resource.
//   - create, get, list, update, remove: what the verbs need; each bumps one
//     global resourceVersion, as etcd's revision does, and returns copies.
//   - watch: a channel of events after a resourceVersion, replayed from a
//     short history.
//
// The store sets what the API server owns: uid, creationTimestamp,
// resourceVersion and generation (bumped when spec changes). It validates
// nothing else. objects.go decides what a request means.
package testserver

import (
	"crypto/rand"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"sync"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

// objectKey locates one object. namespace is "" for cluster-scoped ones.
type objectKey struct {
	group, resource, namespace, name string
}

// event is one change, as watch streams carry it.
type event struct {
	typ string // metav1.Added, Modified or Deleted
	key objectKey
	obj map[string]any
	rv  uint64
}

// historySize is how many past events a watch from an older
// resourceVersion can replay.
const historySize = 200

type store struct {
	mu       sync.Mutex
	rv       uint64
	objects  map[objectKey]map[string]any
	history  []event
	watchers map[*watcher]bool
}

// watcher receives the events of one resource, optionally one namespace.
type watcher struct {
	group, resource, namespace string
	ch                         chan event
}

func newStore() *store {
	return &store{objects: map[objectKey]map[string]any{}, watchers: map[*watcher]bool{}}
}

// create stores obj under key, filling the server-owned metadata. With
// dryRun the result is computed but nothing is kept.
func (s *store) create(key objectKey, obj map[string]any, dryRun bool) (map[string]any, *statusError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.objects[key]; ok {
		return nil, errAlreadyExists(key.group, key.resource, key.name)
	}
	obj = unstructured.DeepCopyMap(obj)
	meta := metadataOf(obj)
	meta["uid"] = newUID()
	meta["creationTimestamp"] = time.Now().UTC().Format(time.RFC3339)
	meta["generation"] = int64(1)
	if dryRun {
		delete(meta, "resourceVersion")
		return obj, nil
	}
	s.commit(metav1.Added, key, obj)
	return unstructured.DeepCopyMap(obj), nil
}

// get returns a copy of the object at key.
func (s *store) get(key objectKey) (map[string]any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	obj, ok := s.objects[key]
	if !ok {
		return nil, false
	}
	return unstructured.DeepCopyMap(obj), true
}

// list returns copies of the objects of one resource (in one namespace, or
// all when namespace is ""), sorted by namespace and name, and the current
// resourceVersion.
func (s *store) list(group, resource, namespace string) ([]map[string]any, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var keys []objectKey
	for k := range s.objects {
		if k.group == group && k.resource == resource && (namespace == "" || k.namespace == namespace) {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].namespace != keys[j].namespace {
			return keys[i].namespace < keys[j].namespace
		}
		return keys[i].name < keys[j].name
	})
	out := make([]map[string]any, 0, len(keys))
	for _, k := range keys {
		out = append(out, unstructured.DeepCopyMap(s.objects[k]))
	}
	return out, strconv.FormatUint(s.rv, 10)
}

// update replaces the object at key with obj. A resourceVersion in obj
// must match the stored one (optimistic concurrency); uid and
// creationTimestamp are kept; generation grows when spec changed.
func (s *store) update(key objectKey, obj map[string]any, dryRun bool) (map[string]any, *statusError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.objects[key]
	if !ok {
		return nil, errNotFound(key.group, key.resource, key.name)
	}
	obj = unstructured.DeepCopyMap(obj)
	meta, oldMeta := metadataOf(obj), metadataOf(old)
	if rv, _ := meta["resourceVersion"].(string); rv != "" && rv != oldMeta["resourceVersion"] {
		return nil, errConflict(key.group, key.resource, key.name)
	}
	meta["uid"] = oldMeta["uid"]
	meta["creationTimestamp"] = oldMeta["creationTimestamp"]
	meta["generation"] = oldMeta["generation"]
	if !reflect.DeepEqual(old["spec"], obj["spec"]) {
		gen, _ := unstructured.NestedInt64(old, "metadata", "generation")
		meta["generation"] = gen + 1
	}
	if dryRun {
		meta["resourceVersion"] = oldMeta["resourceVersion"]
		return obj, nil
	}
	s.commit(metav1.Modified, key, obj)
	return unstructured.DeepCopyMap(obj), nil
}

// remove deletes the object at key and returns it.
func (s *store) remove(key objectKey, dryRun bool) (map[string]any, *statusError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.objects[key]
	if !ok {
		return nil, errNotFound(key.group, key.resource, key.name)
	}
	if dryRun {
		return unstructured.DeepCopyMap(old), nil
	}
	s.commit(metav1.Deleted, key, old)
	return unstructured.DeepCopyMap(old), nil
}

// commit records a change: a new resourceVersion, the object map, the
// history and the watchers. s.mu must be held.
func (s *store) commit(typ string, key objectKey, obj map[string]any) {
	s.rv++
	metadataOf(obj)["resourceVersion"] = strconv.FormatUint(s.rv, 10)
	if typ == metav1.Deleted {
		delete(s.objects, key)
	} else {
		s.objects[key] = obj
	}
	ev := event{typ: typ, key: key, obj: unstructured.DeepCopyMap(obj), rv: s.rv}
	s.history = append(s.history, ev)
	if len(s.history) > historySize {
		s.history = s.history[len(s.history)-historySize:]
	}
	for w := range s.watchers {
		if w.wants(key) {
			select {
			case w.ch <- ev:
			default: // a watcher that does not read loses events, as a slow client would
			}
		}
	}
}

// watch registers a watcher. Events newer than fromRV that are still in the
// history are queued first; fromRV "" or "0" starts with an ADDED event for
// every existing object instead, as the API server does. stop unregisters.
func (s *store) watch(group, resource, namespace, fromRV string) (w *watcher, stop func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w = &watcher{group: group, resource: resource, namespace: namespace, ch: make(chan event, historySize+len(s.objects))}
	if fromRV == "" || fromRV == "0" {
		for k, obj := range s.objects {
			if w.wants(k) {
				rv, _ := strconv.ParseUint(fmt.Sprint(metadataOf(obj)["resourceVersion"]), 10, 64)
				w.ch <- event{typ: metav1.Added, key: k, obj: unstructured.DeepCopyMap(obj), rv: rv}
			}
		}
	} else if after, err := strconv.ParseUint(fromRV, 10, 64); err == nil {
		for _, ev := range s.history {
			if ev.rv > after && w.wants(ev.key) {
				w.ch <- ev
			}
		}
	}
	s.watchers[w] = true
	return w, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		delete(s.watchers, w)
	}
}

func (w *watcher) wants(k objectKey) bool {
	return k.group == w.group && k.resource == w.resource && (w.namespace == "" || k.namespace == w.namespace)
}

// metadataOf returns obj's metadata map, creating it when missing.
func metadataOf(obj map[string]any) map[string]any {
	meta, ok := obj["metadata"].(map[string]any)
	if !ok {
		meta = map[string]any{}
		obj["metadata"] = meta
	}
	return meta
}

// newUID returns a random RFC 4122 version 4 UUID, the form upstream's
// object uids have.
func newUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("crypto/rand failed: %v", err)) // no entropy source: nothing works
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
