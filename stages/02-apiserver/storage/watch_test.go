package storage_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	clientv3 "go.etcd.io/etcd/client/v3"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// next returns the watch's next event, failing the test after a while.
func next(t *testing.T, w *storage.Watcher) storage.Event {
	t.Helper()
	select {
	case ev, ok := <-w.ResultChan():
		if !ok {
			t.Fatal("watch channel closed early")
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no watch event after 10s")
	}
	return storage.Event{}
}

// watch starts a watch that the test stops at its end.
func watch(t *testing.T, s *storage.Store, key string, opts storage.WatchOptions) *storage.Watcher {
	t.Helper()
	w, err := s.Watch(t.Context(), key, opts)
	if err != nil {
		t.Fatalf("Watch: %v", err)
	}
	t.Cleanup(w.Stop)
	return w
}

// transcript renders events one per line, as a student reads a watch
// stream.
func transcript(events []storage.Event) string {
	var b strings.Builder
	for _, ev := range events {
		fmt.Fprintf(&b, "%-8s rv=%d %s\n         object: %s\n", ev.Type, ev.Revision, ev.Key, ev.Object)
		if ev.PrevObject != nil {
			fmt.Fprintf(&b, "         prev:   %s\n", ev.PrevObject)
		}
	}
	return b.String()
}

// Talk 004, steps 3 and 4 ("fetch objects"): controllers watch instead of
// polling. testdata/watch.txt shows two watches of the same changes: one
// from a revision, one that starts with the current state.
func TestWatchTranscript(t *testing.T) {
	s := etcdtest.NewStore(t)
	ctx := t.Context()
	prefix := s.Prefix("configmaps", "default")
	mustCreate(t, s, "a")
	mustCreate(t, s, "b")
	fromRevision := watch(t, s, prefix, storage.WatchOptions{ResourceVersion: "1"})
	currentState := watch(t, s, prefix, storage.WatchOptions{})

	if _, _, err := s.GuaranteedUpdate(ctx, s.Key("configmaps", "default", "a"), storage.UpdateOptions{}, setData("changed")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Delete(ctx, s.Key("configmaps", "default", "b"), storage.Preconditions{}, nil); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, "c")

	var got strings.Builder
	for _, section := range []struct {
		title string
		w     *storage.Watcher
	}{
		{`Watch(prefix, ResourceVersion: "1"): every change after revision 1.`, fromRevision},
		{`Watch(prefix, ResourceVersion: ""), started after a and b were created: the current state as ADDED, then the changes.`, currentState},
	} {
		var events []storage.Event
		for range 5 {
			events = append(events, next(t, section.w))
		}
		fmt.Fprintf(&got, "# %s\n%s\n", section.title, transcript(events))
	}

	golden := filepath.Join("testdata", "watch.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got.String()); diff != "" {
		t.Errorf("watch transcript differs from %s (-want +got):\n%s", golden, diff)
	}
}

// A client whose watch broke resumes from the last resourceVersion it saw
// and gets exactly the events it missed: none lost, none twice.
func TestWatchResume(t *testing.T) {
	s := etcdtest.NewStore(t)
	start := mustCreate(t, s, "seed")
	prefix := s.Prefix("configmaps", "default")
	w, err := s.Watch(t.Context(), prefix, storage.WatchOptions{ResourceVersion: strconv.FormatInt(start, 10)})
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, "a")
	mustCreate(t, s, "b")
	var last int64
	for _, want := range []string{"a", "b"} {
		ev := next(t, w)
		if ev.Type != metav1.Added || !strings.HasSuffix(ev.Key, "/"+want) {
			t.Fatalf("event %s %s, want ADDED %s", ev.Type, ev.Key, want)
		}
		last = ev.Revision
	}
	w.Stop() // the connection breaks
	if _, ok := <-w.ResultChan(); ok {
		t.Fatal("channel still open after Stop")
	}

	mustCreate(t, s, "c")
	if _, _, err := s.Delete(t.Context(), s.Key("configmaps", "default", "a"), storage.Preconditions{}, nil); err != nil {
		t.Fatal(err)
	}
	resumed := watch(t, s, prefix, storage.WatchOptions{ResourceVersion: strconv.FormatInt(last, 10)})
	for _, want := range []string{"ADDED c", "DELETED a"} {
		ev := next(t, resumed)
		if got := ev.Type + " " + ev.Key[strings.LastIndex(ev.Key, "/")+1:]; got != want {
			t.Fatalf("resumed watch: %s, want %s", got, want)
		}
		if ev.Revision <= last {
			t.Fatalf("event at rv %d, not after %d", ev.Revision, last)
		}
		last = ev.Revision
	}
}

