package server

import (
	"context"
	"crypto/tls"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/pki"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

// startTimeout bounds a test server's start and its post-start hooks.
const startTimeout = 60 * time.Second

// testConfig is a Config for a server on a free loopback port with its
// data in a fresh temporary directory and an embedded etcd that skips
// fsync.
func testConfig(t *testing.T) *Config {
	t.Helper()
	cfg := NewConfig()
	cfg.DataDir = filepath.Join(t.TempDir(), "data")
	cfg.SecurePort = 0
	cfg.Embed = etcdtest.Options()
	return cfg
}

// startServer starts a server for cfg, waits until it is ready, and
// closes it when the test ends.
func startServer(t *testing.T, cfg *Config) *Server {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	s, err := Start(ctx, cfg)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	if err := s.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

// client is an HTTPS client of s that trusts its CA and presents the
// admin certificate, as admin.kubeconfig does.
func client(t *testing.T, s *Server) *http.Client {
	t.Helper()
	ca, err := pki.EnsureCA(filepath.Join(s.cfg.DataDir, PKIDir))
	if err != nil {
		t.Fatal(err)
	}
	certPEM, keyPEM, err := ca.IssueIdentity(pki.AdminIdentity())
	if err != nil {
		t.Fatal(err)
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			TLSClientConfig:   &tls.Config{RootCAs: ca.Pool(), Certificates: []tls.Certificate{cert}},
			ForceAttemptHTTP2: true,
		},
	}
}

// do sends one request to s and returns the response with its body read.
// header is "Name: value" lines.
func do(t *testing.T, c *http.Client, s *Server, method, path, body string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range header {
		name, value, _ := strings.Cut(h, ":")
		req.Header.Set(name, strings.TrimSpace(value))
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return resp, string(data)
}
