// Benchmark helpers: a server and a client for a *testing.B.
//
// Interface:
//   - benchServer(b): a ready server on a free loopback port over an
//     embedded etcd that skips fsync, closed when the benchmark ends. Its
//     klog lines are dropped meanwhile: printed between a benchmark's
//     name and its numbers, they would break the result line that
//     make bench prints and benchstat reads.
//   - benchClient(b, s): an HTTP/2 client of s that trusts its CA and
//     presents the admin certificate.
//
// They do what testConfig, startServer and client in helpers_test.go do;
// those take a *testing.T, which a benchmark does not have.
package server

import (
	"context"
	"crypto/tls"
	"flag"
	"io"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"k8s.io/klog/v2"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/pki"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

// benchServer starts a server as the tests do (testConfig, startServer)
// and waits until it is ready.
func benchServer(b *testing.B) *Server {
	b.Helper()
	quietKlog(b) // first, so its cleanup runs after Close has logged
	cfg := NewConfig()
	cfg.DataDir = filepath.Join(b.TempDir(), "data")
	cfg.SecurePort = 0
	cfg.Embed = etcdtest.Options()
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	s, err := Start(ctx, cfg)
	if err != nil {
		b.Fatalf("Start: %v", err)
	}
	b.Cleanup(func() {
		if err := s.Close(); err != nil {
			b.Errorf("Close: %v", err)
		}
	})
	if err := s.WaitReady(ctx); err != nil {
		b.Fatal(err)
	}
	return s
}

// quietKlog discards klog's output until the benchmark ends.
func quietKlog(b *testing.B) {
	fs := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(fs)
	if err := fs.Set("logtostderr", "false"); err != nil {
		b.Fatal(err)
	}
	klog.SetOutput(io.Discard)
	b.Cleanup(func() {
		klog.Flush()
		_ = fs.Set("logtostderr", "true") // the flag's default; Set cannot fail
		klog.SetOutput(nil)
	})
}

// benchClient is an HTTPS client of s, as admin.kubeconfig describes it.
// Its one HTTP/2 connection carries every request of every goroutine, as
// client-go's does.
func benchClient(b *testing.B, s *Server) *http.Client {
	b.Helper()
	ca, err := pki.EnsureCA(filepath.Join(s.cfg.DataDir, PKIDir))
	if err != nil {
		b.Fatal(err)
	}
	certPEM, keyPEM, err := ca.IssueIdentity(pki.AdminIdentity())
	if err != nil {
		b.Fatal(err)
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		b.Fatal(err)
	}
	transport := &http.Transport{
		TLSClientConfig:   &tls.Config{RootCAs: ca.Pool(), Certificates: []tls.Certificate{cert}},
		ForceAttemptHTTP2: true,
	}
	b.Cleanup(transport.CloseIdleConnections)
	return &http.Client{Timeout: 30 * time.Second, Transport: transport}
}
