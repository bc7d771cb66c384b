package etcdtest_test

import (
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

// Talk 003, "etcd": every helper hands back a working member; a cluster's
// members agree on what was written.
func TestHelpers(t *testing.T) {
	t.Run("single member", func(t *testing.T) {
		e := etcdtest.Start(t)
		c := etcdtest.Client(t, e.Endpoints()...)
		if _, err := c.Put(t.Context(), "k", "v"); err != nil {
			t.Fatalf("put: %v", err)
		}
	})
	t.Run("store", func(t *testing.T) {
		s := etcdtest.NewStore(t)
		if n, err := s.Count(t.Context(), s.Prefix("pods", "")); err != nil || n != 0 {
			t.Fatalf("Count on a fresh store = %d, %v", n, err)
		}
	})
	t.Run("cluster", func(t *testing.T) {
		members := etcdtest.StartCluster(t, 3)
		if len(members) != 3 {
			t.Fatalf("got %d members, want 3", len(members))
		}
		if _, err := etcdtest.Client(t, members[0].Endpoints()...).Put(t.Context(), "k", "v"); err != nil {
			t.Fatal(err)
		}
		resp, err := etcdtest.Client(t, members[2].Endpoints()...).Get(t.Context(), "k")
		if err != nil || len(resp.Kvs) != 1 || string(resp.Kvs[0].Value) != "v" {
			t.Fatalf("get through another member: %v, %v", resp, err)
		}
	})
}
