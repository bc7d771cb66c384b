package storage_test

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

// configMap returns a small object body for name.
func configMap(name string) []byte {
	return []byte(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"` + name + `","namespace":"default","uid":"uid-` + name + `"},"data":{"k":"v"}}`)
}

// rvOf returns metadata.resourceVersion of obj.
func rvOf(t *testing.T, obj []byte) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(obj, &m); err != nil {
		t.Fatalf("decode %s: %v", obj, err)
	}
	rv, _ := unstructured.NestedString(m, "metadata", "resourceVersion")
	return rv
}

// mustCreate stores configMap(name) in namespace default and returns its
// resourceVersion.
func mustCreate(t *testing.T, s *storage.Store, name string) int64 {
	t.Helper()
	_, rv, err := s.Create(t.Context(), s.Key("configmaps", "default", name), configMap(name))
	if err != nil {
		t.Fatalf("Create %s: %v", name, err)
	}
	return rv
}

// Talk 004, step 2 ("save objects"): the object is saved under its key
// with resourceVersion = the etcd revision of the write, which is not part
// of the stored bytes.
func TestCreateGet(t *testing.T) {
	s := etcdtest.NewStore(t)
	ctx := t.Context()
	key := s.Key("configmaps", "default", "web")

	created, rv, err := s.Create(ctx, key, configMap("web"))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if rv <= 0 || rvOf(t, created) != strconv.FormatInt(rv, 10) {
		t.Fatalf("Create returned rv %d and object resourceVersion %q", rv, rvOf(t, created))
	}
	raw, err := s.Client().Get(ctx, key)
	if err != nil || len(raw.Kvs) != 1 {
		t.Fatalf("raw get: %v, %d kvs", err, len(raw.Kvs))
	}
	if strings.Contains(string(raw.Kvs[0].Value), "resourceVersion") {
		t.Errorf("stored value contains resourceVersion: %s", raw.Kvs[0].Value)
	}
	if raw.Kvs[0].ModRevision != rv {
		t.Errorf("mod_revision = %d, want %d", raw.Kvs[0].ModRevision, rv)
	}

	got, getRV, err := s.Get(ctx, key, storage.GetOptions{})
	if err != nil || getRV != rv || string(got) != string(created) {
		t.Errorf("Get = %s, %d, %v; want %s, %d", got, getRV, err, created, rv)
	}
}

func TestCreateFails(t *testing.T) {
	s := etcdtest.NewStore(t)
	ctx := t.Context()
	mustCreate(t, s, "taken")
	for _, tc := range []struct {
		name   string
		key    string
		body   string
		want   error
		detail string
	}{
		{"name taken", s.Key("configmaps", "default", "taken"), string(configMap("taken")), storage.ErrAlreadyExists, ""},
		{"resourceVersion set", s.Key("configmaps", "default", "b"), `{"metadata":{"name":"b","resourceVersion":"5"}}`,
			storage.ErrInvalidObject, "resourceVersion should not be set on objects to be created"},
		{"not an object", s.Key("configmaps", "default", "c"), `[]`, storage.ErrInvalidObject, "value must be a JSON object"},
		{"key escapes its resource", s.Key("configmaps", "default", "../../secrets/default/token"), `{}`, storage.ErrBadRequest, "invalid key"},
		{"key is a collection", s.Prefix("configmaps", "default"), `{}`, storage.ErrBadRequest, "invalid key"},
		{"key outside the prefix", "/elsewhere/x", `{}`, storage.ErrBadRequest, "invalid key"},
		{"over etcd's 1.5 MiB request limit", s.Key("configmaps", "default", "big"),
			`{"metadata":{"name":"big"},"data":{"k":"` + strings.Repeat("x", 1600<<10) + `"}}`,
			storage.ErrRequestTooLarge, "etcdserver: request is too large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := s.Create(ctx, tc.key, []byte(tc.body))
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if e := storage.AsError(err); e == nil || e.Key != tc.key || !strings.HasPrefix(e.Detail, tc.detail) {
				t.Errorf("err = %#v, want key %q and detail %q", e, tc.key, tc.detail)
			}
		})
	}
}

// Get honours the request's resourceVersion: "" and "0" read what is there,
// a revision newer than etcd's is refused instead of answered stale.
func TestGetResourceVersion(t *testing.T) {
	s := etcdtest.NewStore(t)
	rv := mustCreate(t, s, "web")
	key := s.Key("configmaps", "default", "web")
	for _, tc := range []struct {
		name, rv string
		want     error
	}{
		{"quorum read", "", nil},
		{"any copy", "0", nil},
		{"not older than the object", strconv.FormatInt(rv, 10), nil},
		{"newer than etcd", strconv.FormatInt(rv+100, 10), storage.ErrTooLargeResourceVersion},
		{"malformed", "x", storage.ErrBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := s.Get(t.Context(), key, storage.GetOptions{ResourceVersion: tc.rv})
			if !errors.Is(err, tc.want) && !(tc.want == nil && err == nil) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
	_, _, err := s.Get(t.Context(), s.Key("configmaps", "default", "missing"), storage.GetOptions{})
	if !errors.Is(err, storage.ErrNotFound) || !strings.Contains(err.Error(), `"/registry/configmaps/default/missing" not found`) {
		t.Errorf("Get missing: err = %v, want ErrNotFound naming the key", err)
	}
}

func TestDelete(t *testing.T) {
	s := etcdtest.NewStore(t)
	ctx := t.Context()
	rv := mustCreate(t, s, "web")
	key := s.Key("configmaps", "default", "web")
	for _, tc := range []struct {
		name   string
		pre    storage.Preconditions
		detail string
	}{
		{"other uid", storage.Preconditions{UID: "uid-other"},
			"Precondition failed: UID in precondition: uid-other, UID in object meta: uid-web"},
		{"stale resourceVersion", storage.Preconditions{ResourceVersion: "1"},
			"Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: " + strconv.FormatInt(rv, 10)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := s.Delete(ctx, key, tc.pre, nil)
			if !errors.Is(err, storage.ErrConflict) || storage.AsError(err).Detail != tc.detail {
				t.Fatalf("err = %v, want ErrConflict with %q", err, tc.detail)
			}
		})
	}

	veto := errors.New("has finalizers")
	if _, _, err := s.Delete(ctx, key, storage.Preconditions{}, func([]byte) error { return veto }); err != veto {
		t.Fatalf("vetoed Delete: err = %v, want the validate error", err)
	}

	deleted, delRV, err := s.Delete(ctx, key, storage.Preconditions{UID: "uid-web", ResourceVersion: strconv.FormatInt(rv, 10)}, nil)
	if err != nil {
		t.Fatalf("Delete: %v", err)
	}
	// The returned object is the last copy, stamped with the delete's revision.
	if delRV <= rv || rvOf(t, deleted) != strconv.FormatInt(delRV, 10) {
		t.Errorf("Delete returned rv %d, object rv %q; want > %d and equal", delRV, rvOf(t, deleted), rv)
	}
	if _, _, err := s.Get(ctx, key, storage.GetOptions{}); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Get after delete: err = %v, want ErrNotFound", err)
	}
	if _, _, err := s.Delete(ctx, key, storage.Preconditions{}, nil); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("second Delete: err = %v, want ErrNotFound", err)
	}
}

// A delete racing with an update re-checks its preconditions on the new
// copy instead of deleting what it did not look at.
func TestDeleteRechecksAfterRace(t *testing.T) {
	s := etcdtest.NewStore(t)
	ctx := t.Context()
	mustCreate(t, s, "web")
	key := s.Key("configmaps", "default", "web")
	calls := 0
	_, _, err := s.Delete(ctx, key, storage.Preconditions{}, func(current []byte) error {
		calls++
		if calls == 1 { // someone updates the object while we decide
			if _, err := s.Client().Put(context.Background(), key, string(configMap("web"))); err != nil {
				t.Fatal(err)
			}
		}
		return nil
	})
	if err != nil || calls != 2 {
		t.Fatalf("Delete: err = %v after %d validations, want success after 2", err, calls)
	}
}

func TestCount(t *testing.T) {
	s := etcdtest.NewStore(t)
	for _, name := range []string{"a", "b", "c"} {
		mustCreate(t, s, name)
	}
	if _, _, err := s.Create(t.Context(), s.Key("configmaps", "kube-system", "d"), configMap("d")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, prefix string
		want         int64
	}{
		{"one namespace", s.Prefix("configmaps", "default"), 3},
		{"all namespaces", s.Prefix("configmaps", ""), 4},
		{"prefix without slash does not match longer names", strings.TrimSuffix(s.Prefix("configmaps", "kube"), "/"), 0},
		{"other resource", s.Prefix("secrets", ""), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, err := s.Count(t.Context(), tc.prefix); err != nil || got != tc.want {
				t.Errorf("Count(%q) = %d, %v; want %d", tc.prefix, got, err, tc.want)
			}
		})
	}
}

// CurrentRevision is the revision of the newest write to any key, the one
// a consistent read must not be older than (talk 003, "API server").
func TestCurrentRevision(t *testing.T) {
	s := etcdtest.NewStore(t)
	before, err := s.CurrentRevision(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	_, rev, err := s.Create(t.Context(), s.Key("configmaps", "default", "a"), configMap("a"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.CurrentRevision(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	// Other tests may share the etcd and write meanwhile: at least rev.
	if got < rev || rev <= before {
		t.Errorf("CurrentRevision = %d after a write at %d (was %d before it), want at least %d", got, rev, before, rev)
	}
}
