package pki

import (
	"crypto/tls"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// Talk 000, "Server side authentication", client certificates: a server
// that requires and verifies client certificates against the CA reads the
// user from CN and the groups from O. The rows are the identities of
// stage 2b plus the certificates the server must refuse.
func TestClientCertHandshake(t *testing.T) {
	ca, dir := newTestCA(t)
	srv := identityServer(t, ca, dir, tls.RequireAndVerifyClientCert)

	issue := func(signer *CA, id Identity) func(t *testing.T) []tls.Certificate {
		return func(t *testing.T) []tls.Certificate {
			certPEM, keyPEM, err := signer.IssueIdentity(id)
			if err != nil {
				t.Fatal(err)
			}
			pair, err := tls.X509KeyPair(certPEM, keyPEM)
			if err != nil {
				t.Fatal(err)
			}
			return []tls.Certificate{pair}
		}
	}
	tests := []struct {
		name       string
		certs      func(t *testing.T) []tls.Certificate
		wantUser   string
		wantGroups []string
		wantErr    bool
	}{
		{name: "admin", certs: issue(ca, AdminIdentity()), wantUser: "kubernetes-admin", wantGroups: []string{"system:masters"}},
		{name: "node", certs: issue(ca, NodeIdentity("worker-1")), wantUser: "system:node:worker-1", wantGroups: []string{"system:nodes"}},
		{name: "scheduler", certs: issue(ca, KubeSchedulerIdentity()), wantUser: "system:kube-scheduler"},
		{name: "controller manager", certs: issue(ca, KubeControllerManagerIdentity()), wantUser: "system:kube-controller-manager"},
		{name: "kube-proxy", certs: issue(ca, KubeProxyIdentity()), wantUser: "system:kube-proxy"},
		{name: "user in two groups", certs: issue(ca, Identity{CommonName: "jane", Organizations: []string{"dev", "ops"}}), wantUser: "jane", wantGroups: []string{"dev", "ops"}},
		{name: "no client certificate", certs: func(*testing.T) []tls.Certificate { return nil }, wantErr: true},
		{name: "signed by another CA", certs: issue(otherCA(t), AdminIdentity()), wantErr: true},
		{name: "serving certificate used as client", certs: func(t *testing.T) []tls.Certificate {
			certFile, keyFile, err := ca.EnsureServingCert(dir, APIServerCertAndKeyBaseName, nil)
			if err != nil {
				t.Fatal(err)
			}
			pair, err := tls.LoadX509KeyPair(certFile, keyFile)
			if err != nil {
				t.Fatal(err)
			}
			return []tls.Certificate{pair}
		}, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{
				RootCAs:      ca.Pool(),
				Certificates: tc.certs(t),
			}}}
			defer client.CloseIdleConnections()
			resp, err := client.Get(srv.URL + "/whoami")
			if tc.wantErr {
				if err == nil {
					resp.Body.Close()
					t.Fatalf("request succeeded with status %s, want a refused handshake", resp.Status)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var who whoami
			if err := json.NewDecoder(resp.Body).Decode(&who); err != nil {
				t.Fatal(err)
			}
			if who.User != tc.wantUser || !slices.Equal(who.Groups, tc.wantGroups) {
				t.Errorf("server saw user %q groups %v, want %q %v", who.User, who.Groups, tc.wantUser, tc.wantGroups)
			}
		})
	}
}

// Verify is the handshake's check as a function, for the x509
// authenticator of stage 2b.
func TestVerify(t *testing.T) {
	ca, dir := newTestCA(t)
	admin, _, err := ca.IssueIdentity(AdminIdentity())
	if err != nil {
		t.Fatal(err)
	}
	foreign, _, err := otherCA(t).IssueIdentity(AdminIdentity())
	if err != nil {
		t.Fatal(err)
	}
	servingFile, _, err := ca.EnsureServingCert(dir, APIServerCertAndKeyBaseName, nil)
	if err != nil {
		t.Fatal(err)
	}
	serving := mustReadFile(t, servingFile)
	tests := []struct {
		name     string
		cert     []byte
		caPEM    []byte
		wantUser string
		wantErr  string
	}{
		{name: "admin signed by the CA", cert: admin, caPEM: ca.CertPEM, wantUser: "kubernetes-admin"},
		{name: "signed by another CA", cert: foreign, caPEM: ca.CertPEM, wantErr: "certificate signed by unknown authority"},
		{name: "serving certificate", cert: serving, caPEM: ca.CertPEM, wantErr: "incompatible key usage"},
		{name: "not PEM", cert: []byte("hello"), caPEM: ca.CertPEM, wantErr: "no CERTIFICATE block"},
		{name: "empty CA", cert: admin, caPEM: nil, wantErr: "no CA certificate found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cert, err := Verify(tc.cert, tc.caPEM)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cert.Subject.CommonName != tc.wantUser {
				t.Errorf("CN = %q, want %q", cert.Subject.CommonName, tc.wantUser)
			}
		})
	}
}

// Validity: the default is a year, the caller may ask for less, and no
// certificate outlives the CA that signed it.
func TestIssueClientCertValidity(t *testing.T) {
	ca, _ := newTestCA(t)
	tests := []struct {
		name     string
		validity time.Duration
		want     func() time.Time
	}{
		{name: "zero means one year", validity: 0, want: func() time.Time { return time.Now().Add(CertificateValidityPeriod) }},
		{name: "one hour", validity: time.Hour, want: func() time.Time { return time.Now().Add(time.Hour) }},
		{name: "cut at the CA's expiry", validity: 20 * CertificateValidityPeriod, want: func() time.Time { return ca.Cert.NotAfter }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			certPEM, _, err := ca.IssueClientCert("jane", nil, tc.validity)
			if err != nil {
				t.Fatal(err)
			}
			cert, err := parseCertPEM(certPEM)
			if err != nil {
				t.Fatal(err)
			}
			if d := cert.NotAfter.Sub(tc.want()); d < -time.Minute || d > time.Minute {
				t.Errorf("NotAfter = %v, want about %v", cert.NotAfter, tc.want())
			}
		})
	}
}

func TestIssueClientCertRejects(t *testing.T) {
	ca, _ := newTestCA(t)
	tests := []struct {
		name    string
		id      Identity
		wantErr string
	}{
		{name: "empty user", id: Identity{}, wantErr: "issue client certificate: common name (the user name) is empty"},
		{name: "node without a name", id: NodeIdentity(""), wantErr: `user "system:node:" lacks the node name`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ca.IssueIdentity(tc.id)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("err = %v, want %q", err, tc.wantErr)
			}
		})
	}
}
