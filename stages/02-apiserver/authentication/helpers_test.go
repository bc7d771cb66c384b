package authentication

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"io"
	"log"
	"math/big"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/pki"
)

// newCA returns a fresh cluster CA in a temporary directory.
func newCA(t *testing.T) *pki.CA {
	t.Helper()
	ca, err := pki.EnsureCA(filepath.Join(t.TempDir(), "pki"))
	if err != nil {
		t.Fatal(err)
	}
	return ca
}

// certSpec describes a client certificate for signCert.
type certSpec struct {
	cn        string
	orgs      []string
	notBefore time.Time
	notAfter  time.Time
	usages    []x509.ExtKeyUsage
}

// signCert makes a certificate as spec says, signed by ca, as a TLS
// client would present it. pki only issues valid client certificates;
// the failing cases need expired ones and ones for servers.
func signCert(t *testing.T, ca *pki.CA, spec certSpec) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if spec.notBefore.IsZero() {
		spec.notBefore = time.Now().Add(-time.Hour)
	}
	if spec.notAfter.IsZero() {
		spec.notAfter = time.Now().Add(time.Hour)
	}
	if spec.usages == nil {
		spec.usages = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	}
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: spec.cn, Organization: spec.orgs},
		NotBefore:    spec.notBefore,
		NotAfter:     spec.notAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  spec.usages,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, key.Public(), ca.Key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}
}

// outcome is what tlsServer answers: what the authenticator said.
type outcome struct {
	OK     bool     `json:"ok"`
	User   string   `json:"user"`
	Groups []string `json:"groups"`
	Err    string   `json:"err"`
}

// tlsServer starts an HTTPS server with ca's serving certificate that asks
// for client certificates without checking them, as the API server does,
// and answers every request with what a says of it.
func tlsServer(t *testing.T, ca *pki.CA, a Authenticator) *httptest.Server {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "serving")
	certFile, keyFile, err := ca.EnsureServingCert(dir, pki.APIServerCertAndKeyBaseName, nil)
	if err != nil {
		t.Fatal(err)
	}
	serving, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var out outcome
		resp, ok, err := a.AuthenticateRequest(r)
		out.OK = ok
		if ok {
			out.User, out.Groups = resp.User.Name, resp.User.Groups
		}
		if err != nil {
			out.Err = err.Error()
		}
		_ = json.NewEncoder(w).Encode(out)
	}))
	srv.TLS = &tls.Config{
		Certificates: []tls.Certificate{serving},
		ClientCAs:    ca.Pool(),
		ClientAuth:   tls.RequestClientCert,
	}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// get sends GET / to srv over TLS trusting ca, presenting cert when it is
// not nil (whoever signed it: a Go client on its own would keep back a
// certificate the server's CA list does not name), and decodes the outcome.
func get(t *testing.T, srv *httptest.Server, ca *pki.CA, cert *tls.Certificate) outcome {
	t.Helper()
	cfg := &tls.Config{RootCAs: ca.Pool()}
	if cert != nil {
		cfg.GetClientCertificate = func(*tls.CertificateRequestInfo) (*tls.Certificate, error) { return cert, nil }
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}
	defer client.CloseIdleConnections()
	resp, err := client.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out outcome
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// staticToken is a TokenAuthenticator knowing one token, for union and
// filter tests.
func staticToken(token, name string) TokenAuthenticator {
	return TokenAuthenticatorFunc(func(_ context.Context, got string) (*Response, bool, error) {
		if got != token {
			return nil, false, nil
		}
		return &Response{User: user.Info{Name: name}, Authenticator: NameTokenFile}, true, nil
	})
}
