// etcd: where the server's objects live, embedded or external.
//
// Interface:
//   - openEtcd(ctx, cfg, m): start the embedded etcd in DataDir/etcd, or
//     dial --etcd-servers; return a timed client (etcdmetrics.go) and the
//     raw KV the health check uses.
//   - etcdBackend.close: close the client, then stop the embedded member.
//
// The API server keeps no state of its own: everything is in etcd, so any
// number of API servers dialling one etcd cluster serve the same objects
// and see each other's writes in their watches (talk 003, "Scaled
// horizontally"; talk 004, step 2 "save objects").
package server

import (
	"context"
	"fmt"
	"path/filepath"

	clientv3 "go.etcd.io/etcd/client/v3"
	"k8s.io/klog/v2"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// etcdBackend is the server's connection to etcd.
type etcdBackend struct {
	// embedded is the in-process member, nil with --etcd-servers.
	embedded *storage.Embedded
	// client's KV is timed; rawKV is the untimed original.
	client *clientv3.Client
	rawKV  clientv3.KV
	store  *storage.Store
}

// openEtcd connects the server to etcd. On failure nothing is left
// running.
func openEtcd(ctx context.Context, cfg *Config, m *metrics) (*etcdBackend, error) {
	b := &etcdBackend{}
	endpoints := cfg.EtcdServers
	tlsOpts := cfg.EtcdTLS
	if len(endpoints) == 0 {
		e, err := storage.StartEmbedded(ctx, filepath.Join(cfg.DataDir, EtcdDir), cfg.Embed)
		if err != nil {
			return nil, err
		}
		b.embedded, endpoints, tlsOpts = e, e.Endpoints(), storage.TLSOptions{}
		klog.Infof("embedded etcd serving on %v, data in %s", endpoints, filepath.Join(cfg.DataDir, EtcdDir))
	}
	client, err := storage.Dial(ctx, endpoints, tlsOpts)
	if err != nil {
		b.close()
		return nil, err
	}
	b.client, b.rawKV = client, client.KV
	instrumentEtcd(client, cfg.EtcdPrefix, m.etcd)
	b.store = storage.New(client, storage.Options{Prefix: cfg.EtcdPrefix})
	return b, nil
}

// close releases the client and stops the embedded member, if any.
func (b *etcdBackend) close() error {
	var err error
	if b.client != nil {
		if cerr := b.client.Close(); cerr != nil {
			err = fmt.Errorf("close etcd client: %w", cerr)
		}
	}
	if b.embedded != nil {
		b.embedded.Close()
	}
	return err
}
