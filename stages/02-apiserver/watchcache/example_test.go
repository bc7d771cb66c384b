package watchcache

import (
	"context"
	"fmt"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// An informer's list and watch, both answered from memory: the list at
// resourceVersion 0, then a watch from the list's resourceVersion that
// sees the next write. (newFakeStorage stands in for the registry's pods
// storage over etcd.)
func ExampleWrap() {
	ctx := context.Background()
	inner := newFakeStorage()
	cache, err := Wrap(inner, Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer cache.Stop()

	list, _ := cache.List(ctx, "default", registry.ListOptions{ResourceVersion: "0"})
	fmt.Println("listed", len(list.Items), "pods at", list.ResourceVersion)

	w, _ := cache.Watch(ctx, "default", registry.ListOptions{ResourceVersion: list.ResourceVersion})
	defer w.Stop()
	if _, err := cache.Create(ctx, "default", pod("nginx", "app=nginx"), registry.CreateOptions{}); err != nil {
		fmt.Println(err)
		return
	}
	ev := <-w.ResultChan()
	fmt.Println(ev.Type, ev.Object.GetObjectMeta().Name, ev.Object.GetObjectMeta().ResourceVersion)
	// Output:
	// listed 0 pods at 10
	// ADDED nginx 11
}

// The watch-list client-go prefers: the current objects as ADDED events,
// then a BOOKMARK annotated k8s.io/initial-events-end, then changes.
func ExampleCacher_Watch_sendInitialEvents() {
	ctx := context.Background()
	inner := newFakeStorage()
	for _, name := range []string{"web-1", "web-2"} {
		if _, err := inner.Create(ctx, "default", pod(name), registry.CreateOptions{}); err != nil {
			fmt.Println(err)
			return
		}
	}
	cache, err := Wrap(inner, Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer cache.Stop()

	yes := true
	w, _ := cache.Watch(ctx, "default", registry.ListOptions{
		ResourceVersion: "0", ResourceVersionMatch: "NotOlderThan",
		SendInitialEvents: &yes, AllowWatchBookmarks: true,
	})
	defer w.Stop()
	for range 3 {
		fmt.Println(eventLine(<-w.ResultChan())) // type, namespace/name, resourceVersion
	}
	// Output:
	// ADDED default/web-1 11
	// ADDED default/web-2 12
	// BOOKMARK 12 initial-events-end
}
