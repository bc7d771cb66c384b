package registry_test

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// next reads one event or fails after a few seconds.
func next(t *testing.T, w registry.Watcher) registry.Event {
	t.Helper()
	select {
	case ev, ok := <-w.ResultChan():
		if !ok {
			t.Fatal("watch closed")
		}
		return ev
	case <-time.After(5 * time.Second):
		t.Fatal("no event within 5s")
	}
	return registry.Event{}
}

// line renders an event for a transcript: type, name and labels.
func line(ev registry.Event) string {
	if ev.Type == metav1.Error {
		return fmt.Sprintf("ERROR %d %s: %s", ev.Status.Code, ev.Status.Reason, ev.Status.Message)
	}
	meta := ev.Object.GetObjectMeta()
	if ev.Type == metav1.Bookmark {
		return strings.TrimSpace("BOOKMARK " + labelString(meta.Annotations))
	}
	return strings.TrimSpace(fmt.Sprintf("%s %s %s", ev.Type, meta.Name, labelString(meta.Labels)))
}

func labelString(m map[string]string) string {
	var kv []string
	for k, v := range m {
		kv = append(kv, k+"="+v)
	}
	sort.Strings(kv)
	return strings.Join(kv, ",")
}

// Talk 004, steps 3-4: a controller watches the pods its selector
// matches. The transcript in testdata/watch_selector.txt shows what it
// sees as a pod moves in and out of the selection: an object that stops
// matching is DELETED to it, one that starts matching ADDED, and changes
// outside the selection are not sent at all.
func TestWatchSelectorTranscript(t *testing.T) {
	e := newEnv(t)
	pods := e.pods(t)
	key := registry.Key{Namespace: "default", Name: "web-1"}
	create(t, pods, newPod("marker", map[string]string{"app": "web"}))
	w, err := pods.Watch(t.Context(), "default", registry.ListOptions{Label: mustLabels(t, "app=web"), SendInitialEvents: ptr(false)})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	relabel := func(app string) func() {
		return func() {
			if _, _, err := pods.Update(t.Context(), key, modify(func(p *corev1.Pod) { p.Labels["app"] = app }), registry.UpdateOptions{}); err != nil {
				t.Fatal(err)
			}
		}
	}
	annotate := func() {
		if _, _, err := pods.Update(t.Context(), key, modify(func(p *corev1.Pod) {
			p.Annotations = map[string]string{"touched": strconv.Itoa(len(p.Annotations) + 1)}
		}), registry.UpdateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		say string
		do  func()
	}{
		{"create web-1 with app=web", func() { create(t, pods, newPod("web-1", map[string]string{"app": "web"})) }},
		{"annotate web-1", annotate},
		{"relabel web-1 to app=db", relabel("db")},
		{"annotate web-1 while it is app=db", annotate},
		{"relabel web-1 back to app=web", relabel("web")},
		{"delete web-1", func() {
			if _, _, err := pods.Delete(t.Context(), key, metav1.DeleteOptions{}, false); err != nil {
				t.Fatal(err)
			}
		}},
	}
	var transcript strings.Builder
	transcript.WriteString("# A watch of pods with labelSelector app=web (see watch_test.go).\n")
	for i, step := range steps {
		fmt.Fprintf(&transcript, "> %s\n", step.say)
		step.do()
		// Touch the marker pod: once its event arrives, every event of the
		// step has arrived too, since a watch delivers in revision order.
		stamp := strconv.Itoa(i)
		if _, _, err := pods.Update(t.Context(), registry.Key{Namespace: "default", Name: "marker"},
			modify(func(p *corev1.Pod) { p.Annotations = map[string]string{"step": stamp} }), registry.UpdateOptions{}); err != nil {
			t.Fatal(err)
		}
		for {
			ev := next(t, w)
			if ev.Object != nil && ev.Object.GetObjectMeta().Name == "marker" {
				break
			}
			fmt.Fprintf(&transcript, "%s\n", line(ev))
		}
	}
	golden(t, "testdata/watch_selector.txt", transcript.String())
}

// golden compares got with the file, or rewrites it under -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("transcript differs from %s (run with -update to accept):\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// Where a watch starts: after a resourceVersion, every later change;
// without one, the current objects first.
func TestWatchStart(t *testing.T) {
	e := newEnv(t)
	cms := e.storage(t, "", "configmaps")
	a := create(t, cms, newConfigMap("a"))
	create(t, cms, newConfigMap("b"))
	if _, _, err := cms.Update(t.Context(), registry.Key{Namespace: "default", Name: "a"},
		modify(func(c *corev1.ConfigMap) { c.Data["k"] = "v2" }), registry.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := cms.Delete(t.Context(), registry.Key{Namespace: "default", Name: "b"}, metav1.DeleteOptions{}, false); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		opts registry.ListOptions
		want []string
	}{
		{"after a's creation", registry.ListOptions{ResourceVersion: a.ResourceVersion}, []string{"ADDED b", "MODIFIED a", "DELETED b"}},
		{"no resourceVersion", registry.ListOptions{}, []string{"ADDED a"}},
		{"resourceVersion 0", registry.ListOptions{ResourceVersion: "0"}, []string{"ADDED a"}},
		{"one object by name", registry.ListOptions{ResourceVersion: a.ResourceVersion, Field: mustFields(t, "metadata.name=b")},
			[]string{"ADDED b", "DELETED b"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, err := cms.Watch(t.Context(), "default", tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Stop()
			prev := int64(0)
			for _, want := range tc.want {
				ev := next(t, w)
				if got := line(ev); got != want {
					t.Fatalf("event %q, want %q", got, want)
				}
				rv, _ := strconv.ParseInt(ev.Object.GetObjectMeta().ResourceVersion, 10, 64)
				if rv < prev {
					t.Errorf("resourceVersion went back: %d after %d", rv, prev)
				}
				prev = rv
			}
		})
	}
}

// Watch-list (sendInitialEvents=true), which client-go's informers
// prefer: the current objects as ADDED, then a BOOKMARK annotated
// k8s.io/initial-events-end at the revision they were read at, then
// changes. sendInitialEvents=false skips the first part.
func TestWatchSendInitialEvents(t *testing.T) {
	e := newEnv(t)
	cms := e.storage(t, "", "configmaps")
	create(t, cms, newConfigMap("a"))
	b := create(t, cms, newConfigMap("b"))
	w, err := cms.Watch(t.Context(), "default", registry.ListOptions{
		SendInitialEvents: ptr(true), AllowWatchBookmarks: true, ResourceVersionMatch: "NotOlderThan"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	quiet, err := cms.Watch(t.Context(), "default", registry.ListOptions{SendInitialEvents: ptr(false)})
	if err != nil {
		t.Fatal(err)
	}
	defer quiet.Stop()
	for _, want := range []string{"ADDED a", "ADDED b", "BOOKMARK k8s.io/initial-events-end=true"} {
		if got := line(next(t, w)); got != want {
			t.Fatalf("event %q, want %q", got, want)
		}
	}
	create(t, cms, newConfigMap("c"))
	if got := line(next(t, w)); got != "ADDED c" {
		t.Errorf("after the bookmark: %q, want ADDED c", got)
	}
	if got := line(next(t, quiet)); got != "ADDED c" {
		t.Errorf("sendInitialEvents=false: first event %q, want ADDED c", got)
	}
	_ = b
}

// With allowWatchBookmarks, a watch whose objects do not change still
// learns that the revision moved on (here, by a write in another
// namespace), so a client that reconnects resumes from there instead of
// from a revision etcd may have compacted.
func TestWatchBookmarks(t *testing.T) {
	e := newEnv(t, func(o *registry.Options) { o.BookmarkInterval = 50 * time.Millisecond })
	cms := e.storage(t, "", "configmaps")
	c := create(t, cms, newConfigMap("c"))
	w, err := cms.Watch(t.Context(), "default", registry.ListOptions{ResourceVersion: c.ResourceVersion, AllowWatchBookmarks: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	// etcd reports progress only once a watch has reached a revision that
	// exists, so something must be written after its start.
	elsewhere := newConfigMap("elsewhere")
	elsewhere.Namespace = "kube-system"
	unseen := create(t, cms, elsewhere)
	ev := next(t, w)
	if ev.Type != metav1.Bookmark {
		t.Fatalf("event %q, want a BOOKMARK", line(ev))
	}
	if rv := ev.Object.GetObjectMeta().ResourceVersion; rv != unseen.ResourceVersion {
		t.Errorf("bookmark at %s, want the revision of the write elsewhere, %s", rv, unseen.ResourceVersion)
	}
	if ev.Object.GetObjectKind().Kind != "ConfigMap" {
		t.Errorf("bookmark object kind %q, want ConfigMap", ev.Object.GetObjectKind().Kind)
	}
}

// A watch from a revision etcd has compacted ends with an ERROR event:
// 410 Expired, and the client lists again.
func TestWatchCompacted(t *testing.T) {
	store := etcdtest.NewStore(t)
	e := newEnvOn(t, store)
	cms := e.storage(t, "", "configmaps")
	old := create(t, cms, newConfigMap("a"))
	create(t, cms, newConfigMap("b"))
	create(t, cms, newConfigMap("c"))
	// Compacting at c's revision forgets b's, where the watch would start.
	if _, err := store.Client().Compact(t.Context(), e.revision(t), clientv3.WithCompactPhysical()); err != nil {
		t.Fatal(err)
	}
	w, err := cms.Watch(t.Context(), "default", registry.ListOptions{ResourceVersion: old.ResourceVersion})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	want := "ERROR 410 Expired: The resourceVersion for the provided watch is too old."
	if got := line(next(t, w)); got != want {
		t.Errorf("event %q, want %q", got, want)
	}
	select {
	case _, ok := <-w.ResultChan():
		if ok {
			t.Error("an event after the ERROR event")
		}
	case <-time.After(5 * time.Second):
		t.Error("the watch did not end after the ERROR event")
	}
}

// timeoutSeconds ends the watch: the channel closes.
func TestWatchTimeout(t *testing.T) {
	e := newEnv(t)
	start := time.Now()
	w, err := e.storage(t, "", "configmaps").Watch(t.Context(), "default", registry.ListOptions{TimeoutSeconds: 1, SendInitialEvents: ptr(false)})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case _, ok := <-w.ResultChan():
		if ok {
			t.Fatal("unexpected event")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the watch outlived its timeout")
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("the watch ended after %v, before its timeout", d)
	}
	w.Stop()
}

// A list at a revision etcd has compacted is 410 Expired with upstream's
// words, so the client lists again without the revision.
func TestListCompacted(t *testing.T) {
	store := etcdtest.NewStore(t)
	e := newEnvOn(t, store)
	cms := e.storage(t, "", "configmaps")
	old := create(t, cms, newConfigMap("a"))
	create(t, cms, newConfigMap("b"))
	if _, err := store.Client().Compact(t.Context(), e.revision(t), clientv3.WithCompactPhysical()); err != nil {
		t.Fatal(err)
	}
	_, err := cms.List(t.Context(), "default", registry.ListOptions{ResourceVersion: old.ResourceVersion, ResourceVersionMatch: "Exact"})
	wantStatus(t, err, 410, metav1.StatusReasonExpired, `^The resourceVersion for the provided list is too old\.$`)
}
