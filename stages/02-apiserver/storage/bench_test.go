package storage_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

// benchBody is a Deployment as kubectl create deployment sends it, about
// the size of a typical object.
var benchBody = []byte(`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"nginx","namespace":"bench","uid":"0b9ac4b6-6f0a-4c1e-9d61-6e5b4f1f1d11","labels":{"app":"nginx"}},` +
	`"spec":{"replicas":1,"selector":{"matchLabels":{"app":"nginx"}},"template":{"metadata":{"labels":{"app":"nginx"}},` +
	`"spec":{"containers":[{"name":"nginx","image":"nginx:1.27","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],` +
	`"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","schedulerName":"default-scheduler"}},` +
	`"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}}},"status":{}}`)

// benchSeq makes every key of a benchmark run unique, across the repeated
// calls the testing package makes with growing b.N.
var benchSeq atomic.Int64

// benchStore starts a member with the settings the API server uses (fsync
// on) and returns a raw client and a Store sharing it, so the two rates
// differ only by the Store's work.
func benchStore(b *testing.B) (*clientv3.Client, *storage.Store) {
	b.Helper()
	e, err := storage.StartEmbedded(context.Background(), filepath.Join(b.TempDir(), "etcd"), storage.EmbedOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close() })
	client := etcdtest.Client(b, e.Endpoints()...)
	return client, storage.New(client, storage.Options{})
}

// reportRate adds the ops/s metric make bench compares.
func reportRate(b *testing.B) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
}

// BenchmarkWrite compares etcd's own put rate (etcd-put) with Store.Create
// (store-create), which adds the create-only transaction and the
// resourceVersion splice. make bench prints their ratio.
func BenchmarkWrite(b *testing.B) {
	client, s := benchStore(b)
	ctx := context.Background()
	b.Run("etcd-put", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				key := fmt.Sprintf("/bench/raw/%d", benchSeq.Add(1))
				if _, err := client.Put(ctx, key, string(benchBody)); err != nil {
					b.Error(err)
					return
				}
			}
		})
		reportRate(b)
	})
	b.Run("store-create", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				key := s.Key("deployments", "bench", fmt.Sprintf("nginx-%d", benchSeq.Add(1)))
				if _, _, err := s.Create(ctx, key, benchBody); err != nil {
					b.Error(err)
					return
				}
			}
		})
		reportRate(b)
	})
}

// BenchmarkRead compares etcd's range rate on one key (etcd-range) with
// Store.Get (store-get), which adds the resourceVersion splice.
func BenchmarkRead(b *testing.B) {
	client, s := benchStore(b)
	ctx := context.Background()
	key := s.Key("deployments", "bench", "nginx")
	if _, _, err := s.Create(ctx, key, benchBody); err != nil {
		b.Fatal(err)
	}
	b.Run("etcd-range", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if resp, err := client.Get(ctx, key); err != nil || len(resp.Kvs) != 1 {
					b.Errorf("get: %v", err)
					return
				}
			}
		})
		reportRate(b)
	})
	b.Run("store-get", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, _, err := s.Get(ctx, key, storage.GetOptions{}); err != nil {
					b.Error(err)
					return
				}
			}
		})
		reportRate(b)
	})
}
