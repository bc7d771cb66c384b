package rest

// Test fixtures shared by this package's tests: a throw-away PKI, a TLS API
// server on 127.0.0.1 that records what arrives, and klog capture.

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"flag"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"k8s.io/klog/v2"
)

// keyPair is a PEM certificate and key, signed by its CA.
type keyPair struct {
	CertPEM, KeyPEM []byte
	cert            *x509.Certificate
	key             *ecdsa.PrivateKey
}

func (k keyPair) tls(t *testing.T) tls.Certificate {
	t.Helper()
	c, err := tls.X509KeyPair(k.CertPEM, k.KeyPEM)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// newCA returns a self-signed certificate authority named cn.
func newCA(t *testing.T, cn string) keyPair {
	t.Helper()
	return issue(t, nil, &x509.Certificate{
		Subject:               pkix.Name{CommonName: cn},
		IsCA:                  true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
	})
}

// newServerCert is valid for the given IPs and DNS names.
func newServerCert(t *testing.T, ca keyPair, ips []net.IP, names ...string) keyPair {
	t.Helper()
	return issue(t, &ca, &x509.Certificate{
		Subject:     pkix.Name{CommonName: "kube-apiserver"},
		IPAddresses: ips,
		DNSNames:    names,
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
}

// newClientCert identifies a user the way the API server reads it: the
// common name is the user name, organizations are the groups.
func newClientCert(t *testing.T, ca keyPair, user string, groups ...string) keyPair {
	t.Helper()
	return issue(t, &ca, &x509.Certificate{
		Subject:     pkix.Name{CommonName: user, Organization: groups},
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	})
}

var serial int64

func issue(t *testing.T, parent *keyPair, tmpl *x509.Certificate) keyPair {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial++
	tmpl.SerialNumber = big.NewInt(serial)
	tmpl.NotBefore = time.Now().Add(-time.Hour)
	tmpl.NotAfter = time.Now().Add(time.Hour)
	signer, signerKey := tmpl, key
	if parent != nil {
		signer, signerKey = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signer, &key.PublicKey, signerKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return keyPair{
		CertPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		KeyPEM:  pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}),
		cert:    cert,
		key:     key,
	}
}

// writeFile writes data to name in a fresh temporary directory.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// seen is what the test server recorded about one request.
type seen struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   string
	ClientCN               string   // verified client certificate's user
	ClientOrgs             []string // and groups
}

// apiServer is an HTTPS server on 127.0.0.1 with its own CA. With a
// clientCA it requires and verifies a client certificate, as the API
// server does for x509 authentication.
type apiServer struct {
	*httptest.Server
	CA keyPair

	mu   sync.Mutex
	seen []seen
}

type serverOptions struct {
	clientCA *keyPair     // require client certificates signed by this CA
	names    []string     // DNS names in the server certificate
	noIP     bool         // leave 127.0.0.1 out of the certificate
	handler  http.Handler // default: 200 {"kind":"APIGroupList"}
}

func newAPIServer(t *testing.T, o serverOptions) *apiServer {
	t.Helper()
	s := &apiServer{CA: newCA(t, "test-ca")}
	ips := []net.IP{net.ParseIP("127.0.0.1")}
	if o.noIP {
		ips = nil
	}
	serving := newServerCert(t, s.CA, ips, o.names...)
	h := o.handler
	if h == nil {
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"kind":"APIGroupList","apiVersion":"v1","groups":[]}`)
		})
	}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec := seen{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Header: r.Header.Clone(), Body: string(body)}
		if r.TLS != nil && len(r.TLS.PeerCertificates) > 0 {
			rec.ClientCN = r.TLS.PeerCertificates[0].Subject.CommonName
			rec.ClientOrgs = r.TLS.PeerCertificates[0].Subject.Organization
		}
		s.mu.Lock()
		s.seen = append(s.seen, rec)
		s.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		h.ServeHTTP(w, r)
	}))
	s.TLS = &tls.Config{Certificates: []tls.Certificate{serving.tls(t)}}
	if o.clientCA != nil {
		pool := x509.NewCertPool()
		pool.AddCert(o.clientCA.cert)
		s.TLS.ClientAuth = tls.RequireAndVerifyClientCert
		s.TLS.ClientCAs = pool
	}
	s.Config.ErrorLog = log.New(io.Discard, "", 0) // handshake failures are expected in some tests
	s.StartTLS()
	t.Cleanup(s.Close)
	return s
}

// Requests returns what arrived so far.
func (s *apiServer) Requests() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.seen...)
}

// last returns the most recent request, failing the test if none came.
func (s *apiServer) last(t *testing.T) seen {
	t.Helper()
	r := s.Requests()
	if len(r) == 0 {
		t.Fatal("no request reached the server")
	}
	return r[len(r)-1]
}

// config trusts the server's CA and nothing else.
func (s *apiServer) config() *Config {
	return &Config{Host: s.URL, TLSClientConfig: TLSClientConfig{CAData: s.CA.CertPEM}}
}

// klog capture. Tests that use it must not run in parallel: klog's
// verbosity and output are process-wide.

var klogFlags = sync.OnceValue(func() *flag.FlagSet {
	fs := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(fs)
	return fs
})

// syncBuffer is a bytes.Buffer safe for klog's writes from trace callbacks.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// captureLogs sets klog's -v to level and format to f, and returns the
// buffer klog writes into until the test ends.
func captureLogs(t *testing.T, level int, f LogFormat) *syncBuffer {
	t.Helper()
	fs := klogFlags()
	if err := fs.Set("v", strconv.Itoa(level)); err != nil {
		t.Fatal(err)
	}
	buf := &syncBuffer{}
	// Errors would also be copied to stderr; the buffer is enough.
	_ = fs.Set("stderrthreshold", "FATAL")
	klog.LogToStderr(false)
	klog.SetOutput(buf)
	SetLogFormat(f)
	t.Cleanup(func() {
		_ = fs.Set("v", "0")
		_ = fs.Set("stderrthreshold", "ERROR")
		klog.SetOutput(io.Discard)
		klog.LogToStderr(true)
		SetLogFormat(LogFormatText)
	})
	return buf
}
