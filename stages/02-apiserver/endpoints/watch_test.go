package endpoints

import (
	"bufio"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints/internal/fakeregistry"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata")

// stream is an open watch, read as a client reads it.
type stream struct {
	t    *testing.T
	resp *http.Response
	sc   *bufio.Scanner
}

func (s *testServer) watch(path string, header ...string) *stream {
	s.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.srv.URL+path, nil)
	for _, h := range header {
		k, v, _ := strings.Cut(h, ":")
		req.Header.Set(k, strings.TrimSpace(v))
	}
	resp, err := s.srv.Client().Do(req)
	if err != nil {
		s.t.Fatalf("watch %s: %v", path, err)
	}
	s.t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != http.StatusOK {
		s.t.Fatalf("watch %s = %d", path, resp.StatusCode)
	}
	return &stream{t: s.t, resp: resp, sc: bufio.NewScanner(resp.Body)}
}

// next returns the next line of the stream, failing after 5s.
func (st *stream) next() string {
	st.t.Helper()
	line := make(chan string, 1)
	go func() {
		if st.sc.Scan() {
			line <- st.sc.Text()
		}
		close(line)
	}()
	select {
	case l, ok := <-line:
		if !ok {
			st.t.Fatalf("watch stream ended")
		}
		return l
	case <-time.After(5 * time.Second):
		st.t.Fatalf("no watch event within 5s")
	}
	return ""
}

// event decodes the next event: its type, and its object as a map.
func (st *stream) event() (string, map[string]any) {
	st.t.Helper()
	var ev struct {
		Type   string
		Object map[string]any
	}
	line := st.next()
	if err := json.Unmarshal([]byte(line), &ev); err != nil {
		st.t.Fatalf("decode event %s: %v", line, err)
	}
	return ev.Type, ev.Object
}

// ended reports whether the stream ends within 5s.
func (st *stream) ended() bool {
	done := make(chan bool, 1)
	go func() { done <- !st.sc.Scan() }()
	select {
	case end := <-done:
		return end
	case <-time.After(5 * time.Second):
		return false
	}
}

func nameOf(obj map[string]any) string {
	name, _ := obj["metadata"].(map[string]any)["name"].(string)
	return name
}

// Talk 004, steps 3 and 7: a controller lists, then watches from the
// list's resourceVersion and sees every later change, one JSON document
// per line. The transcript in testdata is the stream byte for byte.
func TestWatchStream(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(deploymentsPath, deploymentJSON("before"))
	rv := s.mustDo(call{method: "GET", path: deploymentsPath}, http.StatusOK).object(t)["metadata"].(map[string]any)["resourceVersion"].(string)

	path := deploymentsPath + "?watch=true&resourceVersion=" + rv
	st := s.watch(path)
	if ct := st.resp.Header.Get("Content-Type"); ct != mediaJSON || len(st.resp.TransferEncoding) != 1 || st.resp.TransferEncoding[0] != "chunked" {
		t.Errorf("Content-Type %q, Transfer-Encoding %v", ct, st.resp.TransferEncoding)
	}
	s.create(deploymentsPath, deploymentJSON("web"))
	s.mustDo(call{method: http.MethodPatch, path: deploymentsPath + "/web", body: `{"spec":{"replicas":5}}`,
		header: []string{"Content-Type: application/merge-patch+json"}}, http.StatusOK)
	s.mustDo(call{method: http.MethodDelete, path: deploymentsPath + "/web"}, http.StatusOK)

	transcript := "GET " + path + "\n"
	for _, want := range []string{metav1.Added, metav1.Modified, metav1.Deleted} {
		line := st.next()
		transcript += line + "\n"
		var ev metav1.WatchEvent
		var obj struct{ Kind, APIVersion string }
		if err := json.Unmarshal([]byte(line), &ev); err != nil || json.Unmarshal(ev.Object, &obj) != nil {
			t.Fatalf("event %s: %v", line, err)
		}
		if ev.Type != want || obj.Kind != "Deployment" || obj.APIVersion != "apps/v1" {
			t.Errorf("event = %s %s %s, want %s Deployment apps/v1", ev.Type, obj.Kind, obj.APIVersion, want)
		}
	}
	golden(t, "watch_deployments.txt", transcript)
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (run with -update to accept):\n got: %s\nwant: %s", path, got, want)
	}
}

// An informer that reconnects resumes from the last revision it saw; one
// that was away too long gets 410 Expired and lists again.
func TestWatchResumeAndExpired(t *testing.T) {
	s := newTestServer(t, Options{})
	first := s.create(deploymentsPath, deploymentJSON("a"))
	s.create(deploymentsPath, deploymentJSON("b"))
	s.create(deploymentsPath, deploymentJSON("c"))
	rv := first["metadata"].(map[string]any)["resourceVersion"].(string)

	st := s.watch(deploymentsPath + "?watch=1&resourceVersion=" + rv)
	for _, want := range []string{"b", "c"} {
		if typ, obj := st.event(); typ != metav1.Added || nameOf(obj) != want {
			t.Errorf("resumed event = %s %s, want ADDED %s", typ, nameOf(obj), want)
		}
	}

	s.reg.Compact()
	st = s.watch(deploymentsPath + "?watch=1&resourceVersion=" + rv)
	typ, obj := st.event()
	if typ != metav1.Error || obj["kind"] != "Status" || obj["code"] != 410.0 || obj["reason"] != "Expired" {
		t.Errorf("expired watch = %s %v", typ, obj)
	}
	if !st.ended() {
		t.Error("the stream did not end after the ERROR event")
	}
}

