package storage_test

import (
	"context"
	"errors"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

// Talk 003, "etcd": the store of every API object. The embedded member
// serves on loopback only and keeps its data when the API server restarts
// (on new ports).
func TestEmbeddedRestartKeepsData(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "etcd")
	ctx := t.Context()
	e, err := storage.StartEmbedded(ctx, dir, etcdtest.Options())
	if err != nil {
		t.Fatalf("StartEmbedded: %v", err)
	}
	t.Cleanup(func() { e.Close() })
	for _, endpoint := range append(e.Endpoints(), e.PeerURL()) {
		if u, err := url.Parse(endpoint); err != nil || u.Hostname() != "127.0.0.1" {
			t.Errorf("listens on %q, want 127.0.0.1 only", endpoint)
		}
	}
	s := storage.New(etcdtest.Client(t, e.Endpoints()...), storage.Options{})
	key := s.Key("configmaps", "default", "kept")
	_, rv, err := s.Create(ctx, key, configMap("kept"))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	e.Close()

	again, err := storage.StartEmbedded(ctx, dir, etcdtest.Options())
	if err != nil {
		t.Fatalf("restart: %v", err)
	}
	t.Cleanup(func() { again.Close() })
	s = storage.New(etcdtest.Client(t, again.Endpoints()...), storage.Options{})
	if _, gotRV, err := s.Get(ctx, key, storage.GetOptions{}); err != nil || gotRV != rv {
		t.Fatalf("Get after restart = rv %d, %v; want %d", gotRV, err, rv)
	}
}

func TestStartEmbeddedFails(t *testing.T) {
	t.Run("client port taken", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		opts := etcdtest.Options()
		opts.ClientPort = l.Addr().(*net.TCPAddr).Port
		_, err = storage.StartEmbedded(t.Context(), filepath.Join(t.TempDir(), "etcd"), opts)
		if !errors.Is(err, syscall.EADDRINUSE) || !strings.HasPrefix(err.Error(), "start embedded etcd in ") {
			t.Errorf("err = %v, want an address-in-use error naming the operation", err)
		}
	})
	t.Run("context already ended", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		_, err := storage.StartEmbedded(ctx, filepath.Join(t.TempDir(), "etcd"), etcdtest.Options())
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}
