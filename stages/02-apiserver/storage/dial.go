// Dial: a client connection to an etcd cluster.
//
// Interface:
//   - Dial(ctx, endpoints, TLSOptions) connects to the cluster behind the
//     API server's --etcd-servers and checks that it answers.
//   - TLSOptions are the files of --etcd-cafile, --etcd-certfile and
//     --etcd-keyfile.
//
// The client spreads requests over the endpoints and fails over when one
// stops answering; with several API servers, each dials the same cluster
// (talk 003, "Scaled horizontally": the API servers keep no state, etcd
// keeps it all). An embedded member is dialled the same way, through
// Embedded.Endpoints.
package storage

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/url"
	"time"

	"go.etcd.io/etcd/client/pkg/v3/transport"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"
)

// dialTimeout bounds connecting to etcd and its first answer when ctx
// has no deadline of its own.
const dialTimeout = 10 * time.Second

// TLSOptions are the files for a TLS connection to etcd. With none set,
// https endpoints are verified against the system's roots.
type TLSOptions struct {
	// CAFile verifies the etcd servers' certificates (--etcd-cafile).
	CAFile string
	// CertFile and KeyFile are the client certificate presented to etcd
	// (--etcd-certfile, --etcd-keyfile); set both or neither.
	CertFile, KeyFile string
}

// Dial connects to the etcd cluster at endpoints ("http://127.0.0.1:2379")
// and waits for one quorum read to succeed, so a wrong address fails here
// and not on the first request. The caller closes the client.
func Dial(ctx context.Context, endpoints []string, tlsOpts TLSOptions) (*clientv3.Client, error) {
	fail := func(err error) (*clientv3.Client, error) {
		return nil, fmt.Errorf("dial etcd %v: %w", endpoints, err)
	}
	if len(endpoints) == 0 {
		return fail(fmt.Errorf("no endpoints: set --etcd-servers to the cluster's client URLs"))
	}
	secure := false
	for _, ep := range endpoints {
		u, err := url.Parse(ep)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fail(fmt.Errorf("endpoint %q: must be a URL like http://127.0.0.1:2379", ep))
		}
		secure = secure || u.Scheme == "https"
	}
	if (tlsOpts.CertFile == "") != (tlsOpts.KeyFile == "") {
		return fail(fmt.Errorf("--etcd-certfile and --etcd-keyfile must be set together"))
	}
	var tlsConfig *tls.Config
	if secure || tlsOpts != (TLSOptions{}) {
		info := transport.TLSInfo{CertFile: tlsOpts.CertFile, KeyFile: tlsOpts.KeyFile, TrustedCAFile: tlsOpts.CAFile}
		var err error
		if tlsConfig, err = info.ClientConfig(); err != nil {
			return fail(fmt.Errorf("load TLS files: %w", err))
		}
	}
	client, err := clientv3.New(clientv3.Config{
		Endpoints:   endpoints,
		TLS:         tlsConfig,
		DialTimeout: dialTimeout,
		Logger:      newLogger(zap.NewAtomicLevelAt(zap.ErrorLevel)),
	})
	if err != nil {
		return fail(err)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, dialTimeout)
		defer cancel()
	}
	// A quorum read succeeds only when the cluster has a leader.
	if _, err := client.Get(ctx, "health", clientv3.WithCountOnly()); err != nil {
		client.Close()
		return fail(err)
	}
	return client, nil
}
