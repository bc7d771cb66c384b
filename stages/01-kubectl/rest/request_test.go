package rest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestDoSendsRequest(t *testing.T) {
	srv := newAPIServer(t, serverOptions{handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"kind":"Deployment"}`)
	})})
	c, err := New(srv.config())
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(context.Background(), Request{
		Verb:  http.MethodPost,
		Path:  "/apis/apps/v1/namespaces/default/deployments",
		Query: url.Values{"fieldManager": {"kubectl-create"}, "dryRun": {"All"}},
		Body:  []byte(`{"kind":"Deployment"}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusCreated || string(resp.Body) != `{"kind":"Deployment"}` {
		t.Errorf("response = %d %s", resp.StatusCode, resp.Body)
	}
	got := srv.last(t)
	want := seen{Method: "POST", Path: "/apis/apps/v1/namespaces/default/deployments",
		RawQuery: "dryRun=All&fieldManager=kubectl-create", Body: `{"kind":"Deployment"}`}
	if got.Method != want.Method || got.Path != want.Path || got.RawQuery != want.RawQuery || got.Body != want.Body {
		t.Errorf("server saw %+v, want %+v", got, want)
	}
	if ct, acc := got.Header.Get("Content-Type"), got.Header.Get("Accept"); ct != "application/json" || acc != "application/json, */*" {
		t.Errorf("Content-Type %q, Accept %q", ct, acc)
	}
}

func TestGetKeepsPathPrefixAndQuery(t *testing.T) {
	srv := newAPIServer(t, serverOptions{})
	cfg := srv.config()
	cfg.Host = srv.URL + "/prefix/"
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if c.Host() != srv.URL+"/prefix" {
		t.Errorf("Host() = %q", c.Host())
	}
	if _, err := c.Get(context.Background(), "/apis?timeout=32s"); err != nil {
		t.Fatal(err)
	}
	if got := srv.last(t); got.Path != "/prefix/apis" || got.RawQuery != "timeout=32s" {
		t.Errorf("server saw %s?%s", got.Path, got.RawQuery)
	}
}

func TestRelativePathIsRejected(t *testing.T) {
	c, _ := New(&Config{Host: "https://127.0.0.1:1"})
	if _, err := c.Get(context.Background(), "apis"); err == nil || !strings.Contains(err.Error(), "path must start with /") {
		t.Errorf("err = %v", err)
	}
}

// Stream hands back the body while the server is still writing: the way
// a watch delivers events one by one.
func TestStreamDeliversIncrementally(t *testing.T) {
	release := make(chan struct{})
	srv := newAPIServer(t, serverOptions{handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintln(w, `{"type":"ADDED"}`)
		w.(http.Flusher).Flush()
		<-release
		fmt.Fprintln(w, `{"type":"DELETED"}`)
	})})
	cfg := srv.config()
	cfg.Timeout = 50 * time.Millisecond // must not cut the stream
	c, _ := New(cfg)
	body, err := c.Stream(context.Background(), Request{Path: "/api/v1/pods", Query: url.Values{"watch": {"true"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer body.Close()
	lines := bufio.NewScanner(body)
	if !lines.Scan() || lines.Text() != `{"type":"ADDED"}` {
		t.Fatalf("first event: %q %v", lines.Text(), lines.Err())
	}
	time.Sleep(100 * time.Millisecond)
	close(release)
	if !lines.Scan() || lines.Text() != `{"type":"DELETED"}` {
		t.Fatalf("second event: %q %v", lines.Text(), lines.Err())
	}
}

func TestStreamError(t *testing.T) {
	srv := newAPIServer(t, serverOptions{handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.NotFound(w, r)
	})})
	c, _ := New(srv.config())
	_, err := c.Stream(context.Background(), Request{Path: "/api/v1/namespaces/default/pods/x/log"})
	if !IsNotFound(err) {
		t.Errorf("err = %v, want NotFound", err)
	}
}

func TestTimeoutBoundsDo(t *testing.T) {
	srv := newAPIServer(t, serverOptions{handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})})
	cfg := srv.config()
	cfg.Timeout = 100 * time.Millisecond
	c, _ := New(cfg)
	_, err := c.Get(context.Background(), "/slow")
	var ue *url.Error
	if !errors.As(err, &ue) || !ue.Timeout() {
		t.Errorf("err = %v, want a timeout *url.Error", err)
	}
}

// Upgrade switches protocols (kubectl exec speaks WebSocket this way) and
// hands back the connection, with credentials applied as usual.
func TestUpgrade(t *testing.T) {
	srv := newAPIServer(t, serverOptions{handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") != "websocket" {
			http.NotFound(w, r)
			return
		}
		conn, rw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		_, _ = rw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
		_ = rw.Flush()
		line, _ := rw.ReadString('\n')
		_, _ = rw.WriteString("echo " + line)
		_ = rw.Flush()
	})})
	cfg := srv.config()
	cfg.BearerToken = "abc"
	c, _ := New(cfg)
	upgrade := http.Header{"Connection": {"Upgrade"}, "Upgrade": {"websocket"}}

	res, err := c.Upgrade(context.Background(), Request{Path: "/api/v1/namespaces/default/pods/p/exec", Headers: upgrade})
	if err != nil {
		t.Fatal(err)
	}
	conn, ok := res.Body.(io.ReadWriteCloser)
	if !ok {
		t.Fatalf("body %T is not writable", res.Body)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "hello\n"); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || line != "echo hello\n" {
		t.Errorf("read %q, %v", line, err)
	}
	if got := srv.last(t).Header.Get("Authorization"); got != "Bearer abc" {
		t.Errorf("Authorization = %q", got)
	}

	_, err = c.Upgrade(context.Background(), Request{Path: "/api/v1/namespaces/default/pods/p/exec"})
	if !IsNotFound(err) {
		t.Errorf("no upgrade: err = %v, want NotFound", err)
	}
}
