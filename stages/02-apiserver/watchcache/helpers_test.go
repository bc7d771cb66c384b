// Test helpers: objects, transcripts of watch events, and waiting.
package watchcache

import (
	"fmt"
	"strings"
	"testing"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// pod returns a pod with labels given as "k=v" pairs ("" for none).
func pod(name string, kv ...string) *corev1.Pod {
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name}}
	for _, s := range kv {
		if s == "" {
			continue
		}
		if p.Labels == nil {
			p.Labels = map[string]string{}
		}
		k, v, _ := strings.Cut(s, "=")
		p.Labels[k] = v
	}
	return p
}

// eventLine prints an event as "ADDED ns/name rv" ("BOOKMARK rv",
// "ERROR code message") so tests compare readable transcripts.
func eventLine(ev registry.Event) string {
	switch ev.Type {
	case metav1.Error:
		return fmt.Sprintf("ERROR %d %s", ev.Status.Code, ev.Status.Message)
	case metav1.Bookmark:
		m := ev.Object.GetObjectMeta()
		if m.Annotations[registry.InitialEventsAnnotationKey] == "true" {
			return "BOOKMARK " + m.ResourceVersion + " initial-events-end"
		}
		return "BOOKMARK " + m.ResourceVersion
	}
	m := ev.Object.GetObjectMeta()
	return fmt.Sprintf("%s %s/%s %s", ev.Type, m.Namespace, m.Name, m.ResourceVersion)
}

// read returns the next n events of w as lines, failing the test if they
// do not come within a few seconds.
func read(t *testing.T, w registry.Watcher, n int) []string {
	t.Helper()
	var out []string
	timeout := time.After(5 * time.Second)
	for len(out) < n {
		select {
		case ev, ok := <-w.ResultChan():
			if !ok {
				t.Fatalf("watch closed after %d events %q, want %d", len(out), out, n)
			}
			out = append(out, eventLine(ev))
		case <-timeout:
			t.Fatalf("got %d events %q, want %d", len(out), out, n)
		}
	}
	return out
}

// quiet fails the test if w delivers anything within d.
func quiet(t *testing.T, w registry.Watcher, d time.Duration) {
	t.Helper()
	select {
	case ev, ok := <-w.ResultChan():
		if ok {
			t.Fatalf("unexpected event %s", eventLine(ev))
		}
		t.Fatalf("watch closed, want it open and quiet")
	case <-time.After(d):
	}
}

// closed waits for w's channel to close, skipping events, and fails the
// test if it stays open.
func closed(t *testing.T, w registry.Watcher) {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case _, ok := <-w.ResultChan():
			if !ok {
				return
			}
		case <-timeout:
			t.Fatal("watch still open, want it closed")
		}
	}
}

// eventually polls cond until it holds, failing the test after a few
// seconds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// newCache wraps inner for a test and stops the cache when it ends.
func newCache(t *testing.T, inner registry.Storage, opts Options) *Cacher {
	t.Helper()
	c, err := Wrap(inner, opts)
	if err != nil {
		t.Fatalf("wrap: %v", err)
	}
	t.Cleanup(c.Stop)
	return c
}

// cacheRV is the cache's resourceVersion.
func cacheRV(c *Cacher) int64 {
	rv, _ := c.store.current()
	return rv
}
