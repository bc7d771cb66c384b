package registry_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// The namespaces every cluster starts with exist after Bootstrap, which
// several API servers may run at once on one etcd (talk 003, "scaled
// horizontally"), and again on every restart.
func TestBootstrap(t *testing.T) {
	store := storage.New(sharedClient, storage.Options{Prefix: fmt.Sprintf("/t%d", prefixes.Add(1))})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			reg, err := registry.New(store, registry.Options{})
			if err != nil {
				t.Error(err)
				return
			}
			if err := reg.Bootstrap(t.Context()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	reg, err := registry.New(store, registry.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := reg.Bootstrap(t.Context()); err != nil {
		t.Fatalf("second bootstrap: %v", err)
	}
	namespaces, _ := reg.Storage("", "namespaces")
	list, err := namespaces.List(t.Context(), "", registry.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(list.Items); got != "default,kube-node-lease,kube-public,kube-system" {
		t.Errorf("namespaces %s, want default,kube-node-lease,kube-public,kube-system", got)
	}
}

// The registry serves every resource of shared/scheme that can be
// listed; bindings are served by Binding only.
func TestRegistryResources(t *testing.T) {
	e := newEnv(t)
	for _, res := range e.reg.Resources() {
		s, ok := e.reg.Storage(res.Group, res.Resource)
		if !ok || s.Resource() != res {
			t.Errorf("%s/%s: no storage, or one for another resource", res.Group, res.Resource)
		}
	}
	if _, ok := e.reg.Storage("", "bindings"); ok {
		t.Error("bindings have a Storage")
	}
	if _, ok := e.reg.Storage("apps", "pods"); ok {
		t.Error("apps/pods found")
	}
}
