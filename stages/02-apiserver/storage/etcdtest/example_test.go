package etcdtest_test

import (
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

// A test gets a Store over its own etcd member, stopped when the test ends.
// (The example only compiles: it needs the *testing.T of a running test.)
func ExampleNewStore() {
	testCreate := func(t *testing.T) {
		s := etcdtest.NewStore(t)
		key := s.Key("pods", "default", "web")
		if _, _, err := s.Create(t.Context(), key, []byte(`{"metadata":{"name":"web"}}`)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Get(t.Context(), key, storage.GetOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	_ = testCreate
}
