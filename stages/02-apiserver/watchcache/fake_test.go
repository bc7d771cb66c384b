// A fake inner storage: objects in a map, a revision counter, and a watch
// per caller, as etcd under the registry would behave. Tests drive it
// through the registry.Storage verbs and count the lists and watches the
// cache makes.
package watchcache

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// fakeStorage serves pods from memory. Every write takes the next
// revision and is sent to the open watches of its namespace.
type fakeStorage struct {
	res *scheme.Resource

	mu      sync.Mutex
	rev     int64
	objects map[registry.Key]*corev1.Pod
	history []registry.Event // every change, for watches from a revision
	// compacted: a watch from a revision below it gets 410 Expired.
	compacted int64
	watches   map[*fakeWatch]bool
	// buffer is the capacity of each watch's channel; the benchmark's
	// direct watches use a realistic one, tests one that never fills.
	buffer int
	// noHistory stops recording changes (benchmarks write millions).
	noHistory bool

	lists, watchCalls, progressCalls atomic.Int64
}

var _ registry.Storage = (*fakeStorage)(nil)

func newFakeStorage() *fakeStorage {
	res, _ := scheme.ByResource("", "pods")
	// Start at a revision other than 0 or 1, as a real etcd would be.
	return &fakeStorage{res: res, rev: 10, objects: map[registry.Key]*corev1.Pod{}, watches: map[*fakeWatch]bool{}, buffer: 10000}
}

// fakeWatch is one open watch, built like the storage layer's: the fake
// writes changes into the buffered channel in (under its lock), and the
// watch's own goroutine forwards them to out, which the caller reads.
type fakeWatch struct {
	f         *fakeStorage
	namespace string
	bookmarks bool
	in        chan registry.Event
	out       chan registry.Event
	done      chan struct{}
	stopOnce  sync.Once
}

var _ registry.Watcher = (*fakeWatch)(nil)

func (f *fakeStorage) newWatch(namespace string, bookmarks bool) *fakeWatch {
	w := &fakeWatch{f: f, namespace: namespace, bookmarks: bookmarks,
		in: make(chan registry.Event, f.buffer), out: make(chan registry.Event), done: make(chan struct{})}
	go func() {
		defer close(w.out)
		for ev := range w.in {
			select {
			case w.out <- ev:
			case <-w.done:
				return
			}
		}
	}()
	return w
}

func (w *fakeWatch) ResultChan() <-chan registry.Event { return w.out }

// Stop ends the watch; the channel closes soon after.
func (w *fakeWatch) Stop() {
	w.stopOnce.Do(func() { close(w.done) })
	w.f.mu.Lock()
	defer w.f.mu.Unlock()
	w.f.end(w)
}

// end closes w's input if it is still open. The caller holds f.mu.
func (f *fakeStorage) end(w *fakeWatch) {
	if f.watches[w] {
		delete(f.watches, w)
		close(w.in)
	}
}

func (f *fakeStorage) Resource() *scheme.Resource { return f.res }

func (f *fakeStorage) gr() metav1.GroupResource { return metav1.GroupResource{Resource: "pods"} }

func (f *fakeStorage) Get(_ context.Context, key registry.Key, _ registry.GetOptions) (metav1.Object, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.objects[key]
	if !ok {
		return nil, apierrors.NewNotFound(f.gr(), key.Name)
	}
	cp := *p
	return &cp, nil
}

func (f *fakeStorage) List(_ context.Context, namespace string, opts registry.ListOptions) (*registry.List, error) {
	f.lists.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	list := &registry.List{ResourceVersion: strconv.FormatInt(f.rev, 10)}
	for _, k := range f.sortedKeys() {
		p := f.objects[k]
		if namespace != "" && k.Namespace != namespace || !selected(opts, p) {
			continue
		}
		if opts.Limit > 0 && int64(len(list.Items)) == opts.Limit {
			break
		}
		cp := *p
		list.Items = append(list.Items, &cp)
	}
	return list, nil
}

func selected(opts registry.ListOptions, p *corev1.Pod) bool {
	l, fs := podAttrs(p)
	return (opts.Label == nil || opts.Label.Matches(l)) && (opts.Field == nil || opts.Field.Matches(fs))
}

func (f *fakeStorage) sortedKeys() []registry.Key {
	keys := make([]registry.Key, 0, len(f.objects))
	for k := range f.objects {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b registry.Key) int {
		return cmp.Or(strings.Compare(a.Namespace, b.Namespace), strings.Compare(a.Name, b.Name))
	})
	return keys
}

func (f *fakeStorage) Create(_ context.Context, namespace string, obj metav1.Object, _ registry.CreateOptions) (metav1.Object, error) {
	p := obj.(*corev1.Pod)
	p.Namespace = namespace
	f.mu.Lock()
	defer f.mu.Unlock()
	key := registry.Key{Namespace: namespace, Name: p.Name}
	if _, ok := f.objects[key]; ok {
		return nil, apierrors.NewAlreadyExists(f.gr(), p.Name)
	}
	f.write(metav1.Added, key, p)
	cp := *p
	return &cp, nil
}

func (f *fakeStorage) Update(ctx context.Context, key registry.Key, tryUpdate registry.UpdateFunc, _ registry.UpdateOptions) (metav1.Object, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	cur, ok := f.objects[key]
	if !ok {
		return nil, false, apierrors.NewNotFound(f.gr(), key.Name)
	}
	cp := *cur
	cp.Labels = maps.Clone(cur.Labels)
	obj, err := tryUpdate(ctx, &cp)
	if err != nil {
		return nil, false, err
	}
	f.write(metav1.Modified, key, obj.(*corev1.Pod))
	return obj, false, nil
}

