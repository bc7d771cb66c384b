package registry_test

import (
	"fmt"
	"sync"
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
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

// fakeLister is a NamespaceLister whose copies the test sets, possibly
// different from etcd's, as a watch cache that is behind.
type fakeLister map[string]*corev1.Namespace

func (l fakeLister) GetCached(key registry.Key) (metav1.Object, bool) {
	ns, ok := l[key.Name]
	return ns, ok
}

// Creates check their namespace in memory, as upstream's
// NamespaceLifecycle reads its informer, and read etcd when memory does
// not have it, or when this server deleted the namespace lately and
// memory may not show it yet.
func TestNamespaceCheckWithLister(t *testing.T) {
	e := newEnv(t)
	namespaces := e.storage(t, "", "namespaces")
	create(t, namespaces, newNamespace("fresh"))   // in etcd only
	create(t, namespaces, newNamespace("stale"))   // terminating in memory only
	create(t, namespaces, newNamespace("leaving")) // deleted below; active in memory
	terminating := newNamespace("stale")
	terminating.Status.Phase = corev1.NamespaceTerminating
	e.reg.SetNamespaceLister(fakeLister{
		"memory-only": newNamespace("memory-only"),
		"stale":       terminating,
		"leaving":     newNamespace("leaving"),
	})
	if _, _, err := namespaces.Delete(t.Context(), registry.Key{Name: "leaving"}, metav1.DeleteOptions{}, false); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		namespace string
		code      int32 // 0: created
		message   string
	}{
		{name: "memory's copy admits without reading etcd", namespace: "memory-only"},
		{name: "memory's terminating copy refuses", namespace: "stale", code: 403,
			message: `^pods "a" is forbidden: unable to create new content in namespace stale because it is being terminated$`},
		{name: "a miss in memory reads etcd", namespace: "fresh"},
		{name: "missing everywhere", namespace: "nowhere", code: 404, message: `^namespaces "nowhere" not found$`},
		{name: "deleted by this server: etcd, not memory's stale copy", namespace: "leaving", code: 403,
			message: `^pods "a" is forbidden: unable to create new content in namespace leaving because it is being terminated$`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPod("a", nil)
			p.Namespace = tc.namespace
			_, err := e.pods(t).Create(t.Context(), tc.namespace, p, registry.CreateOptions{})
			if tc.code == 0 {
				if err != nil {
					t.Fatalf("create: %v", err)
				}
				return
			}
			reason := metav1.StatusReasonForbidden
			if tc.code == 404 {
				reason = metav1.StatusReasonNotFound
			}
			wantStatus(t, err, tc.code, reason, tc.message)
		})
	}
}
