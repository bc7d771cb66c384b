package storage_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// --etcd-servers mistakes fail at start, naming what to fix.
func TestDialRejects(t *testing.T) {
	for _, tc := range []struct {
		name      string
		endpoints []string
		tls       storage.TLSOptions
		want      string
	}{
		{"no endpoints", nil, storage.TLSOptions{}, "no endpoints: set --etcd-servers"},
		{"not a URL", []string{"127.0.0.1:2379"}, storage.TLSOptions{}, `endpoint "127.0.0.1:2379": must be a URL like http://127.0.0.1:2379`},
		{"other scheme", []string{"unix:///run/etcd.sock"}, storage.TLSOptions{}, "must be a URL like"},
		{"certificate without key", []string{"https://127.0.0.1:2379"}, storage.TLSOptions{CertFile: "client.crt"},
			"--etcd-certfile and --etcd-keyfile must be set together"},
		{"missing CA file", []string{"https://127.0.0.1:2379"}, storage.TLSOptions{CAFile: "/nonexistent/ca.crt"}, "load TLS files"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := storage.Dial(t.Context(), tc.endpoints, tc.tls)
			if err == nil {
				c.Close()
				t.Fatal("Dial succeeded")
			}
			if !strings.HasPrefix(err.Error(), "dial etcd ") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %q, want it to contain %q", err, tc.want)
			}
		})
	}
}

// Nothing listening: Dial fails when its context ends instead of handing
// back a client that fails later.
func TestDialUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	c, err := storage.Dial(ctx, []string{"http://" + addr}, storage.TLSOptions{})
	if err == nil {
		c.Close()
		t.Fatal("Dial of a closed port succeeded")
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("Dial took %v, want it bounded by the context", elapsed)
	}
}
