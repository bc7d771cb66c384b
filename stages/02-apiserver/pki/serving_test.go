package pki

import (
	"crypto/tls"
	"crypto/x509"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Talk 000, "Client authentication": kubectl checks the server's
// certificate before it sends credentials, for whichever name it dialed.
// Each row is a name a client may use for the API server.
func TestServingCertCoversNames(t *testing.T) {
	ca, dir := newTestCA(t)
	certFile, _, err := ca.EnsureServingCert(dir, APIServerCertAndKeyBaseName, []string{"10.96.0.1", "api.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	cert := mustReadCert(t, certFile)
	tests := []struct {
		name string
		host string
		ok   bool
	}{
		{name: "IPv4 loopback", host: "127.0.0.1", ok: true},
		{name: "IPv6 loopback", host: "::1", ok: true},
		{name: "localhost", host: "localhost", ok: true},
		{name: "service short name", host: "kubernetes", ok: true},
		{name: "service in namespace", host: "kubernetes.default", ok: true},
		{name: "service .svc", host: "kubernetes.default.svc", ok: true},
		{name: "service FQDN", host: "kubernetes.default.svc.cluster.local", ok: true},
		{name: "extra IP (first service IP)", host: "10.96.0.1", ok: true},
		{name: "extra DNS name", host: "api.example.com", ok: true},
		{name: "name not requested", host: "evil.example.com", ok: false},
		{name: "address not requested", host: "10.0.0.1", ok: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := cert.VerifyHostname(tc.host)
			if (err == nil) != tc.ok {
				t.Errorf("VerifyHostname(%q) = %v, want ok=%v", tc.host, err, tc.ok)
			}
		})
	}
	if cert.Subject.CommonName != APIServerCertCommonName || !slices.Equal(cert.ExtKeyUsage, []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}) {
		t.Errorf("subject %q, ext key usage %v; want kube-apiserver, serverAuth", cert.Subject.CommonName, cert.ExtKeyUsage)
	}
}

// The serving certificate is reused across restarts while it fits, and
// replaced as soon as it does not. Each row prepares what the previous
// start left on disk and says whether the next start must keep it.
func TestEnsureServingCertReuseOrRegenerate(t *testing.T) {
	ca, _ := newTestCA(t)
	defaults, err := parseHosts(append(DefaultServingHosts(), "10.96.0.1"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		prepare func(t *testing.T, dir string) // nil: a previous EnsureServingCert with 10.96.0.1
		hosts   []string                       // what this start asks for
		reuse   bool
	}{
		{name: "same hosts", hosts: []string{"10.96.0.1"}, reuse: true},
		{name: "fewer hosts", hosts: nil, reuse: true},
		{name: "same host in other case", hosts: []string{"10.96.0.1", "LOCALHOST"}, reuse: true},
		{name: "new DNS name", hosts: []string{"10.96.0.1", "api.example.com"}, reuse: false},
		{name: "new IP address", hosts: []string{"10.96.0.1", "192.168.1.10"}, reuse: false},
		{
			name:  "29 days left",
			hosts: []string{"10.96.0.1"},
			prepare: func(t *testing.T, dir string) {
				writeServing(t, ca, dir, defaults, 29*24*time.Hour)
			},
			reuse: false,
		},
		{
			name:  "31 days left",
			hosts: []string{"10.96.0.1"},
			prepare: func(t *testing.T, dir string) {
				writeServing(t, ca, dir, defaults, 31*24*time.Hour)
			},
			reuse: true,
		},
		{
			name:  "signed by another CA",
			hosts: []string{"10.96.0.1"},
			prepare: func(t *testing.T, dir string) {
				writeServing(t, otherCA(t), dir, defaults, CertificateValidityPeriod)
			},
			reuse: false,
		},
		{
			name:  "key does not match",
			hosts: []string{"10.96.0.1"},
			prepare: func(t *testing.T, dir string) {
				if _, _, err := ca.EnsureServingCert(dir, APIServerCertAndKeyBaseName, []string{"10.96.0.1"}); err != nil {
					t.Fatal(err)
				}
				key, _ := encodeKeyPEM(otherCA(t).Key)
				writeFile(t, filepath.Join(dir, "apiserver.key"), key)
			},
			reuse: false,
		},
		{
			name:  "client certificate in its place",
			hosts: nil,
			prepare: func(t *testing.T, dir string) {
				certPEM, keyPEM, err := ca.IssueClientCert("kube-apiserver", nil, time.Hour*24*90)
				if err != nil {
					t.Fatal(err)
				}
				writeFile(t, filepath.Join(dir, "apiserver.key"), keyPEM)
				writeFile(t, filepath.Join(dir, "apiserver.crt"), certPEM)
			},
			reuse: false,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.prepare != nil {
				tc.prepare(t, dir)
			} else if _, _, err := ca.EnsureServingCert(dir, APIServerCertAndKeyBaseName, []string{"10.96.0.1"}); err != nil {
				t.Fatal(err)
			}
			before := serialOf(t, filepath.Join(dir, "apiserver.crt"))

			certFile, keyFile, err := ca.EnsureServingCert(dir, APIServerCertAndKeyBaseName, tc.hosts)
			if err != nil {
				t.Fatal(err)
			}
			if after := serialOf(t, certFile); (after == before) != tc.reuse {
				t.Errorf("serial %s then %s; want reuse=%v", before, after, tc.reuse)
			}
			p, err := readPair(certFile, keyFile)
			if err != nil {
				t.Fatal(err)
			}
			sans, _ := parseHosts(append(DefaultServingHosts(), tc.hosts...))
			if err := ca.checkServingCert(p.cert, sans, time.Now()); err != nil {
				t.Errorf("certificate after EnsureServingCert does not fit: %v", err)
			}
		})
	}
}

// writeServing leaves a serving certificate signed by signer in dir, as an
// earlier start would have.
func writeServing(t *testing.T, signer *CA, dir string, sans subjectAltNames, validity time.Duration) {
	t.Helper()
	certPEM, key, err := signer.newServingCert(sans, validity)
	if err != nil {
		t.Fatal(err)
	}
	if err := writePair(filepath.Join(dir, "apiserver.crt"), filepath.Join(dir, "apiserver.key"), certPEM, key); err != nil {
		t.Fatal(err)
	}
}

// Hosts are bare names or addresses; the usual mistakes are refused with
// the fix, and nothing is written.
func TestEnsureServingCertRejectsBadInput(t *testing.T) {
	ca, dir := newTestCA(t)
	tests := []struct {
		name    string
		certNm  string
		hosts   []string
		wantErr string
	}{
		{name: "host with port", certNm: "apiserver", hosts: []string{"10.0.0.5:6443"}, wantErr: `host "10.0.0.5:6443" is neither an IP address nor a DNS name`},
		{name: "URL", certNm: "apiserver", hosts: []string{"https://api.example.com"}, wantErr: "without scheme or port"},
		{name: "empty host", certNm: "apiserver", hosts: []string{""}, wantErr: `host ""`},
		{name: "empty name", certNm: "", wantErr: `name "" must be a non-empty file name`},
		{name: "name with directory", certNm: "../apiserver", wantErr: "without a directory"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ca.EnsureServingCert(dir, tc.certNm, tc.hosts)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("err = %v, want it to contain %q", err, tc.wantErr)
			}
		})
	}
}