func (f *fakeStorage) Delete(_ context.Context, key registry.Key, _ metav1.DeleteOptions, _ bool) (metav1.Object, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	cur, ok := f.objects[key]
	if !ok {
		return nil, false, apierrors.NewNotFound(f.gr(), key.Name)
	}
	cp := *cur
	f.write(metav1.Deleted, key, &cp)
	return &cp, true, nil
}

func (f *fakeStorage) DeleteCollection(ctx context.Context, namespace string, listOpts registry.ListOptions, opts metav1.DeleteOptions, dryRun bool) (*registry.List, error) {
	list, err := f.List(ctx, namespace, listOpts)
	if err != nil {
		return nil, err
	}
	for _, item := range list.Items {
		m := item.GetObjectMeta()
		if _, _, err := f.Delete(ctx, registry.Key{Namespace: m.Namespace, Name: m.Name}, opts, dryRun); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// write stores (or, for Deleted, removes) p at the next revision and sends
// the change to the watches. The caller holds f.mu.
func (f *fakeStorage) write(typ string, key registry.Key, p *corev1.Pod) {
	f.rev++
	p.ResourceVersion = strconv.FormatInt(f.rev, 10)
	if typ == metav1.Deleted {
		delete(f.objects, key)
	} else {
		f.objects[key] = p
	}
	cp := *p
	ev := registry.Event{Type: typ, Object: &cp}
	if !f.noHistory {
		f.history = append(f.history, ev)
	}
	for w := range f.watches {
		if w.namespace == "" || w.namespace == key.Namespace {
			w.in <- ev
		}
	}
}

func (f *fakeStorage) Watch(_ context.Context, namespace string, opts registry.ListOptions) (registry.Watcher, error) {
	f.watchCalls.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	from := f.rev // "": from now on (the fake sends no initial objects)
	if opts.ResourceVersion != "" {
		var err error
		if from, err = strconv.ParseInt(opts.ResourceVersion, 10, 64); err != nil {
			return nil, apierrors.NewBadRequest(fmt.Sprintf("fake storage: bad resourceVersion %q", opts.ResourceVersion))
		}
	}
	w := f.newWatch(namespace, opts.AllowWatchBookmarks)
	f.watches[w] = true
	if from < f.compacted {
		status := apierrors.NewResourceExpired(fmt.Sprintf("too old resource version: %d (%d)", from, f.compacted)).Status()
		w.in <- registry.Event{Type: metav1.Error, Status: &status}
		f.end(w)
		return w, nil
	}
	for _, ev := range f.history {
		m := ev.Object.GetObjectMeta()
		if rv, _ := strconv.ParseInt(m.ResourceVersion, 10, 64); rv > from && (namespace == "" || m.Namespace == namespace) {
			w.in <- ev
		}
	}
	return w, nil
}

// RequestProgress sends every watch that allows bookmarks a BOOKMARK at
// the current revision, as etcd's progress notification.
func (f *fakeStorage) RequestProgress(context.Context) error {
	f.progressCalls.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	for w := range f.watches {
		if w.bookmarks {
			w.in <- registry.Event{Type: metav1.Bookmark, Object: &corev1.Pod{ObjectMeta: metav1.ObjectMeta{ResourceVersion: strconv.FormatInt(f.rev, 10)}}}
		}
	}
	return nil
}

// currentRevision is the fake's storage.Store.CurrentRevision: the
// revision it is at, without listing.
func (f *fakeStorage) currentRevision(context.Context) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.rev, nil
}

// skipRevisions moves the revision on by n as writes to other resources
// do: no event for this one.
func (f *fakeStorage) skipRevisions(n int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rev += n
}

// compact loses history: the objects change without events (as if written
// while the cache was away), the revisions up to now are compacted, and
// every open watch ends with 410 Expired, as etcd does to a watch whose
// start revision it compacted.
func (f *fakeStorage) compact(change func(objects map[registry.Key]*corev1.Pod)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	change(f.objects)
	f.rev++
	f.compacted = f.rev
	f.history = nil
	status := apierrors.NewResourceExpired("too old resource version").Status()
	for w := range f.watches {
		w.in <- registry.Event{Type: metav1.Error, Status: &status}
		f.end(w)
	}
}

// breakWatches closes every open watch without an error, as a lost
// connection to etcd does; the cache must resume from its revision.
func (f *fakeStorage) breakWatches() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for w := range f.watches {
		f.end(w)
	}
}

// openWatches is the number of watches open on the fake.
func (f *fakeStorage) openWatches() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.watches)
}

// Attrs makes the fake select like registry.Store, which Wrap detects.
func (f *fakeStorage) Attrs(obj metav1.Object) (labels.Set, fields.Set) { return podAttrs(obj) }

// podAttrs are the labels and fields of a pod, including spec.nodeName,
// the field a kubelet selects its pods by (talk 004, step 7).
func podAttrs(obj metav1.Object) (labels.Set, fields.Set) {
	p := obj.(*corev1.Pod)
	return labels.Set(p.Labels), fields.Set{"metadata.name": p.Name, "metadata.namespace": p.Namespace, "spec.nodeName": p.Spec.NodeName}
}
