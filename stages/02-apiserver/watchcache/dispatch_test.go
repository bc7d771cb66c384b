package watchcache

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// Talk 003, "API server", and talk 004, steps 3 and 7: controllers and
// kubelets all watch pods, each for its own slice. One inner watch feeds
// every one of them, and each sees exactly its slice, with objects that
// enter or leave a selector shown as ADDED or DELETED.
func TestFanout(t *testing.T) {
	f := newFakeStorage()
	c := newCache(t, f, Options{}) // the fake's Attrs know spec.nodeName
	watchers := []struct {
		name      string
		namespace string
		label     string
		field     fields.Selector
		want      []string
	}{
		{name: "all namespaces",
			want: []string{"ADDED default/a 11", "ADDED other/b 12", "MODIFIED other/b 13", "MODIFIED default/a 14", "DELETED other/b 15"}},
		{name: "namespace default", namespace: "default",
			want: []string{"ADDED default/a 11", "MODIFIED default/a 14"}},
		{name: "namespace other", namespace: "other",
			want: []string{"ADDED other/b 12", "MODIFIED other/b 13", "DELETED other/b 15"}},
		{name: "label app=web: enter and leave", label: "app=web",
			want: []string{"ADDED default/a 11", "ADDED other/b 13", "DELETED default/a 14", "DELETED other/b 15"}},
		{name: "kubelet's field spec.nodeName=node-1", field: fields.OneTermEqualSelector("spec.nodeName", "node-1"),
			want: []string{"ADDED default/a 14"}},
		{name: "namespace other and app=web", namespace: "other", label: "app=web",
			want: []string{"ADDED other/b 13", "DELETED other/b 15"}},
	}
	open := make([]registry.Watcher, len(watchers))
	for i, tc := range watchers {
		opts := registry.ListOptions{ResourceVersion: "10", Field: tc.field}
		if tc.label != "" {
			opts.Label = mustLabels(t, tc.label)
		}
		w, err := c.Watch(context.Background(), tc.namespace, opts)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Stop()
		open[i] = w
	}

	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := f.Create(ctx, "default", pod("a", "app=web"), registry.CreateOptions{}) // 11
	must(err)
	_, err = f.Create(ctx, "other", pod("b"), registry.CreateOptions{}) // 12
	must(err)
	_, _, err = f.Update(ctx, registry.Key{Namespace: "other", Name: "b"}, func(_ context.Context, cur metav1.Object) (metav1.Object, error) {
		cur.GetObjectMeta().Labels = map[string]string{"app": "web"} // 13: b enters app=web
		return cur, nil
	}, registry.UpdateOptions{})
	must(err)
	_, _, err = f.Update(ctx, registry.Key{Namespace: "default", Name: "a"}, func(_ context.Context, cur metav1.Object) (metav1.Object, error) {
		p := cur.(*corev1.Pod)
		p.Labels["app"] = "db" // 14: a leaves app=web and is bound to node-1
		p.Spec.NodeName = "node-1"
		return p, nil
	}, registry.UpdateOptions{})
	must(err)
	_, _, err = f.Delete(ctx, registry.Key{Namespace: "other", Name: "b"}, metav1.DeleteOptions{}, false) // 15
	must(err)

	for i, tc := range watchers {
		t.Run(tc.name, func(t *testing.T) {
			if got := read(t, open[i], len(tc.want)); !slices.Equal(got, tc.want) {
				t.Errorf("\n got %q\nwant %q", got, tc.want)
			}
			quiet(t, open[i], 20*time.Millisecond)
		})
	}
	if got := f.watchCalls.Load(); got != 1 {
		t.Errorf("inner watches = %d, want 1 for %d watchers", got, len(watchers))
	}
	// The DELETED sent for a leaving the selector was a copy: the version
	// in the ring still says 11.
	w, err := c.Watch(ctx, "default", registry.ListOptions{ResourceVersion: "10"})
	must(err)
	defer w.Stop()
	if got := read(t, w, 1)[0]; got != "ADDED default/a 11" {
		t.Errorf("replay = %q, want the unchanged ADDED default/a 11", got)
	}
}

