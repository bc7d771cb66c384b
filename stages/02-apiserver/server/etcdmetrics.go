// etcd metrics: how long each etcd request takes, by operation and by the
// resource whose key it touched.
//
// Interface:
//   - instrumentEtcd(client, prefix, histogram) replaces client.KV with a
//     timedKV, so every Get and Txn of the storage layer is timed without
//     the storage layer knowing.
//   - etcdOperation and etcdTypes: the labels of one request.
//
// The series is upstream's etcd_request_duration_seconds{operation,type},
// type being the group-resource ("deployments.apps"). It tells apart the
// time the API server spends itself from the time etcd takes, the first
// question when requests are slow (talk 003, "etcd").
package server

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	pb "go.etcd.io/etcd/api/v3/etcdserverpb"
	clientv3 "go.etcd.io/etcd/client/v3"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// etcdTypes maps a key to the group-resource stored under it.
type etcdTypes struct {
	// prefixes are collection prefixes ("/registry/deployments/") with
	// their type, longest first, so "/registry/services/endpoints/" wins
	// over a shorter prefix that also matches.
	prefixes []etcdType
}

type etcdType struct{ prefix, typ string }

// newEtcdTypes lists every resource of the table under root, the key
// prefix (--etcd-prefix). Two resources stored under one path (core and
// events.k8s.io events) report the first in the table.
func newEtcdTypes(root string) *etcdTypes {
	s := storage.New(nil, storage.Options{Prefix: root}) // only its key layout is used
	t := &etcdTypes{}
	for _, r := range scheme.All() {
		p := s.Prefix(r.Resource, "")
		if !slices.ContainsFunc(t.prefixes, func(e etcdType) bool { return e.prefix == p }) {
			t.prefixes = append(t.prefixes, etcdType{prefix: p, typ: metav1.GroupResource{Group: r.Group, Resource: r.Resource}.String()})
		}
	}
	slices.SortStableFunc(t.prefixes, func(a, b etcdType) int { return len(b.prefix) - len(a.prefix) })
	return t
}

// of returns the type of key, or "other" for a key outside the table.
func (t *etcdTypes) of(key string) string {
	for _, e := range t.prefixes {
		if strings.HasPrefix(key, e.prefix) {
			return e.typ
		}
	}
	return "other"
}

// observer records one etcd request.
type observer func(operation, key string, start time.Time)

// instrumentEtcd makes client time its KV requests into h. Watches are
// not timed: they last as long as their client.
func instrumentEtcd(client *clientv3.Client, root string, h *prometheus.HistogramVec) {
	types := newEtcdTypes(root)
	client.KV = timedKV{KV: client.KV, observe: func(operation, key string, start time.Time) {
		h.WithLabelValues(operation, types.of(key)).Observe(time.Since(start).Seconds())
	}}
}

// timedKV is a clientv3.KV that reports each request's latency.
type timedKV struct {
	clientv3.KV
	observe observer
}

// Get is "get" for one key, "list" for a range, "count" for a count.
func (k timedKV) Get(ctx context.Context, key string, opts ...clientv3.OpOption) (*clientv3.GetResponse, error) {
	start := time.Now()
	defer func() { k.observe(getOperation(clientv3.OpGet(key, opts...)), key, start) }()
	return k.KV.Get(ctx, key, opts...)
}

func (k timedKV) Put(ctx context.Context, key, val string, opts ...clientv3.OpOption) (*clientv3.PutResponse, error) {
	start := time.Now()
	defer k.observe("put", key, start)
	return k.KV.Put(ctx, key, val, opts...)
}

func (k timedKV) Delete(ctx context.Context, key string, opts ...clientv3.OpOption) (*clientv3.DeleteResponse, error) {
	start := time.Now()
	defer k.observe("delete", key, start)
	return k.KV.Delete(ctx, key, opts...)
}

func (k timedKV) Txn(ctx context.Context) clientv3.Txn {
	return &timedTxn{txn: k.KV.Txn(ctx), observe: k.observe}
}

func getOperation(op clientv3.Op) string {
	switch {
	case op.IsCountOnly():
		return "count"
	case len(op.RangeBytes()) > 0:
		return "list"
	}
	return "get"
}

// timedTxn remembers what a transaction compares and does, to name its
// operation when it commits.
type timedTxn struct {
	txn     clientv3.Txn
	observe observer
	cmps    []clientv3.Cmp
	then    []clientv3.Op
}

func (t *timedTxn) If(cs ...clientv3.Cmp) clientv3.Txn {
	t.txn, t.cmps = t.txn.If(cs...), append(t.cmps, cs...)
	return t
}

func (t *timedTxn) Then(ops ...clientv3.Op) clientv3.Txn {
	t.txn, t.then = t.txn.Then(ops...), append(t.then, ops...)
	return t
}

func (t *timedTxn) Else(ops ...clientv3.Op) clientv3.Txn {
	t.txn = t.txn.Else(ops...)
	return t
}

func (t *timedTxn) Commit() (*clientv3.TxnResponse, error) {
	start := time.Now()
	defer func() {
		key := ""
		if len(t.then) > 0 {
			key = string(t.then[0].KeyBytes())
		}
		t.observe(txnOperation(t.cmps, t.then), key, start)
	}()
	return t.txn.Commit()
}

// txnOperation names a transaction of the storage layer: a put guarded
// by "mod revision is 0" (the key does not exist) is a create, another put
// an update (compare-and-swap, storage/update.go), a delete a delete.
func txnOperation(cmps []clientv3.Cmp, then []clientv3.Op) string {
	for _, op := range then {
		switch {
		case op.IsDelete():
			return "delete"
		case op.IsPut():
			for _, c := range cmps {
				if cmp := c.GetCompare(); cmp.Target == pb.Compare_MOD && cmp.GetModRevision() == 0 {
					return "create"
				}
			}
			return "update"
		}
	}
	return "txn"
}
