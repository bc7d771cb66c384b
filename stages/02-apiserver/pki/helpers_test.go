package pki

import (
	"crypto/tls"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// newTestCA returns a fresh CA in a temporary pki directory.
func newTestCA(t *testing.T) (*CA, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "pki")
	ca, err := EnsureCA(dir)
	if err != nil {
		t.Fatal(err)
	}
	return ca, dir
}

// otherCA returns a CA that has nothing to do with the one under test.
func otherCA(t *testing.T) *CA {
	t.Helper()
	now := time.Now()
	cert, certPEM, key, err := generateCA(now.Add(-time.Hour), now.Add(CACertificateValidityPeriod))
	if err != nil {
		t.Fatal(err)
	}
	return &CA{Cert: cert, Key: key, CertPEM: certPEM}
}

// whoami is what identityServer answers: the identity the TLS handshake
// proved and the bearer token, if any.
type whoami struct {
	User   string   `json:"user"`
	Groups []string `json:"groups"`
	Token  string   `json:"token"`
}

// identityServer starts an HTTPS server on 127.0.0.1 with ca's serving
// certificate from dir, verifying client certificates against ca with the
// given policy, and answering every request with a whoami.
func identityServer(t *testing.T, ca *CA, dir string, clientAuth tls.ClientAuthType) *httptest.Server {
	t.Helper()
	certFile, keyFile, err := ca.EnsureServingCert(dir, APIServerCertAndKeyBaseName, nil)
	if err != nil {
		t.Fatal(err)
	}
	serving, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var who whoami
		if r.TLS != nil && len(r.TLS.PeerCertificates) > 0 {
			subject := r.TLS.PeerCertificates[0].Subject
			who.User, who.Groups = subject.CommonName, subject.Organization
		}
		who.Token = strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(who)
	}))
	srv.TLS = &tls.Config{
		Certificates: []tls.Certificate{serving},
		ClientCAs:    ca.Pool(),
		ClientAuth:   clientAuth,
	}
	// Refused handshakes are what some tests want; keep them out of the log.
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// fileMode returns the permission bits of path.
func fileMode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

// serialOf returns the serial number of the certificate in file.
func serialOf(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := parseCertPEM(data)
	if err != nil {
		t.Fatal(err)
	}
	return cert.SerialNumber.String()
}

// mustReadFile returns the content of path.
func mustReadFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
