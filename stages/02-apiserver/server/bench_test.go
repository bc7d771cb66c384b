// Benchmark: what the API server costs on top of the etcd it keeps its
// objects in.
//
// Interface:
//   - BenchmarkAPIServerVsEtcd: create, get and list through the server
//     over HTTPS, against put, single-key range and prefix range on the
//     server's own etcd client, with the same op count and concurrency;
//     reports each rate and the ratio api/etcd (issue 4's goal: >= 0.5).
//
// Every object a controller or the kubelet reads and writes passes
// through this hub on its way to and from etcd (talk 004, steps 2-9), so
// the hub's overhead bounds the whole cluster's rate.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// Benchmark sizes: each phase runs benchOps operations on each side, from
// benchWorkers goroutines, so a side's rate is benchOps over its
// wall-clock time. A list returns benchListSize objects.
const (
	benchOps      = 2000
	benchWorkers  = 8
	benchListSize = 100
)

// Namespaces of the benchmark: creates pile up in one, the other holds
// exactly benchListSize ConfigMaps to get and list. rawPrefix is the
// etcd side's own key space, outside --etcd-prefix.
const (
	benchCreateNS = "bench-create"
	benchListNS   = "bench-list"
	rawPrefix     = "/bench-raw/"
)

// configMapJSON is a ConfigMap as a client sends it: a few keys and a
// small properties file, under a kilobyte.
func configMapJSON(name string) string {
	return `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"` + name + `","labels":{"app":"web","tier":"frontend"}},` +
		`"data":{"LOG_LEVEL":"info","CACHE_SIZE":"256Mi","FEATURE_FLAGS":"search,checkout,recommendations",` +
		`"app.properties":"server.port=8080\nserver.shutdown=graceful\nspring.datasource.url=jdbc:postgresql://db:5432/shop\n` +
		`spring.datasource.pool.max=20\nmanagement.endpoints=health,info,metrics\nlogging.pattern=%d %p %c{1} %m%n\n"}}`
}

// benchPhase is one operation measured on both sides.
type benchPhase struct {
	// name prefixes the metrics: "create" gives create-ratio.
	name string
	// etcdUnit and apiUnit name the two rates, "etcd-put/s".
	etcdUnit, apiUnit string
	// etcd and api perform operation i of benchOps; an error ends the
	// benchmark.
	etcd, api func(ctx context.Context, i int) error
}

// BenchmarkAPIServerVsEtcd measures the server's create/get/list rate
// against the raw put/range rate of the same embedded etcd, in one run:
// the etcd side uses the server's own etcd client (untimed), the API side
// one HTTP/2 connection with the admin certificate. Each side of each
// phase is benchOps (2,000) operations from benchWorkers (8) goroutines;
// each of b.N rounds runs every phase, etcd side first, and the rates are
// over all rounds.
//
// Both sides share the process and its cores with the server, so only
// the ratios are comparable between machines. The API side checks each
// status code but decodes no body, as the etcd side parses no value.
func BenchmarkAPIServerVsEtcd(b *testing.B) {
	s := benchServer(b)
	c := benchClient(b, s)
	kv := s.etcd.rawKV
	ctx := context.Background()
	value := seedBench(b, ctx, s, c, kv)

	var seq atomic.Int64 // makes created names unique across rounds
	phases := []benchPhase{{
		name: "create", etcdUnit: "etcd-put/s", apiUnit: "api-create/s",
		etcd: func(ctx context.Context, _ int) error {
			_, err := kv.Put(ctx, fmt.Sprintf("%sput/cm-%d", rawPrefix, seq.Add(1)), value)
			return err
		},
		api: func(ctx context.Context, _ int) error {
			name := fmt.Sprintf("cm-%d", seq.Add(1))
			return send(ctx, c, http.MethodPost, s.URL()+"/api/v1/namespaces/"+benchCreateNS+"/configmaps",
				configMapJSON(name), http.StatusCreated)
		},
	}, {
		name: "get", etcdUnit: "etcd-get/s", apiUnit: "api-get/s",
		etcd: func(ctx context.Context, i int) error {
			resp, err := kv.Get(ctx, fmt.Sprintf("%slist/cm-%d", rawPrefix, i%benchListSize))
			return checkRange(resp, err, 1)
		},
		api: func(ctx context.Context, i int) error {
			return send(ctx, c, http.MethodGet,
				fmt.Sprintf("%s/api/v1/namespaces/%s/configmaps/cm-%d", s.URL(), benchListNS, i%benchListSize), "", http.StatusOK)
		},
	}, {
		name: "list", etcdUnit: "etcd-range/s", apiUnit: "api-list/s",
		etcd: func(ctx context.Context, _ int) error {
			resp, err := kv.Get(ctx, rawPrefix+"list/", clientv3.WithPrefix())
			return checkRange(resp, err, benchListSize)
		},
		api: func(ctx context.Context, _ int) error {
			return send(ctx, c, http.MethodGet, s.URL()+"/api/v1/namespaces/"+benchListNS+"/configmaps", "", http.StatusOK)
		},
	}}

	etcdTime := make([]time.Duration, len(phases))
	apiTime := make([]time.Duration, len(phases))
	rounds := 0
	for b.Loop() {
		rounds++
		for p, ph := range phases {
			etcdTime[p] += runParallel(b, ctx, ph.name+" on etcd", ph.etcd)
			apiTime[p] += runParallel(b, ctx, ph.name+" through the API server", ph.api)
		}
	}
	for p, ph := range phases {
		etcdRate := float64(rounds*benchOps) / etcdTime[p].Seconds()
		apiRate := float64(rounds*benchOps) / apiTime[p].Seconds()
		b.ReportMetric(etcdRate, ph.etcdUnit)
		b.ReportMetric(apiRate, ph.apiUnit)
		b.ReportMetric(apiRate/etcdRate, ph.name+"-ratio")
	}
}

