package watchcache

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// Benchmark sizes: 1,000 watchers of one resource (talk 004, steps 3 and
// 7: every controller and kubelet watches pods), events written in
// batches of 100.
const (
	benchWatchers = 1000
	benchBatch    = 100
)

// fanout is 1,000 watchers, each drained by its own goroutine, over one
// fake inner storage: either watching it directly (the baseline, like 1,000
// etcd watches) or through a Cacher (one inner watch).
type fanout struct {
	inner    *fakeStorage
	cache    *Cacher
	watchers []registry.Watcher
	// batch is Done by each watcher's goroutine once per benchBatch events.
	batch sync.WaitGroup
	// bytesPerWatcher is the heap and stack the watchers took.
	bytesPerWatcher float64
	elapsed         time.Duration
}

// newFanout opens the watchers and measures their memory.
func newFanout(b *testing.B, cached bool) *fanout {
	b.Helper()
	f := &fanout{inner: newFakeStorage()}
	f.inner.buffer, f.inner.noHistory = DefaultWatcherBuffer, true
	ctx := context.Background()
	if _, err := f.inner.Create(ctx, "default", pod("web"), registry.CreateOptions{}); err != nil {
		b.Fatal(err)
	}
	var storage registry.Storage = f.inner
	if cached {
		// A generous dispatch timeout: on a busy two-core machine a
		// reader may lag, and the benchmark measures delivery, not
		// eviction.
		c, err := Wrap(f.inner, Options{DispatchTimeout: 10 * time.Second})
		if err != nil {
			b.Fatal(err)
		}
		f.cache, storage = c, c
	}
	before := memInUse()
	for range benchWatchers {
		w, err := storage.Watch(ctx, "", registry.ListOptions{ResourceVersion: "11"})
		if err != nil {
			b.Fatal(err)
		}
		f.watchers = append(f.watchers, w)
		go func() {
			n := 0
			for range w.ResultChan() {
				if n++; n%benchBatch == 0 {
					f.batch.Done()
				}
			}
		}()
	}
	f.bytesPerWatcher = float64(memInUse()-before) / benchWatchers
	return f
}

// memInUse is the heap and goroutine stacks in use after a collection.
func memInUse() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc + m.StackInuse)
}

// deliver writes one batch of changes and waits until every watcher has
// received all of them.
func (f *fanout) deliver(b *testing.B) {
	start := time.Now()
	f.batch.Add(benchWatchers)
	relabel := func(_ context.Context, cur metav1.Object) (metav1.Object, error) {
		cur.(*corev1.Pod).Spec.NodeName = "node-1"
		return cur, nil
	}
	for range benchBatch {
		if _, _, err := f.inner.Update(context.Background(), registry.Key{Namespace: "default", Name: "web"}, relabel, registry.UpdateOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	f.batch.Wait()
	f.elapsed += time.Since(start)
}

func (f *fanout) stop() {
	for _, w := range f.watchers {
		w.Stop()
	}
	if f.cache != nil {
		f.cache.Stop()
	}
}

// eventsPerSecond counts an event once per watcher that received it.
func (f *fanout) eventsPerSecond(b *testing.B) float64 {
	return float64(b.N) * benchBatch * benchWatchers / f.elapsed.Seconds()
}

// BenchmarkFanout delivers the same batches to 1,000 direct watches of the
// inner storage (the baseline, one watch each) and to 1,000 watches of the
// cache (one inner watch for all), alternating within each iteration so
// both run in the same process under the same load. It reports events
// delivered per second and memory per watcher for each, and their ratios
// (cache/direct). In-process, a direct watch costs a channel; against etcd
// each one is also a gRPC stream and a watcher in etcd, which the
// inner-watches numbers count.
func BenchmarkFanout(b *testing.B) {
	direct := newFanout(b, false)
	defer direct.stop()
	cached := newFanout(b, true)
	defer cached.stop()
	b.ResetTimer()
	for range b.N {
		direct.deliver(b)
		cached.deliver(b)
	}
	b.StopTimer()
	if n := cached.cache.slowClosed.Load(); n != 0 {
		b.Fatalf("%d cache watchers were closed as slow; the numbers would not compare", n)
	}
	b.ReportMetric(direct.eventsPerSecond(b), "direct-events/s")
	b.ReportMetric(cached.eventsPerSecond(b), "cache-events/s")
	b.ReportMetric(cached.eventsPerSecond(b)/direct.eventsPerSecond(b), "cache/direct-events/s")
	b.ReportMetric(direct.bytesPerWatcher, "direct-B/watcher")
	b.ReportMetric(cached.bytesPerWatcher, "cache-B/watcher")
	b.ReportMetric(cached.bytesPerWatcher/direct.bytesPerWatcher, "cache/direct-B/watcher")
	b.ReportMetric(float64(direct.inner.watchCalls.Load()), "direct-inner-watches")
	b.ReportMetric(float64(cached.inner.watchCalls.Load()), "cache-inner-watches")
}
