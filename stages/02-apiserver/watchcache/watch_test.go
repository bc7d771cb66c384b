package watchcache

import (
	"context"
	"slices"
	"testing"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// history writes the changes every TestWatchStart row starts from, with a
// ring of 3 so the first of them has already left it:
//
//	11 ADDED    default/a app=web
//	12 ADDED    default/b app=web
//	13 ADDED    other/c
//	14 MODIFIED default/a app=db
//	15 DELETED  default/b
func history(t *testing.T, f *fakeStorage, c *Cacher) {
	t.Helper()
	ctx := context.Background()
	for _, p := range []struct{ ns, name, label string }{{"default", "a", "app=web"}, {"default", "b", "app=web"}, {"other", "c", ""}} {
		if _, err := f.Create(ctx, p.ns, pod(p.name, p.label), registry.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	relabel := func(_ context.Context, cur metav1.Object) (metav1.Object, error) {
		cur.GetObjectMeta().Labels["app"] = "db"
		return cur, nil
	}
	if _, _, err := f.Update(ctx, registry.Key{Namespace: "default", Name: "a"}, relabel, registry.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.Delete(ctx, registry.Key{Namespace: "default", Name: "b"}, metav1.DeleteOptions{}, false); err != nil {
		t.Fatal(err)
	}
	eventually(t, "cache at 15", func() bool { return cacheRV(c) == 15 })
}

// Talk 004, steps 3 and 7 ("controllers fetch", "kubelet fetch"): a client
// starts watching where its list left off, or from the current state; the
// cache answers each from memory, and 410 when it no longer has the
// changes asked for.
func TestWatchStart(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		name      string
		namespace string
		opts      registry.ListOptions
		// skip moves etcd's revision on by writes to other resources
		// before the watch, so a consistent start must wait for progress.
		skip int64
		// want are the first events; live is the event of a write made
		// after them ("" when the watch has ended).
		want []string
		live string
	}{
		{name: "rv 0 starts with the current objects", opts: registry.ListOptions{ResourceVersion: "0"},
			want: []string{"ADDED default/a 14", "ADDED other/c 13"}, live: "ADDED default/z 16"},
		{name: "rv unset is a consistent start after progress", opts: registry.ListOptions{}, skip: 5,
			want: []string{"ADDED default/a 14", "ADDED other/c 13"}, live: "ADDED default/z 21"},
		{name: "rv N replays the changes after N", opts: registry.ListOptions{ResourceVersion: "12"},
			want: []string{"ADDED other/c 13", "MODIFIED default/a 14", "DELETED default/b 15"}, live: "ADDED default/z 16"},
		{name: "rv N in one namespace", namespace: "default", opts: registry.ListOptions{ResourceVersion: "12"},
			want: []string{"MODIFIED default/a 14", "DELETED default/b 15"}, live: "ADDED default/z 16"},
		{name: "rv N with a selector sees objects leave it", opts: registry.ListOptions{ResourceVersion: "12", Label: mustLabels(t, "app=web")},
			want: []string{"DELETED default/a 14", "DELETED default/b 15"}},
		{name: "rv N at the cache's own starts with nothing", opts: registry.ListOptions{ResourceVersion: "15"},
			live: "ADDED default/z 16"},
		{name: "rv N older than the ring is 410 Expired", opts: registry.ListOptions{ResourceVersion: "11"},
			want: []string{"ERROR 410 too old resource version: 11 (12)"}},
		{name: "rv N the cache never reaches", opts: registry.ListOptions{ResourceVersion: "99"},
			want: []string{"ERROR 504 Timeout: Too large resource version: 99, current: 15"}},
		{name: "watch-list from rv 0 ends its initial events with a bookmark",
			opts: registry.ListOptions{ResourceVersion: "0", ResourceVersionMatch: "NotOlderThan", SendInitialEvents: &yes, AllowWatchBookmarks: true},
			want: []string{"ADDED default/a 14", "ADDED other/c 13", "BOOKMARK 15 initial-events-end"}, live: "ADDED default/z 16"},
		{name: "watch-list consistent start", skip: 2,
			opts: registry.ListOptions{ResourceVersionMatch: "NotOlderThan", SendInitialEvents: &yes, AllowWatchBookmarks: true},
			want: []string{"ADDED default/a 14", "ADDED other/c 13", "BOOKMARK 17 initial-events-end"}, live: "ADDED default/z 18"},
		{name: "watch-list in one namespace", namespace: "other",
			opts: registry.ListOptions{ResourceVersion: "0", SendInitialEvents: &yes, AllowWatchBookmarks: true},
			want: []string{"ADDED other/c 13", "BOOKMARK 15 initial-events-end"}},
		{name: "sendInitialEvents=false starts with nothing", opts: registry.ListOptions{ResourceVersion: "0", SendInitialEvents: &no},
			live: "ADDED default/z 16"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeStorage()
			c := newCache(t, f, Options{Capacity: 3, FreshTimeout: 200 * time.Millisecond})
			history(t, f, c)
			f.skipRevisions(tc.skip)
			w, err := c.Watch(context.Background(), tc.namespace, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Stop()
			if got := read(t, w, len(tc.want)); !slices.Equal(got, tc.want) {
				t.Errorf("first events:\n got %q\nwant %q", got, tc.want)
			}
			if _, err := f.Create(context.Background(), "default", pod("z"), registry.CreateOptions{}); err != nil {
				t.Fatal(err)
			}
			if tc.live == "" {
				if tc.namespace == "" && tc.opts.Label == nil {
					closed(t, w) // an ERROR ends the watch
				} else {
					quiet(t, w, 50*time.Millisecond)
				}
				return
			}
			if got := read(t, w, 1); got[0] != tc.live {
				t.Errorf("live event = %q, want %q", got[0], tc.live)
			}
		})
	}
}

// A resourceVersion that is not a number is refused before the watch
// starts, with the wording of the storage layer.
func TestWatchBadResourceVersion(t *testing.T) {
	c := newCache(t, newFakeStorage(), Options{})
	_, err := c.Watch(context.Background(), "", registry.ListOptions{ResourceVersion: "ten"})
	if apierrors.ReasonFor(err) != metav1.StatusReasonBadRequest {
		t.Fatalf("err = %v, want a 400 BadRequest", err)
	}
	if want := `invalid resource version "ten": must be a non-negative decimal integer`; err.Error() != want {
		t.Errorf("message = %q, want %q", err.Error(), want)
	}
}

// Without a way to ask for progress, the cache cannot know it has caught
// up with etcd, so a consistent (rv unset) watch goes to the inner storage.
func TestWatchWithoutProgressGoesInner(t *testing.T) {
	f := newFakeStorage()
	c := newCache(t, noProgress{f}, Options{})
	eventually(t, "the cache's own inner watch", func() bool { return f.openWatches() == 1 })
	before := f.watchCalls.Load()
	for _, rv := range []string{"0", "10", ""} {
		w, err := c.Watch(context.Background(), "", registry.ListOptions{ResourceVersion: rv})
		if err != nil {
			t.Fatal(err)
		}
		w.Stop()
	}
	if got := f.watchCalls.Load() - before; got != 1 {
		t.Errorf("rv unset: %d inner watches, want 1", got)
	}
}

// noProgress hides the fake's RequestProgress.
type noProgress struct{ registry.Storage }

// A watch with timeoutSeconds ends by itself, without an error.
func TestWatchTimeout(t *testing.T) {
	c := newCache(t, newFakeStorage(), Options{})
	start := time.Now()
	w, err := c.Watch(context.Background(), "", registry.ListOptions{ResourceVersion: "0", TimeoutSeconds: 1})
	if err != nil {
		t.Fatal(err)
	}
	closed(t, w)
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("watch ended after %v, want about 1s", d)
	}
}

// The request's context ends the watch and removes the watcher.
func TestWatchContextEnds(t *testing.T) {
	c := newCache(t, newFakeStorage(), Options{})
	ctx, cancel := context.WithCancel(context.Background())
	w, err := c.Watch(ctx, "", registry.ListOptions{ResourceVersion: "0"})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	closed(t, w)
	eventually(t, "watcher unregistered", func() bool { _, ws := c.store.watchersAt(); return len(ws) == 0 })
}

func mustLabels(t *testing.T, s string) labels.Selector {
	t.Helper()
	sel, err := labels.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return sel
}
