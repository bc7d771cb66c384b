package server

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A port that is taken fails the start with the flags to change, and
// leaves nothing running (the embedded etcd is stopped again).
func TestStartPortInUse(t *testing.T) {
	first := startServer(t, testConfig(t))
	cfg := testConfig(t)
	_, port, _ := strings.Cut(first.Addr(), ":")
	var err error
	if cfg.SecurePort, err = strconv.Atoi(port); err != nil {
		t.Fatal(err)
	}
	_, err = Start(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), "--secure-port") {
		t.Fatalf("Start on a taken port = %v, want an error naming --secure-port", err)
	}
	// The data directory is free again: a second try on a free port works.
	cfg.SecurePort = 0
	startServer(t, cfg)
}

// Close ends open watches instead of waiting for them (they would last
// half an hour), lets the watch client see the stream end, and stops.
func TestCloseEndsWatches(t *testing.T) {
	cfg := testConfig(t)
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	s, err := Start(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	c := client(t, s)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL()+"/api/v1/namespaces?watch=true", nil)
	if err != nil {
		t.Fatal(err)
	}
	watch, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Body.Close()
	if watch.StatusCode != http.StatusOK {
		t.Fatalf("watch: %s", watch.Status)
	}

	start := time.Now()
	if err := s.Close(); err != nil {
		t.Fatalf("Close with an open watch: %v", err)
	}
	if d := time.Since(start); d >= shutdownTimeout {
		t.Errorf("Close took %s: it waited for the watch instead of ending it", d)
	}
	// The stream has ended, with the connection if not before: reading it
	// returns instead of blocking until ctx's deadline.
	_, _ = io.ReadAll(watch.Body)
	if ctx.Err() != nil {
		t.Errorf("watch stream still open after Close: %v", ctx.Err())
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close = %v, want the first result (nil)", err)
	}
}
