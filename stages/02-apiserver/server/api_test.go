package server

import (
	"testing"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	eventsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/events/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
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

// Talk 000, "Scheduler" and "Kubelet": events.k8s.io/v1 events are core
// events in another form, stored under the same keys, so the watch cache
// of events.k8s.io/v1 lists and watches what core/v1 clients write, as
// events.k8s.io/v1 Events.
func TestCachedEventsV1SeeCoreWrites(t *testing.T) {
	a, err := newAPI(etcdtest.NewStore(t), NewConfig(), newMetrics())
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	if err := a.bootstrap(t.Context()); err != nil {
		t.Fatal(err)
	}
	core, _ := a.registry.Storage("", "events")
	events, _ := a.registry.Storage(eventsv1.GroupName, "events")
	event := func(name string) *corev1.Event {
		return &corev1.Event{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"},
			InvolvedObject: corev1.ObjectReference{Kind: "Pod", Namespace: "default", Name: "web-1"},
			Reason:         "Pulling", Message: "Pulling image " + name, Type: corev1.EventTypeNormal,
			Source: corev1.EventSource{Component: "kubelet"}}
	}
	if _, err := core.Create(t.Context(), "default", event("first"), registry.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	list, err := events.List(t.Context(), "default", registry.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 1 || list.Items[0].(*eventsv1.Event).Note != "Pulling image first" {
		t.Fatalf("events.k8s.io list = %+v, want the core event as an events.k8s.io Event", list.Items)
	}
	w, err := events.Watch(t.Context(), "default", registry.ListOptions{ResourceVersion: list.ResourceVersion})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	if _, err := core.Create(t.Context(), "default", event("second"), registry.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-w.ResultChan():
		got, ok := ev.Object.(*eventsv1.Event)
		if ev.Type != metav1.Added || !ok || got.Note != "Pulling image second" || got.APIVersion != "events.k8s.io/v1" {
			t.Errorf("watched %s %#v, want ADDED of the second event as events.k8s.io/v1", ev.Type, ev.Object)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the events.k8s.io watch saw no core write within 5s")
	}
}
