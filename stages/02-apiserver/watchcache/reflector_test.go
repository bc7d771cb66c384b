package watchcache

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// The reflector keeps the cache current across a broken inner watch: it
// resumes from its resourceVersion, and when etcd has compacted that
// revision (410 Expired) it lists again, closing the watchers that might
// have missed something so their clients start over (talk 004, step 3:
// a controller relists after 410 too).
func TestReflectorRecovers(t *testing.T) {
	// lose deletes b and adds c without events, as writes made while the
	// cache was not watching.
	lose := func(objects map[registry.Key]*corev1.Pod) {
		delete(objects, registry.Key{Namespace: "default", Name: "b"})
		p := pod("c")
		p.Namespace, p.ResourceVersion = "default", "13"
		objects[registry.Key{Namespace: "default", Name: "c"}] = p
	}
	tests := []struct {
		name string
		// breakInner interrupts the cache's inner watch.
		breakInner func(f *fakeStorage)
		relisted   bool
		want       []string
	}{
		{name: "410 on the open watch relists",
			breakInner: func(f *fakeStorage) { f.compact(lose) },
			relisted:   true, want: []string{"default/a", "default/c"}},
		{name: "closed watch resumes, then 410 at the start relists",
			breakInner: func(f *fakeStorage) {
				f.mu.Lock()
				lose(f.objects)
				f.rev++
				f.compacted, f.history = f.rev, nil
				f.mu.Unlock()
				f.breakWatches()
			},
			relisted: true, want: []string{"default/a", "default/c"}},
		{name: "closed watch resumes and replays what it missed",
			breakInner: func(f *fakeStorage) {
				f.breakWatches()
				if _, err := f.Create(context.Background(), "default", pod("c"), registry.CreateOptions{}); err != nil {
					panic(err)
				}
			},
			relisted: false, want: []string{"default/a", "default/b", "default/c"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeStorage()
			c := newCache(t, f, Options{RetryInterval: 10 * time.Millisecond})
			ctx := context.Background()
			for _, name := range []string{"a", "b"} {
				if _, err := f.Create(ctx, "default", pod(name), registry.CreateOptions{}); err != nil {
					t.Fatal(err)
				}
			}
			eventually(t, "cache at 12", func() bool { return cacheRV(c) == 12 })
			client, err := c.Watch(ctx, "", registry.ListOptions{ResourceVersion: "12"})
			if err != nil {
				t.Fatal(err)
			}
			defer client.Stop()

			tc.breakInner(f)
			eventually(t, "cache at 13", func() bool { return cacheRV(c) == 13 })
			eventually(t, "inner watch reopened", func() bool { return f.openWatches() == 1 })

			list, err := c.List(ctx, "", registry.ListOptions{ResourceVersion: "0"})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, item := range list.Items {
				got = append(got, item.GetObjectMeta().Namespace+"/"+item.GetObjectMeta().Name)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("cached objects = %q, want %q", got, tc.want)
			}
			if relisted := c.relists.Load() > 1; relisted != tc.relisted {
				t.Errorf("relisted = %v, want %v", relisted, tc.relisted)
			}
			if tc.relisted {
				closed(t, client)
				// A client resuming from before the new list is told to
				// list again.
				w, err := c.Watch(ctx, "", registry.ListOptions{ResourceVersion: "12"})
				if err != nil {
					t.Fatal(err)
				}
				if got := read(t, w, 1)[0]; got != "ERROR 410 too old resource version: 12 (13)" {
					t.Errorf("resume after relist = %q, want 410", got)
				}
				return
			}
			if got := read(t, client, 1)[0]; got != "ADDED default/c 13" {
				t.Errorf("client got %q, want ADDED default/c 13", got)
			}
		})
	}
}

// Wrap fails, and starts nothing, when the first list fails.
func TestWrapListFails(t *testing.T) {
	_, err := Wrap(failingList{newFakeStorage()}, Options{})
	if err == nil || err.Error() != "start watch cache: list pods: etcd is down" {
		t.Fatalf("err = %v, want the list's error wrapped", err)
	}
}

// failingList is an inner storage whose List fails.
type failingList struct{ registry.Storage }

func (failingList) List(context.Context, string, registry.ListOptions) (*registry.List, error) {
	return nil, errors.New("etcd is down")
}