// The legacy /watch/ paths, still used by old clients: a collection, and
// one object by name.
func TestLegacyWatchPaths(t *testing.T) {
	s := newTestServer(t, Options{})
	all := s.watch("/apis/apps/v1/watch/namespaces/default/deployments")
	one := s.watch("/apis/apps/v1/watch/namespaces/default/deployments/web")
	s.create(deploymentsPath, deploymentJSON("other"))
	s.create(deploymentsPath, deploymentJSON("web"))
	if _, obj := all.event(); nameOf(obj) != "other" {
		t.Errorf("collection watch saw %s first", nameOf(obj))
	}
	if _, obj := one.event(); nameOf(obj) != "web" {
		t.Errorf("watch of web saw %s", nameOf(obj))
	}
	r := s.do(call{method: "GET", path: "/apis/apps/v1/watch/namespaces/default/deployments/web?fieldSelector=metadata.name%3Dother"})
	if r.code != http.StatusBadRequest || r.status(t).Message != "fieldSelector metadata.name doesn't match requested name" {
		t.Errorf("mismatched name = %d %s", r.code, r.body)
	}
}

func TestWatchTimeout(t *testing.T) {
	s := newTestServer(t, Options{})
	st := s.watch(deploymentsPath + "?watch=true&timeoutSeconds=1")
	start := time.Now()
	if !st.ended() {
		t.Fatal("the watch outlived timeoutSeconds")
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("the watch ended after %v, before its timeout", d)
	}
	h := New(nil, Options{MinRequestTimeout: time.Minute})
	for range 20 {
		if d := h.watchTimeout(0); d < time.Minute || d >= 2*time.Minute {
			t.Fatalf("default timeout %v outside [1m, 2m)", d)
		}
	}
}

// kubectl get -w asks for Tables: the column definitions come once.
func TestWatchTable(t *testing.T) {
	s := newTestServer(t, Options{})
	st := s.watch(deploymentsPath+"?watch=1", tableAccept)
	s.create(deploymentsPath, deploymentJSON("a"))
	s.create(deploymentsPath, deploymentJSON("b"))
	for i, wantColumns := range []bool{true, false} {
		_, obj := st.event()
		cols, _ := obj["columnDefinitions"].([]any)
		rows, _ := obj["rows"].([]any)
		if obj["kind"] != "Table" || (len(cols) > 0) != wantColumns || len(rows) != 1 {
			t.Errorf("event %d = %v, want a Table with columns %v", i, obj, wantColumns)
		}
	}
}

// Watch-list (client-go ≥ 1.32): the initial objects, then a bookmark
// marking their end.
func TestWatchSendInitialEvents(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(deploymentsPath, deploymentJSON("a"))
	st := s.watch(deploymentsPath + "?watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan")
	if typ, obj := st.event(); typ != metav1.Added || nameOf(obj) != "a" {
		t.Errorf("first event = %s %s", typ, nameOf(obj))
	}
	typ, obj := st.event()
	annotations, _ := obj["metadata"].(map[string]any)["annotations"].(map[string]any)
	if typ != metav1.Bookmark || annotations["k8s.io/initial-events-end"] != "true" || obj["kind"] != "Deployment" {
		t.Errorf("second event = %s %v", typ, obj)
	}
}

// A thousand watchers of one resource encode each event once: the second
// watcher gets the first one's line.
func TestEventCacheSharesLines(t *testing.T) {
	h := New(nil, Options{})
	s := newTestServer(t, Options{})
	s.create(deploymentsPath, deploymentJSON("web"))
	d := s.getDeployment("web")
	encodes := 0
	encode := func() ([]byte, error) { encodes++; return []byte("line\n"), nil }
	gvk := d.GroupVersionKind()
	a, _ := h.events.line(metav1.Added, d, gvk, encode)
	b, _ := h.events.line(metav1.Added, d, gvk, encode)
	if encodes != 1 || &a[0] != &b[0] {
		t.Errorf("encoded %d times for two watchers, want once", encodes)
	}
	if _, _ = h.events.line(metav1.Modified, d, gvk, encode); encodes != 2 {
		t.Errorf("another event type reused the line")
	}
	for i := range eventCacheSize {
		other := s.getDeployment("web")
		other.Generation = int64(i)
		_, _ = h.events.line(metav1.Added, other, gvk, encode)
	}
	if _, _ = h.events.line(metav1.Added, d, gvk, encode); encodes != 3+eventCacheSize {
		t.Errorf("an evicted event was not encoded again (%d encodings)", encodes)
	}
}

// kubectl and client-go speak HTTP/2 to the API server over TLS: the
// stream works there too (Go drops the HTTP/1 chunking header).
func TestWatchOverHTTP2(t *testing.T) {
	reg := fakeregistry.New()
	srv := httptest.NewUnstartedServer(New(reg, Options{}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)
	s := &testServer{t: t, reg: reg, srv: srv}
	st := s.watch(deploymentsPath + "?watch=1")
	if st.resp.ProtoMajor != 2 {
		t.Fatalf("protocol = %s, want HTTP/2", st.resp.Proto)
	}
	s.create(deploymentsPath, deploymentJSON("web"))
	if typ, obj := st.event(); typ != metav1.Added || nameOf(obj) != "web" {
		t.Errorf("event = %s %s", typ, nameOf(obj))
	}
}
