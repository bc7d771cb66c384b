// Helpers of the request-chain tests: clients with other credentials than
// the admin's, and waiting for a watch cache to catch up.
//
// Interface:
//   - identityClient(t, s, cn, groups...): a client certificate from the
//     server's CA, as `kubeadm kubeconfig user` issues.
//   - tlsClient(t, s, certs...): an HTTPS client that trusts s and
//     presents certs (none: anonymous, or a bearer token in a header).
//   - eventually(t, check): retry check until it passes, for
//     permissions that take effect when the watch cache has seen a write.
//   - mustDo(t, c, s, method, path, body, want): a request that must
//     answer want.
package server

import (
	"crypto/tls"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/pki"
)

// cacheLag bounds how long a write takes to reach the watch caches the
// authorizers read.
const cacheLag = 10 * time.Second

// identityClient is a client of s presenting a certificate for cn in
// groups, signed by the server's CA.
func identityClient(t *testing.T, s *Server, cn string, groups ...string) *http.Client {
	t.Helper()
	ca, err := pki.EnsureCA(filepath.Join(s.cfg.DataDir, PKIDir))
	if err != nil {
		t.Fatal(err)
	}
	certPEM, keyPEM, err := ca.IssueClientCert(cn, groups, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	return tlsClient(t, s, cert)
}

// tlsClient is a client that trusts s's CA and presents certs.
func tlsClient(t *testing.T, s *Server, certs ...tls.Certificate) *http.Client {
	t.Helper()
	ca, err := pki.EnsureCA(filepath.Join(s.cfg.DataDir, PKIDir))
	if err != nil {
		t.Fatal(err)
	}
	transport := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: ca.Pool(), Certificates: certs}}
	t.Cleanup(transport.CloseIdleConnections)
	return &http.Client{Timeout: 30 * time.Second, Transport: transport}
}

// eventually calls check until it returns "" or cacheLag has passed, and
// then fails with what check last said.
func eventually(t *testing.T, check func() string) {
	t.Helper()
	deadline := time.Now().Add(cacheLag)
	for {
		msg := check()
		if msg == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %s: %s", cacheLag, msg)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// mustDo sends a request that must answer want, and returns the body.
func mustDo(t *testing.T, c *http.Client, s *Server, method, path, body string, want int, header ...string) string {
	t.Helper()
	resp, got := do(t, c, s, method, path, body, header...)
	if resp.StatusCode != want {
		t.Fatalf("%s %s = %d %s, want %d", method, path, resp.StatusCode, got, want)
	}
	return got
}
