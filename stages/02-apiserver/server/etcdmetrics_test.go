package server

import (
	"context"
	"testing"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

// Which etcd operation each storage call is, and which type its key is.
func TestEtcdLabels(t *testing.T) {
	ops := []struct {
		name string
		got  string
		want string
	}{
		{"get one key", getOperation(clientv3.OpGet("/registry/pods/default/a")), "get"},
		{"list a prefix", getOperation(clientv3.OpGet("/registry/pods/", clientv3.WithPrefix())), "list"},
		{"count", getOperation(clientv3.OpGet("/registry/pods/", clientv3.WithPrefix(), clientv3.WithCountOnly())), "count"},
		{"create: put if absent", txnOperation(
			[]clientv3.Cmp{clientv3.Compare(clientv3.ModRevision("k"), "=", 0)}, []clientv3.Op{clientv3.OpPut("k", "v")}), "create"},
		{"update: compare and swap", txnOperation(
			[]clientv3.Cmp{clientv3.Compare(clientv3.ModRevision("k"), "=", 42)}, []clientv3.Op{clientv3.OpPut("k", "v")}), "update"},
		{"delete", txnOperation(
			[]clientv3.Cmp{clientv3.Compare(clientv3.ModRevision("k"), "=", 42)}, []clientv3.Op{clientv3.OpDelete("k")}), "delete"},
	}
	for _, tc := range ops {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("operation = %q, want %q", tc.got, tc.want)
			}
		})
	}
	types := newEtcdTypes("/registry")
	for key, want := range map[string]string{
		"/registry/deployments/default/nginx":  "deployments.apps",
		"/registry/minions/node-1":             "nodes",
		"/registry/services/specs/default/k":   "services",
		"/registry/services/endpoints/default": "endpoints",
		"/registry/pods/":                      "pods",
		"health":                               "other",
	} {
		if got := types.of(key); got != want {
			t.Errorf("type of %s = %q, want %q", key, got, want)
		}
	}
}

// Talk 003, "etcd": every storage call is timed below the storage layer,
// by operation and type, on a real etcd.
func TestEtcdMetrics(t *testing.T) {
	m := newMetrics()
	c := etcdtest.Client(t, etcdtest.Start(t).Endpoints()...)
	instrumentEtcd(c, "/registry", m.etcd)
	s := storage.New(c, storage.Options{})
	ctx := context.Background()
	key := s.Key("deployments", "default", "nginx")
	if _, _, err := s.Create(ctx, key, []byte(`{"metadata":{"name":"nginx"}}`)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Get(ctx, key, storage.GetOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.List(ctx, s.Prefix("deployments", ""), storage.ListOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Delete(ctx, key, storage.Preconditions{}, nil); err != nil {
		t.Fatal(err)
	}
	text := scrape(t, m)
	for _, op := range []string{"create", "get", "list", "delete"} {
		series := `etcd_request_duration_seconds_count{operation="` + op + `",type="deployments.apps"}`
		if n, ok := sample(text, series); !ok || n < 1 {
			t.Errorf("%s = %v, want at least 1", series, n)
		}
	}
}
