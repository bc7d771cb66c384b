package storage_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

// Talk 003, "etcd" (highly available, distributed) and "Scaled
// horizontally": Stores on different members of one three-member cluster
// (as API servers with --etcd-servers pointing at different members) see
// one history: a write through one member is read and watched through the
// others, and the cluster keeps serving when a member stops.
func TestThreeMemberCluster(t *testing.T) {
	members := etcdtest.StartCluster(t, 3)
	ctx := t.Context()
	store := func(m *storage.Embedded) *storage.Store {
		return storage.New(etcdtest.Client(t, m.Endpoints()...), storage.Options{})
	}
	writer, watcher, reader := store(members[0]), store(members[1]), store(members[2])

	w := watch(t, watcher, watcher.Prefix("configmaps", ""), storage.WatchOptions{ResourceVersion: "1"})
	created, rv, err := writer.Create(ctx, writer.Key("configmaps", "default", "web"), configMap("web"))
	if err != nil {
		t.Fatalf("Create through %s: %v", members[0].Name(), err)
	}

	ev := next(t, w)
	if ev.Type != metav1.Added || ev.Revision != rv || string(ev.Object) != string(created) {
		t.Errorf("watch through %s: %s at %d, want ADDED at %d", members[1].Name(), ev.Type, ev.Revision, rv)
	}
	got, gotRV, err := reader.Get(ctx, reader.Key("configmaps", "default", "web"), storage.GetOptions{})
	if err != nil || gotRV != rv {
		t.Errorf("Get through %s = rv %d, %v; want %d", members[2].Name(), gotRV, err, rv)
	}
	if string(got) != string(created) {
		t.Errorf("Get through %s = %s, want %s", members[2].Name(), got, created)
	}

	// One of three members stops: the other two still form a majority.
	members[0].Close()
	writeCtx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	_, rv2, err := reader.GuaranteedUpdate(writeCtx, reader.Key("configmaps", "default", "web"), storage.UpdateOptions{
		Preconditions: storage.Preconditions{ResourceVersion: strconv.FormatInt(rv, 10)},
	}, setData("after-failure"))
	if err != nil {
		t.Fatalf("update with one member down: %v", err)
	}
	if ev := next(t, w); ev.Type != metav1.Modified || ev.Revision != rv2 || !strings.Contains(string(ev.Object), "after-failure") {
		t.Errorf("watch after failure: %s at %d, want MODIFIED at %d", ev.Type, ev.Revision, rv2)
	}

	// A client given every member (--etcd-servers with three URLs) skips
	// the stopped one.
	var endpoints []string
	for _, m := range members {
		endpoints = append(endpoints, m.Endpoints()...)
	}
	all := storage.New(etcdtest.Client(t, endpoints...), storage.Options{})
	if _, gotRV, err := all.Get(writeCtx, all.Key("configmaps", "default", "web"), storage.GetOptions{}); err != nil || gotRV != rv2 {
		t.Errorf("Get through all endpoints = rv %d, %v; want %d", gotRV, err, rv2)
	}
}
