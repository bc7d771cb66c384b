package watchcache

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

// The cache over the real registry and an embedded etcd, walking talk 004:
// step 2 saves a pod, step 3 a controller's informer lists (rv 0) and
// watches from the list, step 7 the scheduler binds the pod and the
// kubelet's watch (field spec.nodeName) sees it arrive. Writes to another
// resource move etcd's revision without an event for pods; a consistent
// watch-list still starts at once, because the cache asks etcd for
// progress.
func TestOverRegistry(t *testing.T) {
	ctx := context.Background()
	st := etcdtest.NewStore(t)
	reg, err := registry.New(st, registry.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := reg.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	pods, _ := reg.Store("", "pods")
	c := newCache(t, pods, Options{RequestProgress: st.RequestProgress})

	// Step 3: the informer's list and watch.
	list, err := c.List(ctx, "", registry.ListOptions{ResourceVersion: "0", Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	informer, err := c.Watch(ctx, "", registry.ListOptions{ResourceVersion: list.ResourceVersion, AllowWatchBookmarks: true})
	if err != nil {
		t.Fatal(err)
	}
	defer informer.Stop()
	kubelet, err := c.Watch(ctx, "", registry.ListOptions{ResourceVersion: list.ResourceVersion,
		Field: fields.OneTermEqualSelector("spec.nodeName", "node-1")})
	if err != nil {
		t.Fatal(err)
	}
	defer kubelet.Stop()

	// Step 2: save a pod; step 7: bind it to node-1.
	web := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "web", Image: "nginx:1.27"}}}}
	created, err := c.Create(ctx, "default", web, registry.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	binding := &corev1.Binding{ObjectMeta: metav1.ObjectMeta{Name: "web"}, Target: corev1.ObjectReference{Kind: "Node", Name: "node-1"}}
	if _, err := reg.Binding().Bind(ctx, "default", binding, registry.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	bound, err := c.Get(ctx, registry.Key{Namespace: "default", Name: "web"}, registry.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	createdRV, boundRV := created.GetObjectMeta().ResourceVersion, bound.GetObjectMeta().ResourceVersion
	want := []string{"ADDED default/web " + createdRV, "MODIFIED default/web " + boundRV}
	if got := readChanges(t, informer, 2); !slices.Equal(got, want) {
		t.Errorf("informer saw %q, want %q", got, want)
	}
	if got := read(t, kubelet, 1)[0]; got != "ADDED default/web "+boundRV {
		t.Errorf("kubelet saw %q, want ADDED default/web %s (it entered the selection)", got, boundRV)
	}

	// Other resources move etcd's revision; pods see no event.
	cms, _ := reg.Storage("", "configmaps")
	for i := range 3 {
		cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "cm-" + strconv.Itoa(i)}}
		if _, err := cms.Create(ctx, "default", cm, registry.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	// A consistent watch-list (client-go's default) starts without
	// waiting for FreshTimeout.
	yes := true
	start := time.Now()
	wl, err := c.Watch(ctx, "default", registry.ListOptions{ResourceVersionMatch: "NotOlderThan", SendInitialEvents: &yes, AllowWatchBookmarks: true})
	if err != nil {
		t.Fatal(err)
	}
	defer wl.Stop()
	got := read(t, wl, 2)
	if got[0] != "ADDED default/web "+boundRV || !strings.HasPrefix(got[1], "BOOKMARK ") || !strings.HasSuffix(got[1], " initial-events-end") {
		t.Errorf("watch-list = %q, want the pod then the initial-events-end bookmark", got)
	}
	if d := time.Since(start); d > DefaultFreshTimeout/2 {
		t.Errorf("consistent watch-list took %v, want well under the %v fresh timeout", d, DefaultFreshTimeout)
	}
	if rv, _ := strconv.ParseInt(boundRV, 10, 64); cacheRV(c) <= rv {
		t.Errorf("cache at %d after the configmap writes, want past %d (progress from etcd)", cacheRV(c), rv)
	}
}

// readChanges reads n events that are not bookmarks.
func readChanges(t *testing.T, w registry.Watcher, n int) []string {
	t.Helper()
	var out []string
	for len(out) < n {
		if line := read(t, w, 1)[0]; !strings.HasPrefix(line, metav1.Bookmark+" ") {
			out = append(out, line)
		}
	}
	return out
}