// A watch of one key sees only that object, not a sibling whose name it
// prefixes.
func TestWatchOneKey(t *testing.T) {
	s := etcdtest.NewStore(t)
	w := watch(t, s, s.Key("configmaps", "default", "web"), storage.WatchOptions{ResourceVersion: "1"})
	mustCreate(t, s, "web2")
	mustCreate(t, s, "web")
	if ev := next(t, w); !strings.HasSuffix(ev.Key, "/web") {
		t.Errorf("first event for %s, want only web", ev.Key)
	}
}

// Talk 004, steps 3 and 4: a watch from a compacted revision cannot be
// served; the client gets ErrExpired (410 Gone) and must list again.
func TestWatchCompacted(t *testing.T) {
	s := etcdtest.NewStore(t)
	old := mustCreate(t, s, "a")
	mustCreate(t, s, "b")
	head := mustCreate(t, s, "c")
	if _, err := s.Client().Compact(t.Context(), head, clientv3.WithCompactPhysical()); err != nil {
		t.Fatal(err)
	}
	w := watch(t, s, s.Prefix("configmaps", ""), storage.WatchOptions{ResourceVersion: strconv.FormatInt(old, 10)})
	ev := next(t, w)
	if ev.Type != metav1.Error || !errors.Is(ev.Err, storage.ErrExpired) {
		t.Fatalf("event %+v, want an Error event with ErrExpired", ev)
	}
	if want := fmt.Sprintf("too old resource version: %d (%d)", old, head); ev.Err.Error() != want {
		t.Errorf("error %q, want %q", ev.Err, want)
	}
	if _, ok := <-w.ResultChan(); ok {
		t.Error("channel still open after the Error event")
	}
}

// With ProgressNotify, etcd's progress reports arrive as BOOKMARKs: the
// watcher learns the revision it is current at even when nothing changes.
func TestWatchBookmark(t *testing.T) {
	s := etcdtest.NewStore(t)
	head := mustCreate(t, s, "a")
	mustCreate(t, s, "other-namespace-is-not-watched") // still moves the revision
	w := watch(t, s, s.Prefix("secrets", ""), storage.WatchOptions{ResourceVersion: strconv.FormatInt(head, 10), ProgressNotify: true})
	// The request may reach etcd before the watch is registered; ask until
	// a bookmark arrives.
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if err := s.RequestProgress(t.Context()); err != nil {
			t.Fatal(err)
		}
		select {
		case ev := <-w.ResultChan():
			if ev.Type != metav1.Bookmark || ev.Revision < head+1 || ev.Object != nil {
				t.Fatalf("event %+v, want a BOOKMARK at rv >= %d", ev, head+1)
			}
			return
		case <-time.After(100 * time.Millisecond):
		}
	}
	t.Fatal("no BOOKMARK after 10s of progress requests")
}

func TestWatchEnds(t *testing.T) {
	s := etcdtest.NewStore(t)
	t.Run("context cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		w, err := s.Watch(ctx, s.Prefix("pods", ""), storage.WatchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		cancel()
		for range w.ResultChan() {
		}
		w.Stop() // after the context ended: still fine
	})
	t.Run("etcd client closed", func(t *testing.T) {
		e := etcdtest.Start(t)
		client, err := storage.Dial(t.Context(), e.Endpoints(), storage.TLSOptions{})
		if err != nil {
			t.Fatal(err)
		}
		own := storage.New(client, storage.Options{})
		w := watch(t, own, own.Prefix("pods", ""), storage.WatchOptions{ResourceVersion: "1"})
		client.Close()
		if ev := next(t, w); ev.Type != metav1.Error || ev.Err == nil {
			t.Errorf("event %+v, want an Error event", ev)
		}
	})
	t.Run("malformed resourceVersion", func(t *testing.T) {
		if _, err := s.Watch(t.Context(), s.Prefix("pods", ""), storage.WatchOptions{ResourceVersion: "abc"}); !errors.Is(err, storage.ErrBadRequest) {
			t.Errorf("err = %v, want ErrBadRequest", err)
		}
	})
	t.Run("key outside the prefix", func(t *testing.T) {
		if _, err := s.Watch(t.Context(), "/", storage.WatchOptions{}); !errors.Is(err, storage.ErrBadRequest) {
			t.Errorf("err = %v, want ErrBadRequest", err)
		}
	})
}
