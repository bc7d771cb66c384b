package audit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
)

// lockedBuffer is a bytes.Buffer safe to write from the backend's
// goroutine and read from the test's.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// The log is JSON lines, one event per line, in the order they happened,
// each decoding as an upstream audit event.
func TestLogBackendWritesJSONLines(t *testing.T) {
	out := &lockedBuffer{}
	backend := NewLogBackend(out, 16)
	h := WithAudit(reply(http.StatusOK, `{}`), backend, DefaultPolicy())
	for _, path := range []string{"/api/v1/pods", "/api/v1/namespaces/default/pods/web", "/version"} {
		h.ServeHTTP(httptest.NewRecorder(), request(t, http.MethodGet, path, "", &admin))
	}
	backend.Shutdown()

	var stages []string
	sc := bufio.NewScanner(&out.buf)
	for sc.Scan() {
		var ev auditv1.Event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		if ev.Kind != "Event" || ev.APIVersion != "audit.k8s.io/v1" || ev.User.Username != "kubernetes-admin" {
			t.Errorf("event %+v", ev)
		}
		stages = append(stages, fmt.Sprintf("%s %s", ev.RequestURI, ev.Stage))
	}
	want := []string{
		"/api/v1/pods RequestReceived", "/api/v1/pods ResponseComplete",
		"/api/v1/namespaces/default/pods/web RequestReceived", "/api/v1/namespaces/default/pods/web ResponseComplete",
		"/version RequestReceived", "/version ResponseComplete",
	}
	if fmt.Sprint(stages) != fmt.Sprint(want) {
		t.Errorf("lines\n%v\nwant\n%v", stages, want)
	}
	if backend.Dropped() != 0 {
		t.Errorf("dropped %d", backend.Dropped())
	}
}

// blockingWriter holds every write until release is closed, like a disk
// that has stopped answering.
type blockingWriter struct {
	started chan struct{} // closed at the first write
	once    sync.Once
	release chan struct{}
	lines   int
}

func (w *blockingWriter) Write(p []byte) (int, error) {
	w.once.Do(func() { close(w.started) })
	<-w.release
	w.lines++
	return len(p), nil
}

// A request never waits for the log: when the queue is full the event is
// dropped and counted, and what was queued is still written.
func TestLogBackendDropsWhenFull(t *testing.T) {
	out := &blockingWriter{started: make(chan struct{}), release: make(chan struct{})}
	backend := NewLogBackend(out, 2)
	ev := &auditv1.Event{Stage: auditv1.StageRequestReceived}

	if !backend.ProcessEvents(ev) {
		t.Fatal("first event refused")
	}
	<-out.started // the writer holds the first line; the queue is empty
	if !backend.ProcessEvents(ev, ev) {
		t.Fatal("events that fit the queue refused")
	}
	for range 3 {
		if backend.ProcessEvents(ev) {
			t.Fatal("an event past the queue's size was accepted")
		}
	}
	if got := backend.Dropped(); got != 3 {
		t.Errorf("dropped %d, want 3", got)
	}
	close(out.release)
	backend.Shutdown()
	if out.lines != 3 {
		t.Errorf("wrote %d lines, want the 3 accepted", out.lines)
	}
	if backend.ProcessEvents(ev) || backend.Dropped() != 4 {
		t.Errorf("an event after Shutdown must be dropped and counted; dropped %d", backend.Dropped())
	}
	backend.Shutdown() // twice is fine
}

// The log rotates before a line would take it past its size, keeping
// maxBackups old files.
func TestLogFileRotates(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "logs", "audit.log")
	f, err := OpenLogFile(path, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	line := append(bytes.Repeat([]byte("x"), 400<<10), '\n') // 400 KiB: two fit in a megabyte
	for range 7 {
		if _, err := f.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	backups, _ := filepath.Glob(filepath.Join(dir, "logs", "audit-*.log"))
	if len(backups) != 2 {
		t.Errorf("backups %v, want 2", backups)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() != int64(len(line)) || st.Mode().Perm() != 0o600 {
		t.Errorf("current file: %d bytes, mode %v; want one line, 0600", st.Size(), st.Mode().Perm())
	}
}