// A client that dials a name the certificate lists and trusts the CA
// completes the handshake; the server name a pod would use works as well
// as the loopback address.
func TestServingCertHandshakeByName(t *testing.T) {
	ca, dir := newTestCA(t)
	srv := identityServer(t, ca, dir, tls.NoClientCert)
	tests := []struct {
		name       string
		serverName string
		roots      *x509.CertPool
		wantErr    string
	}{
		{name: "loopback address", serverName: "127.0.0.1", roots: ca.Pool()},
		{name: "in-cluster service name", serverName: "kubernetes.default.svc", roots: ca.Pool()},
		{name: "name not in the certificate", serverName: "example.com", roots: ca.Pool(), wantErr: "certificate is valid for"},
		{name: "client does not trust the CA", serverName: "127.0.0.1", roots: x509.NewCertPool(), wantErr: "certificate signed by unknown authority"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := tls.Dial("tcp", srv.Listener.Addr().String(), &tls.Config{RootCAs: tc.roots, ServerName: tc.serverName})
			if err == nil {
				conn.Close()
			}
			if tc.wantErr == "" && err != nil {
				t.Fatalf("handshake: %v", err)
			}
			if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("handshake err = %v, want %q", err, tc.wantErr)
			}
		})
	}
}

// mustReadCert parses the certificate in file.
func mustReadCert(t *testing.T, file string) *x509.Certificate {
	t.Helper()
	p, err := readPair(file, strings.TrimSuffix(file, ".crt")+".key")
	if err != nil {
		t.Fatal(err)
	}
	return p.cert
}
