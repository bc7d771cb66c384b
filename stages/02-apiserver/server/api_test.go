package server

import (
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/watchcache"
)

// Talk 004, steps 3 and 7 ("fetch objects"): every resource the REST
// handler serves is served through a watch cache, so a thousand watchers
// of pods cost one etcd watch; the write-only subresources come from the
// registry.
func TestCachedRegistry(t *testing.T) {
	a, err := newAPI(etcdtest.NewStore(t), NewConfig(), newMetrics())
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	resources := a.registry.reg.Resources()
	if len(resources) == 0 {
		t.Fatal("the registry serves no resources")
	}
	for _, res := range resources {
		s, ok := a.registry.Storage(res.Group, res.Resource)
		if _, cached := s.(*watchcache.Cacher); !ok || !cached || s.Resource() != res {
			t.Errorf("Storage(%q, %q) = %T, %v; want the resource's watch cache", res.Group, res.Resource, s, ok)
		}
	}
	if _, ok := a.registry.Storage("example.com", "widgets"); ok {
		t.Error("Storage of an unknown resource reports ok")
	}
	if _, ok := a.registry.Scale("apps", "deployments"); !ok {
		t.Error("deployments have no scale subresource")
	}
	if a.registry.Binding() == nil || a.registry.Eviction() == nil {
		t.Error("pods/binding or pods/eviction missing")
	}
}
