// Test helpers: an embedded etcd, a cluster of them, and a Store, each torn
// down by t.Cleanup.
//
// Interface:
//   - Start(t) starts one member in t.TempDir() on free loopback ports.
//   - StartCluster(t, n) starts n members forming one cluster.
//   - Client(t, endpoints...) dials them.
//   - NewStore(t) is a Store over a fresh member, for tests that need
//     nothing else.
//
// The members skip fsync: a test's data lives only as long as the test.
package etcdtest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// startTimeout bounds the start of a member or cluster in a test.
const startTimeout = 30 * time.Second

// Options are the EmbedOptions of Start: no fsync, a 10ms heartbeat so the
// member elects itself within 100ms, and the default compaction, which
// never runs during a short test. StartCluster keeps etcd's heartbeat, as
// members of a real cluster on a busy machine need it to stay calm.
func Options() storage.EmbedOptions {
	return storage.EmbedOptions{UnsafeNoFsync: true, TickInterval: 10 * time.Millisecond, ReadyTimeout: startTimeout}
}

// Start starts a single-member etcd with its data in t.TempDir() and stops
// it when the test ends. It fails the test if etcd does not start.
func Start(t testing.TB) *storage.Embedded {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	e, err := storage.StartEmbedded(ctx, filepath.Join(t.TempDir(), "etcd"), Options())
	if err != nil {
		t.Fatalf("start embedded etcd: %v", err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// StartCluster starts n members forming one cluster on loopback and stops
// them when the test ends.
func StartCluster(t testing.TB, n int) []*storage.Embedded {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	opts := Options()
	opts.TickInterval = 0
	members, err := storage.StartCluster(ctx, filepath.Join(t.TempDir(), "etcd"), n, opts)
	if err != nil {
		t.Fatalf("start etcd cluster: %v", err)
	}
	t.Cleanup(func() { storage.CloseCluster(members) })
	return members
}

// Client dials endpoints and closes the client when the test ends (before
// the members Start registered earlier are stopped, as cleanups run last
// in, first out).
func Client(t testing.TB, endpoints ...string) *clientv3.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	c, err := storage.Dial(ctx, endpoints, storage.TLSOptions{})
	if err != nil {
		t.Fatalf("dial etcd: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// NewStore starts a member and returns a Store over a client of it, with
// the default "/registry" prefix.
func NewStore(t testing.TB) *storage.Store {
	t.Helper()
	e := Start(t)
	return storage.New(Client(t, e.Endpoints()...), storage.Options{})
}
