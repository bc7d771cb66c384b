package storage_test

import (
	"errors"
	"strconv"
	"testing"

	clientv3 "go.etcd.io/etcd/client/v3"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

// etcd forgets old revisions when it compacts (upstream every five
// minutes). A list at a forgotten revision is ErrExpired (410 Gone); a
// continued list is also offered a token that resumes at the newest
// revision, as upstream does.
func TestListCompacted(t *testing.T) {
	s := etcdtest.NewStore(t)
	ctx := t.Context()
	old := mustCreate(t, s, "a")
	mustCreate(t, s, "b")
	mustCreate(t, s, "c")
	prefix := s.Prefix("configmaps", "")
	first, err := s.List(ctx, prefix, storage.ListOptions{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	head := mustCreate(t, s, "d")
	if _, err := s.Client().Compact(ctx, head, clientv3.WithCompactPhysical()); err != nil {
		t.Fatal(err)
	}

	_, err = s.List(ctx, prefix, storage.ListOptions{ResourceVersion: strconv.FormatInt(old, 10), ResourceVersionMatch: metav1.ResourceVersionMatchExact})
	if e := storage.AsError(err); !errors.Is(err, storage.ErrExpired) || e.ResourceVersion != old || e.Continue != "" {
		t.Fatalf("exact list at a compacted revision: err = %v, want ErrExpired at %d without a continue token", err, old)
	}

	_, err = s.List(ctx, prefix, storage.ListOptions{Limit: 1, Continue: first.Continue})
	e := storage.AsError(err)
	if !errors.Is(err, storage.ErrExpired) || e.Continue == "" {
		t.Fatalf("continued list after compaction: err = %v, want ErrExpired with a token", err)
	}
	rest, err := s.List(ctx, prefix, storage.ListOptions{Continue: e.Continue})
	if err != nil {
		t.Fatalf("list with the offered token: %v", err)
	}
	if got := names(t, rest.Items); got != "b,c,d" || rest.ResourceVersion != head {
		t.Errorf("offered token lists %q at %d, want b,c,d at the newest revision %d", got, rest.ResourceVersion, head)
	}
}
