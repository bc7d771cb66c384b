package watchcache

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// Talk 004, step 3 ("controllers fetch"): an informer's first list asks
// for resourceVersion 0, which the cache answers from memory; a plain
// `kubectl get` (resourceVersion unset) is answered from memory too, once
// the cache has caught up with etcd's revision, and a paged one reads etcd.
func TestList(t *testing.T) {
	f := newFakeStorage()
	ctx := context.Background()
	for _, p := range []struct{ ns, name, label string }{{"default", "a", "app=web"}, {"default", "b", ""}, {"other", "c", "app=web"}} {
		if _, err := f.Create(ctx, p.ns, pod(p.name, p.label), registry.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	c := newCache(t, f, Options{CurrentRevision: f.currentRevision})
	f.skipRevisions(5) // etcd moved on (other resources): 18, the cache is at 13

	tests := []struct {
		name      string
		namespace string
		opts      registry.ListOptions
		fromInner bool
		// progress: the cache asked etcd for progress first.
		progress bool
		want     []string
		wantRV   string
	}{
		{name: "rv 0 from memory", opts: registry.ListOptions{ResourceVersion: "0"},
			want: []string{"default/a", "default/b", "other/c"}, wantRV: "13"},
		{name: "rv 0 in one namespace", namespace: "default", opts: registry.ListOptions{ResourceVersion: "0"},
			want: []string{"default/a", "default/b"}, wantRV: "13"},
		{name: "rv 0 with a label selector", opts: registry.ListOptions{ResourceVersion: "0", Label: mustLabels(t, "app=web")},
			want: []string{"default/a", "other/c"}, wantRV: "13"},
		{name: "rv 0 with a field selector", opts: registry.ListOptions{ResourceVersion: "0", Field: fields.OneTermEqualSelector("metadata.name", "b")},
			want: []string{"default/b"}, wantRV: "13"},
		{name: "rv 0 ignores limit, as upstream", opts: registry.ListOptions{ResourceVersion: "0", Limit: 1},
			want: []string{"default/a", "default/b", "other/c"}, wantRV: "13"},
		{name: "rv 0 NotOlderThan", opts: registry.ListOptions{ResourceVersion: "0", ResourceVersionMatch: "NotOlderThan"},
			want: []string{"default/a", "default/b", "other/c"}, wantRV: "13"},
		{name: "rv N the cache has reached", opts: registry.ListOptions{ResourceVersion: "12"},
			want: []string{"default/a", "default/b", "other/c"}, wantRV: "13"},
		{name: "rv N newer than the cache", opts: registry.ListOptions{ResourceVersion: "15"}, fromInner: true,
			want: []string{"default/a", "default/b", "other/c"}, wantRV: "18"},
		{name: "rv N Exact", opts: registry.ListOptions{ResourceVersion: "12", ResourceVersionMatch: "Exact"}, fromInner: true,
			want: []string{"default/a", "default/b", "other/c"}, wantRV: "18"},
		{name: "rv N with a limit", opts: registry.ListOptions{ResourceVersion: "12", Limit: 1}, fromInner: true,
			want: []string{"default/a"}, wantRV: "18"},
		{name: "continue token", opts: registry.ListOptions{Continue: "token", Limit: 1}, fromInner: true,
			want: []string{"default/a"}, wantRV: "18"},
		// These move the cache to 18 (etcd's progress report), so they
		// come after the rows that need it at 13.
		{name: "rv unset waits for progress, then reads memory", opts: registry.ListOptions{}, progress: true,
			want: []string{"default/a", "default/b", "other/c"}, wantRV: "18"},
		{name: "rv unset with a field selector", opts: registry.ListOptions{Field: fields.OneTermEqualSelector("spec.nodeName", "")},
			want: []string{"default/a", "default/b", "other/c"}, wantRV: "18"},
		{name: "rv unset with a limit is a quorum read", opts: registry.ListOptions{Limit: 2}, fromInner: true,
			want: []string{"default/a", "default/b"}, wantRV: "18"},
		{name: "rv unset NotOlderThan goes to inner", opts: registry.ListOptions{ResourceVersionMatch: "NotOlderThan"}, fromInner: true,
			want: []string{"default/a", "default/b", "other/c"}, wantRV: "18"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before, progress := f.lists.Load(), f.progressCalls.Load()
			list, err := c.List(ctx, tc.namespace, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if inner := f.lists.Load() > before; inner != tc.fromInner {
				t.Errorf("answered by inner = %v, want %v", inner, tc.fromInner)
			}
			if asked := f.progressCalls.Load() > progress; asked != tc.progress {
				t.Errorf("asked for progress = %v, want %v", asked, tc.progress)
			}
			var got []string
			for _, item := range list.Items {
				m := item.GetObjectMeta()
				got = append(got, m.Namespace+"/"+m.Name)
			}
			if !slices.Equal(got, tc.want) || list.ResourceVersion != tc.wantRV {
				t.Errorf("list = %q at %s, want %q at %s", got, list.ResourceVersion, tc.want, tc.wantRV)
			}
			// From memory, each item comes with its encoding; the fake
			// inner storage keeps none.
			if tc.fromInner && list.Raw != nil {
				t.Errorf("list from inner has %d encodings, want none", len(list.Raw))
			}
			if !tc.fromInner {
				checkRaw(t, list)
			}
		})
	}
}

// checkRaw fails t unless list.Raw holds registry.EncodeItem of each item,
// in order.
func checkRaw(t *testing.T, list *registry.List) {
	t.Helper()
	if len(list.Raw) != len(list.Items) {
		t.Fatalf("list has %d encodings for %d items", len(list.Raw), len(list.Items))
	}
	for i, item := range list.Items {
		want, err := registry.EncodeItem(item)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(list.Raw[i], want) {
			t.Errorf("item %d encoded as %s, want %s", i, list.Raw[i], want)
		}
	}
}

// Talk 004, step 3 ("controllers fetch"): every informer's first list
// returns the same cached objects, so each version is encoded once, when
// its event enters the cache, and a change brings a new encoding. The
// cached object itself, shared by every client, keeps its kind.
func TestListCarriesEncodedItems(t *testing.T) {
	f := newFakeStorage()
	ctx := context.Background()
	p := pod("a", "app=web")
	p.Kind, p.APIVersion = "Pod", "v1"
	if _, err := f.Create(ctx, "default", p, registry.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	c := newCache(t, f, Options{})
	relabel := func(_ context.Context, cur metav1.Object) (metav1.Object, error) {
		cur.GetObjectMeta().Labels["app"] = "db"
		return cur, nil
	}
	if _, _, err := f.Update(ctx, registry.Key{Namespace: "default", Name: "a"}, relabel, registry.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the cache to see the update", func() bool { return cacheRV(c) == 12 })

	list, err := c.List(ctx, "default", registry.ListOptions{ResourceVersion: "0"})
	if err != nil {
		t.Fatal(err)
	}
	checkRaw(t, list)
	if raw := string(list.Raw[0]); !strings.Contains(raw, `"app":"db"`) || strings.Contains(raw, `"kind"`) {
		t.Errorf("encoded item = %s, want the updated labels and no kind", raw)
	}
	if kind := list.Items[0].GetObjectKind().GroupVersionKind().Kind; kind != "Pod" {
		t.Errorf("cached object's kind = %q after encoding, want Pod (unchanged)", kind)
	}
}

// Reads of one object and every write go to the inner storage; the cache
// learns of writes from its watch.
func TestWritesGoThrough(t *testing.T) {
	f := newFakeStorage()
	c := newCache(t, f, Options{})
	ctx := context.Background()
	key := registry.Key{Namespace: "default", Name: "a"}
	if c.Resource() != f.Resource() {
		t.Errorf("Resource = %v, want inner's", c.Resource())
	}
	if _, err := c.Create(ctx, "default", pod("a"), registry.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(ctx, key, registry.GetOptions{}); err != nil {
		t.Errorf("get after create: %v", err)
	}
	_, _, err := c.Update(ctx, key, func(_ context.Context, cur metav1.Object) (metav1.Object, error) {
		cur.(*corev1.Pod).Spec.NodeName = "node-1"
		return cur, nil
	}, registry.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Create(ctx, "default", pod("b"), registry.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Delete(ctx, key, metav1.DeleteOptions{}, false); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteCollection(ctx, "default", registry.ListOptions{}, metav1.DeleteOptions{}, false); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(ctx, key, registry.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Errorf("get after delete: err = %v, want NotFound", err)
	}
	w, err := c.Watch(ctx, "", registry.ListOptions{ResourceVersion: "10"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	want := []string{"ADDED default/a 11", "MODIFIED default/a 12", "ADDED default/b 13", "DELETED default/a 14", "DELETED default/b 15"}
	if got := read(t, w, len(want)); !slices.Equal(got, want) {
		t.Errorf("cache saw\n %q\nwant %q", got, want)
	}
}

// Stop ends the inner watch and every open watch of the cache.
func TestStop(t *testing.T) {
	f := newFakeStorage()
	c, err := Wrap(f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w, err := c.Watch(context.Background(), "", registry.ListOptions{ResourceVersion: "0"})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "inner watch open", func() bool { return f.openWatches() == 1 })
	c.Stop()
	closed(t, w)
	if n := f.openWatches(); n != 0 {
		t.Errorf("inner watches open after Stop = %d, want 0", n)
	}
	c.Stop() // a second Stop is harmless
}

// GetCached reads memory only: what the watch has delivered, nothing
// more (the registry's namespace check reads etcd on a miss).
func TestGetCached(t *testing.T) {
	f := newFakeStorage()
	c := newCache(t, f, Options{})
	if _, err := f.Create(context.Background(), "default", pod("a"), registry.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "cache at 11", func() bool { return cacheRV(c) == 11 })
	before := f.lists.Load()
	if obj, ok := c.GetCached(registry.Key{Namespace: "default", Name: "a"}); !ok || obj.GetObjectMeta().ResourceVersion != "11" {
		t.Errorf("GetCached(default/a) = %v, %v; want the pod at 11", obj, ok)
	}
	if _, ok := c.GetCached(registry.Key{Namespace: "default", Name: "b"}); ok {
		t.Errorf("GetCached(default/b) found a pod that does not exist")
	}
	if f.lists.Load() != before {
		t.Errorf("GetCached asked the inner storage")
	}
}