// A client that stops reading is closed once its queue is full and the
// dispatch timeout has passed; a reading client meanwhile receives every
// event.
func TestSlowWatcherIsClosed(t *testing.T) {
	f := newFakeStorage()
	c := newCache(t, f, Options{WatcherBuffer: 10, DispatchTimeout: 50 * time.Millisecond})
	slow, err := c.Watch(context.Background(), "", registry.ListOptions{ResourceVersion: "10"})
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Stop()
	fast, err := c.Watch(context.Background(), "", registry.ListOptions{ResourceVersion: "10"})
	if err != nil {
		t.Fatal(err)
	}
	defer fast.Stop()

	const n = 50
	got := make(chan []string, 1)
	go func() {
		var lines []string
		for ev := range fast.ResultChan() {
			if lines = append(lines, eventLine(ev)); len(lines) == n {
				break
			}
		}
		got <- lines
	}()
	for i := range n {
		if _, err := f.Create(context.Background(), "default", pod(fmt.Sprintf("p%02d", i)), registry.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case lines := <-got:
		if len(lines) != n || lines[n-1] != "ADDED default/p49 60" {
			t.Errorf("fast watcher got %d events ending %q, want %d ending ADDED default/p49 60", len(lines), lines[len(lines)-1], n)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("fast watcher was held back")
	}
	closed(t, slow)
	if got := c.slowClosed.Load(); got != 1 {
		t.Errorf("watchers closed for falling behind = %d, want 1", got)
	}
}

// Watchers that allow bookmarks get one now and then with the cache's
// resourceVersion, after the events it covers; others never do.
func TestBookmarks(t *testing.T) {
	f := newFakeStorage()
	c := newCache(t, f, Options{BookmarkInterval: 10 * time.Millisecond})
	with, err := c.Watch(context.Background(), "", registry.ListOptions{ResourceVersion: "10", AllowWatchBookmarks: true})
	if err != nil {
		t.Fatal(err)
	}
	defer with.Stop()
	without, err := c.Watch(context.Background(), "", registry.ListOptions{ResourceVersion: "10"})
	if err != nil {
		t.Fatal(err)
	}
	defer without.Stop()

	if got := read(t, with, 1)[0]; got != "BOOKMARK 10" {
		t.Errorf("first event = %q, want BOOKMARK 10", got)
	}
	if _, err := f.Create(context.Background(), "default", pod("a"), registry.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	// Bookmarks at 10 may still be queued; the first one past them must
	// be the event, and the next bookmark must say 11.
	var seen []string
	for !slices.Contains(seen, "BOOKMARK 11") {
		line := read(t, with, 1)[0]
		if line != "BOOKMARK 10" {
			seen = append(seen, line)
		}
	}
	if seen[0] != "ADDED default/a 11" {
		t.Errorf("events after the write = %q, want ADDED default/a 11 before BOOKMARK 11", seen)
	}
	if got := read(t, without, 1)[0]; got != "ADDED default/a 11" {
		t.Errorf("watcher without bookmarks got %q first, want ADDED default/a 11", got)
	}
	quiet(t, without, 30*time.Millisecond)
}

// A bookmark is an empty object of the resource's kind carrying only the
// resourceVersion, as upstream sends it.
func TestBookmarkObject(t *testing.T) {
	w := &watcher{res: newFakeStorage().res}
	for _, end := range []bool{false, true} {
		t.Run("initialEventsEnd="+strconv.FormatBool(end), func(t *testing.T) {
			ev := w.bookmark(42, end)
			p, ok := ev.Object.(*corev1.Pod)
			if !ok {
				t.Fatalf("object is %T, want *corev1.Pod", ev.Object)
			}
			if p.Kind != "Pod" || p.APIVersion != "v1" || p.ResourceVersion != "42" || p.Name != "" {
				t.Errorf("bookmark = %+v, want kind Pod, apiVersion v1, resourceVersion 42 and nothing else", p.ObjectMeta)
			}
			if got := p.Annotations[registry.InitialEventsAnnotationKey] == "true"; got != end {
				t.Errorf("initial-events-end annotation = %v, want %v", got, end)
			}
		})
	}
}
