package authentication

import (
	"crypto/tls"
	"crypto/x509"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/pki"
)

// Talk 000, "Server side authentication", client certificates: over a real
// TLS connection, the common name becomes the user and the organizations
// the groups; a certificate the cluster CA did not sign, an expired one,
// or one made for servers is refused with crypto/x509's reason.
func TestX509OverTLS(t *testing.T) {
	ca := newCA(t)
	other, err := pki.EnsureCA(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	srv := tlsServer(t, ca, NewX509(ca.Pool()))
	now := time.Now()

	admin := signCert(t, ca, certSpec{cn: pki.AdminUser, orgs: []string{pki.SystemPrivilegedGroup}})
	node := signCert(t, ca, certSpec{cn: "system:node:worker-1", orgs: []string{pki.NodesGroup}})
	foreign := signCert(t, other, certSpec{cn: pki.AdminUser, orgs: []string{pki.SystemPrivilegedGroup}})
	expired := signCert(t, ca, certSpec{cn: "jane", notBefore: now.Add(-48 * time.Hour), notAfter: now.Add(-24 * time.Hour)})
	serverOnly := signCert(t, ca, certSpec{cn: "jane", usages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}})

	tests := []struct {
		name       string
		cert       *tls.Certificate
		wantOK     bool
		wantUser   string
		wantGroups []string
		wantErr    string
	}{
		{name: "admin certificate", cert: &admin, wantOK: true, wantUser: "kubernetes-admin", wantGroups: []string{"system:masters"}},
		{name: "node certificate", cert: &node, wantOK: true, wantUser: "system:node:worker-1", wantGroups: []string{"system:nodes"}},
		{name: "no certificate: no opinion", cert: nil},
		{name: "certificate from another CA", cert: &foreign, wantErr: "x509: certificate signed by unknown authority"},
		{name: "expired certificate", cert: &expired, wantErr: "x509: certificate has expired or is not yet valid"},
		{name: "certificate without client auth usage", cert: &serverOnly, wantErr: "x509: certificate specifies an incompatible key usage"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := get(t, srv, ca, tc.cert)
			if got.OK != tc.wantOK || got.User != tc.wantUser || !slices.Equal(got.Groups, tc.wantGroups) {
				t.Errorf("got ok=%v user=%q groups=%v; want ok=%v user=%q groups=%v", got.OK, got.User, got.Groups, tc.wantOK, tc.wantUser, tc.wantGroups)
			}
			if tc.wantErr == "" && got.Err != "" || !strings.Contains(got.Err, tc.wantErr) {
				t.Errorf("error = %q, want it to contain %q", got.Err, tc.wantErr)
			}
			if tc.wantErr != "" && !strings.HasPrefix(got.Err, "verifying certificate SN=") {
				t.Errorf("error = %q, want it to name the certificate as upstream does", got.Err)
			}
		})
	}
}

// A verified certificate records its fingerprint as the credential id, and
// one without a common name names no user.
func TestX509UserDetails(t *testing.T) {
	ca := newCA(t)
	a := NewX509(ca.Pool())
	admin := signCert(t, ca, certSpec{cn: "kubernetes-admin", orgs: []string{"system:masters"}})
	r := httptest.NewRequest("GET", "/api", nil)
	r.TLS = &tls.ConnectionState{PeerCertificates: []*x509.Certificate{admin.Leaf}}
	resp, ok, err := a.AuthenticateRequest(r)
	if !ok || err != nil {
		t.Fatalf("AuthenticateRequest = %v, %v", ok, err)
	}
	if resp.Authenticator != NameX509 {
		t.Errorf("Authenticator = %q, want %q", resp.Authenticator, NameX509)
	}
	id := resp.User.Extra[ExtraCredentialID]
	if len(id) != 1 || id[0] != CredentialIDForCertificate(admin.Leaf) || !strings.HasPrefix(id[0], "X509SHA256=") || len(id[0]) != len("X509SHA256=")+64 {
		t.Errorf("credential id = %v", id)
	}

	noName := signCert(t, ca, certSpec{orgs: []string{"system:masters"}})
	r.TLS = &tls.ConnectionState{PeerCertificates: []*x509.Certificate{noName.Leaf}}
	if _, ok, err := a.AuthenticateRequest(r); ok || err != nil {
		t.Errorf("certificate without CN: ok=%v err=%v, want no opinion", ok, err)
	}
}

// A chain that verified is remembered only while every certificate of
// it is valid: after the leaf expires, the cached answer is not used and
// the request fails as it would without the cache.
func TestX509VerifiedCacheHonoursExpiry(t *testing.T) {
	ca := newCA(t)
	a := NewX509(ca.Pool())
	start := time.Now()
	cert := signCert(t, ca, certSpec{cn: "jane", notBefore: start.Add(-time.Hour), notAfter: start.Add(time.Hour)})
	r := httptest.NewRequest("GET", "/api", nil)
	r.TLS = &tls.ConnectionState{PeerCertificates: []*x509.Certificate{cert.Leaf}}

	for i := range 2 {
		if _, ok, err := a.AuthenticateRequest(r); !ok || err != nil {
			t.Fatalf("request %d: ok=%v err=%v, want jane", i, ok, err)
		}
	}
	if len(a.verified) != 1 {
		t.Errorf("cache holds %d chains after two requests with one certificate, want 1", len(a.verified))
	}
	a.now = func() time.Time { return start.Add(2 * time.Hour) }
	if _, ok, err := a.AuthenticateRequest(r); ok || err == nil || !strings.Contains(err.Error(), "expired") {
		t.Errorf("after the certificate expired: ok=%v err=%v, want an expiry error", ok, err)
	}
}
