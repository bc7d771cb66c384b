package rest

import (
	"context"
	"encoding/base64"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Talk 000, "Client authentication", and talk 001, "Client Interactions":
// x509 client certificates travel in the TLS handshake and the server
// verifies them; the server itself is verified against the CA.
func TestTLSCredentials(t *testing.T) {
	clientCA := newCA(t, "client-ca")
	jane := newClientCert(t, clientCA, "jane", "developers")
	certFile := writeFile(t, "jane.crt", jane.CertPEM)
	keyFile := writeFile(t, "jane.key", jane.KeyPEM)
	strangerCA := newCA(t, "stranger-ca")
	stranger := newClientCert(t, strangerCA, "mallory")

	srv := newAPIServer(t, serverOptions{clientCA: &clientCA})
	caFile := writeFile(t, "ca.crt", srv.CA.CertPEM)

	tests := []struct {
		name    string
		tls     TLSClientConfig
		wantCN  string // user the server verified; "" means the request must fail
		wantErr string
	}{
		{name: "cert and key from files, CA from file",
			tls: TLSClientConfig{CAFile: caFile, CertFile: certFile, KeyFile: keyFile}, wantCN: "jane"},
		{name: "cert and key as data, CA as data",
			tls: TLSClientConfig{CAData: srv.CA.CertPEM, CertData: jane.CertPEM, KeyData: jane.KeyPEM}, wantCN: "jane"},
		{name: "insecure-skip-tls-verify needs no CA",
			tls: TLSClientConfig{Insecure: true, CertData: jane.CertPEM, KeyData: jane.KeyPEM}, wantCN: "jane"},
		{name: "no client certificate is refused by the server",
			tls: TLSClientConfig{CAData: srv.CA.CertPEM}, wantErr: "tls"},
		{name: "certificate from an unknown CA is refused by the server",
			tls: TLSClientConfig{CAData: srv.CA.CertPEM, CertData: stranger.CertPEM, KeyData: stranger.KeyPEM}, wantErr: "tls"},
		{name: "server signed by an untrusted CA is refused by the client",
			tls: TLSClientConfig{CAData: strangerCA.CertPEM, CertData: jane.CertPEM, KeyData: jane.KeyPEM}, wantErr: "certificate signed by unknown authority"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := New(&Config{Host: srv.URL, TLSClientConfig: tc.tls})
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			before := len(srv.Requests())
			_, err = c.Get(context.Background(), "/apis")
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Get error = %v, want one containing %q", err, tc.wantErr)
				}
				if len(srv.Requests()) != before {
					t.Fatal("request reached the handler despite the failed handshake")
				}
				return
			}
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if got := srv.last(t); got.ClientCN != tc.wantCN || !cmp.Equal(got.ClientOrgs, []string{"developers"}) {
				t.Errorf("server verified user %q groups %v, want %q [developers]", got.ClientCN, got.ClientOrgs, tc.wantCN)
			}
		})
	}
}

// tls-server-name: the certificate names the API server's service name,
// not the IP the client dials.
func TestTLSServerName(t *testing.T) {
	srv := newAPIServer(t, serverOptions{noIP: true, names: []string{"kubernetes.default.svc"}})
	cfg := srv.config()
	c, _ := New(cfg)
	if _, err := c.Get(context.Background(), "/apis"); err == nil || !strings.Contains(err.Error(), "127.0.0.1") {
		t.Fatalf("without tls-server-name: err = %v, want a certificate name mismatch for 127.0.0.1", err)
	}
	cfg.TLSClientConfig.ServerName = "kubernetes.default.svc"
	c, _ = New(cfg)
	if _, err := c.Get(context.Background(), "/apis"); err != nil {
		t.Fatalf("with tls-server-name: %v", err)
	}
}

