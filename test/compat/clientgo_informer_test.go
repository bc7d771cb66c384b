package compat

// client-go's informers against our server: the cache every controller
// reads from must equal the server's state after many writes, and the
// informer must fill it by watch-list (one watch with sendInitialEvents,
// no separate LIST), which client-go has preferred since 1.35.
//
// Interface: tests only.
//   - requestLog records the requests a client-go transport sends.

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
)

// informerWrites is how many writes the informer has to follow.
const informerWrites = 1000

// requestLog is an http.RoundTripper that records each request's method
// and URL before passing it on.
type requestLog struct {
	next http.RoundTripper
	mu   sync.Mutex
	seen []*http.Request
}

func (l *requestLog) RoundTrip(r *http.Request) (*http.Response, error) {
	l.mu.Lock()
	l.seen = append(l.seen, r)
	l.mu.Unlock()
	return l.next.RoundTrip(r)
}

// requests returns what was sent so far.
func (l *requestLog) requests() []*http.Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]*http.Request(nil), l.seen...)
}

// deployment is a minimal valid Deployment named name with replicas.
func deployment(name string, replicas int32) *appsv1.Deployment {
	labels := map[string]string{"app": name}
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "nginx"}}},
			},
		},
	}
}

// Talk 001, "informers": a SharedInformerFactory's deployment cache follows
// a thousand creates, updates and deletes and ends equal to a fresh list.
func TestClientGoInformerStaysInSync(t *testing.T) {
	s := startAPIServer(t)
	cs := s.clientset(t)
	recorder := &requestLog{}
	cfg := s.restConfig(t)
	cfg.WrapTransport = func(rt http.RoundTripper) http.RoundTripper { recorder.next = rt; return recorder }
	informerClient, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	factory := informers.NewSharedInformerFactoryWithOptions(informerClient, 0, informers.WithNamespace("default"))
	informer := factory.Apps().V1().Deployments()
	var deletes atomic.Int64
	if _, err := informer.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		DeleteFunc: func(any) { deletes.Add(1) },
	}); err != nil {
		t.Fatal(err)
	}
	// A few objects exist before the informer starts, so its initial
	// watch-list has something to send.
	for i := range 5 {
		if _, err := cs.AppsV1().Deployments("default").Create(ctx, deployment(fmt.Sprintf("pre-%d", i), 1), metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	factory.Start(ctx.Done())
	t.Cleanup(factory.Shutdown)
	for typ, ok := range factory.WaitForCacheSync(ctx.Done()) {
		if !ok {
			t.Fatalf("informer for %v never synced", typ)
		}
	}

	// The writes: a seeded mix, so a failure can be replayed.
	rng := rand.New(rand.NewPCG(1, 2))
	live := []string{"pre-0", "pre-1", "pre-2", "pre-3", "pre-4"}
	var wantDeletes int64
	for i := range informerWrites {
		d := cs.AppsV1().Deployments("default")
		switch op := rng.IntN(10); {
		case op < 4 || len(live) == 0:
			name := fmt.Sprintf("d-%d", i)
			if _, err := d.Create(ctx, deployment(name, 1), metav1.CreateOptions{}); err != nil {
				t.Fatalf("write %d: create %s: %v", i, name, err)
			}
			live = append(live, name)
		case op < 8:
			name := live[rng.IntN(len(live))]
			obj, err := d.Get(ctx, name, metav1.GetOptions{})
			if err != nil {
				t.Fatalf("write %d: get %s: %v", i, name, err)
			}
			*obj.Spec.Replicas = int32(rng.IntN(10))
			if _, err := d.Update(ctx, obj, metav1.UpdateOptions{}); err != nil {
				t.Fatalf("write %d: update %s: %v", i, name, err)
			}
		default:
			j := rng.IntN(len(live))
			if err := d.Delete(ctx, live[j], metav1.DeleteOptions{}); err != nil {
				t.Fatalf("write %d: delete %s: %v", i, live[j], err)
			}
			live = append(live[:j], live[j+1:]...)
			wantDeletes++
		}
	}

	// The cache must converge on the server's state: same names, same
	// resourceVersions, every delete seen.
	list, err := cs.AppsV1().Deployments("default").List(ctx, metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, d := range list.Items {
		want[d.Name] = d.ResourceVersion
	}
	var got map[string]string
	for {
		cached, err := informer.Lister().List(labels.Everything())
		if err != nil {
			t.Fatal(err)
		}
		got = map[string]string{}
		for _, d := range cached {
			got[d.Name] = d.ResourceVersion
		}
		if maps.Equal(got, want) && deletes.Load() == wantDeletes {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("informer cache never matched the list: %d cached, %d listed, %d/%d deletes seen",
				len(got), len(want), deletes.Load(), wantDeletes)
		case <-time.After(50 * time.Millisecond):
		}
	}
	if len(want) != len(live) {
		t.Errorf("server lists %d deployments, the writer left %d", len(want), len(live))
	}

	t.Run("filled by watch-list", func(t *testing.T) {
		var watchList, plainList int
		for _, r := range recorder.requests() {
			q := r.URL.Query()
			switch {
			case q.Get("watch") == "true" && q.Get("sendInitialEvents") == "true":
				watchList++
			case q.Get("watch") != "true":
				plainList++
			}
		}
		if watchList == 0 || plainList != 0 {
			t.Errorf("informer sent %d watch-list and %d list requests; want watch-list only", watchList, plainList)
		}
	})
}

// Talk 001, "informers", the protocol underneath: a watch with
// sendInitialEvents=true streams the existing objects as ADDED, then a
// BOOKMARK annotated k8s.io/initial-events-end, then live events.
func TestClientGoWatchList(t *testing.T) {
	s := startAPIServer(t)
	cs := s.clientset(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	d := cs.AppsV1().Deployments("default")
	for _, name := range []string{"a", "b", "c"} {
		if _, err := d.Create(ctx, deployment(name, 1), metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	w, err := d.Watch(ctx, metav1.ListOptions{
		SendInitialEvents:    ptr(true),
		ResourceVersionMatch: metav1.ResourceVersionMatchNotOlderThan,
		AllowWatchBookmarks:  true,
	})
	if err != nil {
		t.Fatalf("watch-list: %v", err)
	}
	defer w.Stop()
	next := func() watch.Event {
		t.Helper()
		for {
			select {
			case ev, ok := <-w.ResultChan():
				if !ok {
					t.Fatal("watch closed early")
				}
				return ev
			case <-ctx.Done():
				t.Fatal("no watch event within 30s")
			}
		}
	}

	var initial []string
	for {
		ev := next()
		obj := ev.Object.(*appsv1.Deployment)
		if ev.Type == watch.Bookmark {
			if obj.Annotations[metav1.InitialEventsAnnotationKey] != "true" {
				t.Errorf("bookmark %v lacks %s=true", obj.Annotations, metav1.InitialEventsAnnotationKey)
			}
			break
		}
		if ev.Type != watch.Added {
			t.Fatalf("initial event %s, want ADDED", ev.Type)
		}
		initial = append(initial, obj.Name)
	}
	sort.Strings(initial)
	if fmt.Sprint(initial) != "[a b c]" {
		t.Errorf("initial events for %v, want [a b c]", initial)
	}

	if err := d.Delete(ctx, "b", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	for {
		ev := next()
		if ev.Type == watch.Bookmark {
			continue // progress bookmarks may come at any time
		}
		if obj := ev.Object.(*appsv1.Deployment); ev.Type != watch.Deleted || obj.Name != "b" {
			t.Errorf("after the bookmark got %s %s, want DELETED b", ev.Type, obj.Name)
		}
		break
	}
}
