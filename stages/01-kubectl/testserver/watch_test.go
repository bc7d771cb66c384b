package testserver_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// watchEvents opens a watch and returns a channel of its events.
func watchEvents(t *testing.T, srv *testserver.Server, query string, header ...string) <-chan metav1.WatchEvent {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+deployments+"?watch=true"+query, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	cert := srv.ClientCert()
	resp, err := httpClient(t, srv, &cert).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("watch: %d", resp.StatusCode)
	}
	ch := make(chan metav1.WatchEvent, 16)
	go func() {
		defer resp.Body.Close()
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var ev metav1.WatchEvent
			if json.Unmarshal(sc.Bytes(), &ev) == nil {
				ch <- ev
			}
		}
	}()
	return ch
}

func next(t *testing.T, ch <-chan metav1.WatchEvent) (string, map[string]any) {
	t.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			t.Fatal("watch ended early")
		}
		var obj map[string]any
		json.Unmarshal(ev.Object, &obj)
		return ev.Type, obj
	case <-time.After(5 * time.Second):
		t.Fatal("no watch event within 5s")
	}
	return "", nil
}

// Talk 001, "informers": a watch starts with the current objects as ADDED,
// then streams each change; a selector filters it.
func TestWatch(t *testing.T) {
	srv := testserver.Start(t, testserver.WithObjects(deployment("a", 1, map[string]any{"tier": "web"})))
	ch := watchEvents(t, srv, "&labelSelector=tier%3Dweb")
	if typ, obj := next(t, ch); typ != metav1.Added || unstructured.Name(obj) != "a" || obj["kind"] != "Deployment" {
		t.Fatalf("first event %s %v, want ADDED a", typ, obj)
	}
	srv.Create(deployment("other", 1, map[string]any{"tier": "db"})) // filtered out
	srv.Create(deployment("b", 1, map[string]any{"tier": "web"}))
	if typ, obj := next(t, ch); typ != metav1.Added || unstructured.Name(obj) != "b" {
		t.Fatalf("event %s %s, want ADDED b", typ, unstructured.Name(obj))
	}
	call(t, srv, "PATCH", deployments+"/b", `{"spec":{"replicas":2}}`, "Content-Type", "application/merge-patch+json")
	if typ, _ := next(t, ch); typ != metav1.Modified {
		t.Fatalf("event %s, want MODIFIED", typ)
	}
	call(t, srv, "DELETE", deployments+"/b", nil)
	if typ, _ := next(t, ch); typ != metav1.Deleted {
		t.Fatalf("event %s, want DELETED", typ)
	}
}

// kubectl get -w lists first, then watches from the list's
// resourceVersion: only later changes arrive, each as a one-row Table.
func TestWatchFromResourceVersionAsTable(t *testing.T) {
	srv := testserver.Start(t, testserver.WithObjects(deployment("a", 1, nil)))
	_, _, body := call(t, srv, "GET", deployments, nil)
	rv, _ := unstructured.NestedString(decode(t, body), "metadata", "resourceVersion")

	srv.Create(deployment("b", 1, nil)) // after the list, before the watch: replayed
	ch := watchEvents(t, srv, "&resourceVersion="+rv, "Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
	typ, obj := next(t, ch)
	if typ != metav1.Added || obj["kind"] != "Table" {
		t.Fatalf("event %s %v, want ADDED Table", typ, obj["kind"])
	}
	rows, _ := obj["rows"].([]any)
	if len(rows) != 1 || rows[0].(map[string]any)["cells"].([]any)[0] != "b" {
		t.Errorf("rows = %v, want one row for b", rows)
	}
}