// seedBench creates the two namespaces and the benchListSize ConfigMaps
// of benchListNS, copies their stored values to rawPrefix+"list/" for the
// etcd side, and returns one stored value: what the etcd side puts, so
// both sides write objects of one size.
func seedBench(b *testing.B, ctx context.Context, s *Server, c *http.Client, kv clientv3.KV) string {
	b.Helper()
	for _, ns := range []string{benchCreateNS, benchListNS} {
		body := `{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"` + ns + `"}}`
		if err := send(ctx, c, http.MethodPost, s.URL()+"/api/v1/namespaces", body, http.StatusCreated); err != nil {
			b.Fatal(err)
		}
	}
	for i := range benchListSize {
		name := fmt.Sprintf("cm-%d", i)
		if err := send(ctx, c, http.MethodPost, s.URL()+"/api/v1/namespaces/"+benchListNS+"/configmaps",
			configMapJSON(name), http.StatusCreated); err != nil {
			b.Fatal(err)
		}
	}
	stored, err := kv.Get(ctx, s.etcd.store.Prefix("configmaps", benchListNS), clientv3.WithPrefix())
	if err != nil {
		b.Fatalf("read the stored ConfigMaps: %v", err)
	}
	if len(stored.Kvs) != benchListSize {
		b.Fatalf("etcd holds %d ConfigMaps in %s, want %d", len(stored.Kvs), benchListNS, benchListSize)
	}
	for _, e := range stored.Kvs {
		name := string(e.Key[strings.LastIndexByte(string(e.Key), '/')+1:])
		if _, err := kv.Put(ctx, rawPrefix+"list/"+name, string(e.Value)); err != nil {
			b.Fatalf("copy %s: %v", e.Key, err)
		}
	}
	return string(stored.Kvs[0].Value)
}

// runParallel performs op benchOps times from benchWorkers goroutines
// and returns the wall-clock time it took. The first error fails the
// benchmark once all goroutines have stopped.
func runParallel(b *testing.B, ctx context.Context, what string, op func(ctx context.Context, i int) error) time.Duration {
	b.Helper()
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, benchWorkers)
	start := time.Now()
	for w := range benchWorkers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < benchOps; i = int(next.Add(1)) - 1 {
				if err := op(ctx, i); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err := errors.Join(errs...); err != nil {
		b.Fatalf("%s: %v", what, err)
	}
	return elapsed
}

// send makes one request and checks its status code. The body is read
// to the end, so the connection's stream is reused, but not decoded.
func send(ctx context.Context, c *http.Client, method, url, body string, want int) error {
	req, err := http.NewRequestWithContext(ctx, method, url, strings.NewReader(body))
	if err != nil {
		return err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, url, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("%s %s: read body: %w", method, url, err)
	}
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: %s, want %d: %s", method, url, resp.Status, want, data)
	}
	if resp.ProtoMajor != 2 {
		return fmt.Errorf("%s %s: answered over %s, want HTTP/2", method, url, resp.Proto)
	}
	return nil
}

// checkRange checks that a range succeeded with n keys.
func checkRange(resp *clientv3.GetResponse, err error, n int) error {
	if err != nil {
		return fmt.Errorf("range: %w", err)
	}
	if len(resp.Kvs) != n {
		return fmt.Errorf("range returned %d keys, want %d", len(resp.Kvs), n)
	}
	return nil
}