// Talk 001, "Client Interactions": tokens and passwords travel in the
// Authorization header.
func TestHeaderCredentials(t *testing.T) {
	srv := newAPIServer(t, serverOptions{})
	tokenFile := writeFile(t, "token", []byte("file-token\n"))
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte("admin:s3cret"))

	tests := []struct {
		name   string
		modify func(*Config)
		want   map[string][]string // headers that must arrive exactly so
	}{
		{name: "bearer token", modify: func(c *Config) { c.BearerToken = "abc123" },
			want: map[string][]string{"Authorization": {"Bearer abc123"}}},
		{name: "token file, trimmed", modify: func(c *Config) { c.BearerTokenFile = tokenFile },
			want: map[string][]string{"Authorization": {"Bearer file-token"}}},
		{name: "basic auth", modify: func(c *Config) { c.Username, c.Password = "admin", "s3cret" },
			want: map[string][]string{"Authorization": {basic}}},
		{name: "impersonation", modify: func(c *Config) {
			c.Impersonate = ImpersonationConfig{UserName: "jane", Groups: []string{"dev", "ops"}}
		}, want: map[string][]string{"Impersonate-User": {"jane"}, "Impersonate-Group": {"dev", "ops"}}},
		{name: "explicit user agent", modify: func(c *Config) { c.UserAgent = "kubectl/v1.37.2 (linux/amd64) kubernetes/abc1234" },
			want: map[string][]string{"User-Agent": {"kubectl/v1.37.2 (linux/amd64) kubernetes/abc1234"}}},
		{name: "no credentials sends no Authorization", modify: func(*Config) {},
			want: map[string][]string{"Authorization": nil}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := srv.config()
			tc.modify(cfg)
			c, err := New(cfg)
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			if _, err := c.Get(context.Background(), "/apis"); err != nil {
				t.Fatalf("Get: %v", err)
			}
			got := srv.last(t).Header
			for k, want := range tc.want {
				if diff := cmp.Diff(want, got.Values(k)); diff != "" {
					t.Errorf("header %s (-want +got):\n%s", k, diff)
				}
			}
		})
	}
}

// The token file is re-read once its copy is a minute old, so a rotated
// token is used without restarting the client.
func TestTokenFileIsReread(t *testing.T) {
	srv := newAPIServer(t, serverOptions{})
	path := writeFile(t, "token", []byte("first"))
	clock := time.Now()
	now = func() time.Time { return clock }
	t.Cleanup(func() { now = time.Now })

	cfg := srv.config()
	cfg.BearerTokenFile = path
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	get := func() string {
		t.Helper()
		if _, err := c.Get(context.Background(), "/apis"); err != nil {
			t.Fatal(err)
		}
		return srv.last(t).Header.Get("Authorization")
	}
	if got := get(); got != "Bearer first" {
		t.Fatalf("first request: %q", got)
	}
	if err := os.WriteFile(path, []byte("second"), 0o600); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(30 * time.Second)
	if got := get(); got != "Bearer first" {
		t.Errorf("after 30s: %q, want the cached Bearer first", got)
	}
	clock = clock.Add(31 * time.Second)
	if got := get(); got != "Bearer second" {
		t.Errorf("after 61s: %q, want the re-read Bearer second", got)
	}
	// A file that disappears keeps the last good token, and says so.
	logs := captureLogs(t, 0, LogFormatText)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(2 * time.Minute)
	if got := get(); got != "Bearer second" {
		t.Errorf("after removal: %q, want the last good Bearer second", got)
	}
	if !strings.Contains(logs.String(), "] Unable to rotate token: read token file") {
		t.Errorf("no rotation error logged:\n%s", logs)
	}
}

// Headers the caller sets are not overwritten by the decorators, so an
// explicit Authorization (or User-Agent) wins.
func TestCallerHeadersWin(t *testing.T) {
	srv := newAPIServer(t, serverOptions{})
	cfg := srv.config()
	cfg.BearerToken = "from-config"
	c, _ := New(cfg)
	_, err := c.Do(context.Background(), Request{Path: "/apis", Headers: map[string][]string{
		"Authorization": {"Bearer from-caller"}, "User-Agent": {"custom/1.0"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.last(t).Header
	if h.Get("Authorization") != "Bearer from-caller" || h.Get("User-Agent") != "custom/1.0" {
		t.Errorf("headers = %v", h)
	}
}
