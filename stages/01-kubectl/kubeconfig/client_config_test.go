package kubeconfig

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// fixture is a kubeconfig with one cluster, user and context per case.
// Base64 "Q0E=" is "CA", "Q0VSVA==" "CERT", "S0VZ" "KEY".
const fixture = `apiVersion: v1
kind: Config
current-context: kind
clusters:
- name: kind
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority-data: Q0E=
    tls-server-name: kind-control-plane
    extensions:
    - name: client.authentication.k8s.io/exec
      extension: {audience: kind}
- name: files
  cluster: {server: "https://127.0.0.1:6443", certificate-authority: ca.crt}
- name: plain
  cluster: {server: "http://127.0.0.1:8080"}
- name: proxied
  cluster: {server: "https://10.0.0.1:6443", proxy-url: "ftp://proxy"}
- name: no-server
  cluster: {insecure-skip-tls-verify: true}
users:
- name: cert-data
  user: {client-certificate-data: Q0VSVA==, client-key-data: S0VZ}
- name: cert-files
  user: {client-certificate: certs/jane.crt, client-key: certs/jane.key}
- name: token
  user: {token: abc123}
- name: token-file
  user: {tokenFile: token}
- name: basic
  user: {username: admin, password: s3cret}
- name: exec
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: kubectl-login
      args: [get-token]
      env: [{name: REGION, value: eu}]
      installHint: "run \u001b[1mmake login\u001b[0m"
      provideClusterInfo: true
      interactiveMode: Never
- name: token-and-basic
  user: {token: t, username: u, password: p}
- name: half-cert
  user: {client-certificate-data: Q0VSVA==}
- name: exec-no-mode
  user: {exec: {command: x, apiVersion: client.authentication.k8s.io/v1}}
- name: provider
  user: {auth-provider: {name: gcp}}
contexts:
- name: kind
  context: {cluster: kind, user: cert-data, namespace: web}
- name: files
  context: {cluster: files, user: cert-files}
- name: dangling
  context: {cluster: gone, user: cert-data}
- name: ghost-user
  context: {cluster: kind, user: ghost}
`

// fixtureRules writes fixture and the files it refers to.
func fixtureRules(t *testing.T) (*LoadingRules, string) {
	t.Helper()
	isolate(t)
	dir := t.TempDir()
	write(t, dir, "ca.crt", "CA")
	write(t, dir, "certs/jane.crt", "CERT")
	write(t, dir, "certs/jane.key", "KEY")
	write(t, dir, "token", "file-token\n")
	return &LoadingRules{ExplicitPath: write(t, dir, "config", fixture)}, dir
}

func TestRESTConfig(t *testing.T) {
	kindTLS := rest.TLSClientConfig{CAData: []byte("CA"), ServerName: "kind-control-plane", CertData: []byte("CERT"), KeyData: []byte("KEY")}
	tests := []struct {
		name string
		o    Overrides
		want func(dir string) *rest.Config
	}{
		{name: "current-context with inline data", want: func(string) *rest.Config {
			return &rest.Config{Host: "https://127.0.0.1:6443", TLSClientConfig: kindTLS}
		}},
		{name: "--context with files relative to the kubeconfig", o: Overrides{Context: "files"}, want: func(dir string) *rest.Config {
			return &rest.Config{Host: "https://127.0.0.1:6443", TLSClientConfig: rest.TLSClientConfig{
				CAFile: filepath.Join(dir, "ca.crt"), CertFile: filepath.Join(dir, "certs/jane.crt"), KeyFile: filepath.Join(dir, "certs/jane.key")}}
		}},
		{name: "--user with a token", o: Overrides{User: "token"}, want: func(string) *rest.Config {
			return &rest.Config{Host: "https://127.0.0.1:6443", BearerToken: "abc123",
				TLSClientConfig: rest.TLSClientConfig{CAData: []byte("CA"), ServerName: "kind-control-plane"}}
		}},
		{name: "tokenFile is left for the client to re-read", o: Overrides{User: "token-file"}, want: func(dir string) *rest.Config {
			return &rest.Config{Host: "https://127.0.0.1:6443", BearerTokenFile: filepath.Join(dir, "token"),
				TLSClientConfig: rest.TLSClientConfig{CAData: []byte("CA"), ServerName: "kind-control-plane"}}
		}},
		{name: "basic auth", o: Overrides{User: "basic"}, want: func(string) *rest.Config {
			return &rest.Config{Host: "https://127.0.0.1:6443", Username: "admin", Password: "s3cret",
				TLSClientConfig: rest.TLSClientConfig{CAData: []byte("CA"), ServerName: "kind-control-plane"}}
		}},
		{name: "exec plugin with the cluster's exec extension", o: Overrides{User: "exec"}, want: func(string) *rest.Config {
			return &rest.Config{Host: "https://127.0.0.1:6443",
				TLSClientConfig: rest.TLSClientConfig{CAData: []byte("CA"), ServerName: "kind-control-plane"},
				ExecProvider: &rest.ExecConfig{APIVersion: "client.authentication.k8s.io/v1", Command: "kubectl-login",
					Args: []string{"get-token"}, Env: []rest.ExecEnvVar{{Name: "REGION", Value: "eu"}},
					InstallHint: "run U+001B[1mmake loginU+001B[0m", ProvideClusterInfo: true, InteractiveMode: "Never",
					Config: json.RawMessage(`{"audience":"kind"}`)}}
		}},
		{name: "--server drops the file's tls-server-name", o: Overrides{Server: "https://10.0.0.1:6443"}, want: func(string) *rest.Config {
			tc := kindTLS
			tc.ServerName = ""
			return &rest.Config{Host: "https://10.0.0.1:6443", TLSClientConfig: tc}
		}},
		{name: "--server with --tls-server-name", o: Overrides{Server: "https://10.0.0.1:6443", TLSServerName: "api"}, want: func(string) *rest.Config {
			tc := kindTLS
			tc.ServerName = "api"
			return &rest.Config{Host: "https://10.0.0.1:6443", TLSClientConfig: tc}
		}},
		{name: "--certificate-authority replaces the inline CA", o: Overrides{CertificateAuthority: "/dev/null"}, want: func(string) *rest.Config {
			tc := kindTLS
			tc.CAData, tc.CAFile = nil, "/dev/null"
			return &rest.Config{Host: "https://127.0.0.1:6443", TLSClientConfig: tc}
		}},
		{name: "--insecure-skip-tls-verify drops the CA", o: Overrides{InsecureSkipTLSVerify: true}, want: func(string) *rest.Config {
			tc := kindTLS
			tc.CAData, tc.Insecure = nil, true
			return &rest.Config{Host: "https://127.0.0.1:6443", TLSClientConfig: tc}
		}},
		{name: "--token adds to the context's user", o: Overrides{Token: "flag-token"}, want: func(string) *rest.Config {
			return &rest.Config{Host: "https://127.0.0.1:6443", TLSClientConfig: kindTLS, BearerToken: "flag-token"}
		}},
		{name: "--token replaces a tokenFile", o: Overrides{User: "token-file", Token: "flag-token"}, want: func(string) *rest.Config {
			return &rest.Config{Host: "https://127.0.0.1:6443", BearerToken: "flag-token",
				TLSClientConfig: rest.TLSClientConfig{CAData: []byte("CA"), ServerName: "kind-control-plane"}}
		}},
		{name: "--as and --as-group", o: Overrides{Impersonate: "jane", ImpersonateGroups: []string{"dev"}}, want: func(string) *rest.Config {
			return &rest.Config{Host: "https://127.0.0.1:6443", TLSClientConfig: kindTLS,
				Impersonate: rest.ImpersonationConfig{UserName: "jane", Groups: []string{"dev"}}}
		}},
		{name: "--request-timeout", o: Overrides{Timeout: "30"}, want: func(string) *rest.Config {
			return &rest.Config{Host: "https://127.0.0.1:6443", TLSClientConfig: kindTLS, Timeout: 30 * time.Second}
		}},
		{name: "plain http gets no credentials", o: Overrides{Cluster: "plain", Token: "t"}, want: func(string) *rest.Config {
			return &rest.Config{Host: "http://127.0.0.1:8080"}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rules, dir := fixtureRules(t)
			got, err := NewClientConfig(rules, tc.o).RESTConfig()
			if err != nil {
				t.Fatalf("RESTConfig: %v", err)
			}
			if diff := cmp.Diff(tc.want(dir), got, cmpopts.IgnoreFields(rest.Config{}, "Proxy")); diff != "" {
				t.Errorf("rest.Config (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRESTConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		o    Overrides
		want string
	}{
		{"--context that does not exist", Overrides{Context: "nope"}, `context "nope" does not exist`},
		{"--cluster that does not exist", Overrides{Cluster: "nope"}, `cluster "nope" does not exist`},
		{"--user that does not exist", Overrides{User: "nope"}, `auth info "nope" does not exist`},
		{"context pointing at a missing cluster", Overrides{Context: "dangling"},
			`invalid configuration: cluster "gone" was not found for context "dangling"`},
		{"context pointing at a missing user", Overrides{Context: "ghost-user"},
			`invalid configuration: user "ghost" was not found for context "ghost-user"`},
		{"cluster without server", Overrides{Cluster: "no-server"}, `invalid configuration: no server found for cluster "no-server"`},
		{"two authentication methods", Overrides{User: "token-and-basic"},
			`invalid configuration: more than one authentication method found for token-and-basic; found [token basicAuth], only one is allowed`},
		{"certificate without key", Overrides{User: "half-cert"},
			`invalid configuration: client-key-data or client-key must be specified for half-cert to use the clientCert authentication method.`},
		{"v1 exec plugin without interactiveMode", Overrides{User: "exec-no-mode"},
			`invalid configuration: interactiveMode must be specified for exec-no-mode to use exec authentication plugin`},
		{"--token with a basic-auth user", Overrides{User: "basic", Token: "t"},
			`more than one authentication method found for basic`},
		{"unreadable --certificate-authority", Overrides{CertificateAuthority: "/nope/ca.crt"},
			`invalid configuration: unable to read certificate-authority /nope/ca.crt for kind due to open /nope/ca.crt: no such file or directory`},
		{"removed auth provider", Overrides{User: "provider"}, `no Auth Provider found for name "gcp"`},
		{"proxy with an unknown scheme", Overrides{Cluster: "proxied"},
			`cluster "proxied": proxy-url: unsupported scheme "ftp", must be http, https, or socks5`},
		{"bad --request-timeout", Overrides{Timeout: "soon"}, "Invalid timeout value"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rules, _ := fixtureRules(t)
			_, err := NewClientConfig(rules, tc.o).RESTConfig()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v\nwant it to contain %s", err, tc.want)
			}
		})
	}
}

func TestNothingConfigured(t *testing.T) {
	isolate(t)
	_, err := NewClientConfig(NewDefaultLoadingRules(), Overrides{}).RESTConfig()
	const want = "invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable"
	if err == nil || err.Error() != want || !IsEmptyConfig(err) {
		t.Fatalf("err = %v, want %q", err, want)
	}
	// The variable the message names works.
	t.Setenv("KUBERNETES_MASTER", "https://127.0.0.1:6443")
	cfg, err := NewClientConfig(NewDefaultLoadingRules(), Overrides{}).RESTConfig()
	if err != nil || cfg.Host != "https://127.0.0.1:6443" {
		t.Fatalf("with KUBERNETES_MASTER: %+v, %v", cfg, err)
	}
}

// A current-context naming no context is the one problem reported: with no
// context there is no cluster to find empty (upstream, v1.37.2, says the
// same for "get pods" and "-n x get pods").
func TestCurrentContextMissing(t *testing.T) {
	isolate(t)
	file := write(t, t.TempDir(), "config", "current-context: gone\n")
	const want = "invalid configuration: context was not found for specified context: gone"
	_, err := NewClientConfig(&LoadingRules{ExplicitPath: file}, Overrides{}).RESTConfig()
	if err == nil || err.Error() != want || !IsContextNotFound(err) {
		t.Errorf("RESTConfig: err = %v, want %q", err, want)
	}
	_, _, err = NewClientConfig(&LoadingRules{ExplicitPath: file}, Overrides{}).Namespace()
	if err == nil || err.Error() != want {
		t.Errorf("Namespace: err = %v, want %q", err, want)
	}
}

// kubectl resolves the namespace before anything else, so a --context
// naming no context fails there, in the form upstream's CheckErr prints as
// "Error in configuration: ..."; with -n the namespace needs no context and
// the client configuration reports `context "nope" does not exist`.
func TestMissingContextErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		o    Overrides
		want string
	}{
		{"namespace from the context", Overrides{Context: "nope"},
			"Error in configuration: context was not found for specified context: nope"},
		{"namespace from -n", Overrides{Context: "nope", Namespace: "x"}, `error: context "nope" does not exist`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rules, _ := fixtureRules(t)
			cc := NewClientConfig(rules, tc.o)
			_, _, err := cc.Namespace()
			if err == nil {
				_, err = cc.RESTConfig()
			}
			msg, ok := ErrorMessage(err)
			if !ok {
				msg = "error: " + err.Error() // what kubectl prints for other errors
			}
			if msg != tc.want {
				t.Errorf("kubectl would print %q, want %q", msg, tc.want)
			}
		})
	}
}

// ErrorMessage renders configuration errors as upstream's CheckErr does.
func TestErrorMessage(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		want   string
		wantOK bool
	}{
		{"missing context", newConfigurationInvalid([]error{&contextNotFoundError{"x"}}),
			"Error in configuration: context was not found for specified context: x", true},
		{"one other problem", newConfigurationInvalid([]error{errors.New(`no server found for cluster "c"`)}),
			`error: no server found for cluster "c"`, true},
		{"several problems", newConfigurationInvalid([]error{&contextNotFoundError{"x"}, errors.New("b"), errors.New("b")}),
			"Error in configuration: \n* context was not found for specified context: x\n* b", true},
		{"wrapped", fmt.Errorf("load: %w", newConfigurationInvalid([]error{errors.New("a"), errors.New("b")})),
			"Error in configuration: \n* a\n* b", true},
		{"not a configuration error", errors.New("boom"), "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := ErrorMessage(tc.err)
			if got != tc.want || ok != tc.wantOK || IsConfigurationInvalid(tc.err) != tc.wantOK {
				t.Errorf("ErrorMessage = %q, %v; want %q, %v", got, ok, tc.want, tc.wantOK)
			}
		})
	}
}

func TestNamespace(t *testing.T) {
	tests := []struct {
		name         string
		o            Overrides
		want         string
		wantExplicit bool
	}{
		{"-n wins", Overrides{Namespace: "kube-system"}, "kube-system", true},
		{"context namespace", Overrides{}, "web", false},
		{"default when the context has none", Overrides{Context: "files"}, "default", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rules, _ := fixtureRules(t)
			ns, explicit, err := NewClientConfig(rules, tc.o).Namespace()
			if err != nil || ns != tc.want || explicit != tc.wantExplicit {
				t.Errorf("Namespace() = %q, %v, %v; want %q, %v", ns, explicit, err, tc.want, tc.wantExplicit)
			}
		})
	}
	// -n needs no configuration at all, as upstream.
	isolate(t)
	ns, _, err := NewClientConfig(NewDefaultLoadingRules(), Overrides{Namespace: "x"}).Namespace()
	if err != nil || ns != "x" {
		t.Errorf("-n without config: %q, %v", ns, err)
	}
}

// End to end, talk 001 "Client Interactions": a kubeconfig naming
// certificate files next to it gets a request through a server that
// verifies the client certificate.
func TestKubeconfigToVerifiedRequest(t *testing.T) {
	isolate(t)
	p := newPKI(t)
	var user string
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user = r.TLS.PeerCertificates[0].Subject.CommonName
		_, _ = w.Write([]byte(`{"kind":"APIVersions"}`))
	}))
	serving, err := tls.X509KeyPair(p.ServerCert, p.ServerKey)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(p.caCert)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{serving}, ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: pool}
	srv.StartTLS()
	defer srv.Close()

	dir := t.TempDir()
	write(t, dir, "pki/ca.crt", string(p.CA))
	write(t, dir, "pki/jane.crt", string(p.ClientCert))
	write(t, dir, "pki/jane.key", string(p.ClientKey))
	file := write(t, dir, "config", `apiVersion: v1
kind: Config
current-context: test
clusters:
- name: test
  cluster: {server: "`+srv.URL+`", certificate-authority: pki/ca.crt}
users:
- name: jane
  user: {client-certificate: pki/jane.crt, client-key: pki/jane.key}
contexts:
- name: test
  context: {cluster: test, user: jane}
`)
	t.Setenv("KUBECONFIG", file)
	cfg, err := NewClientConfig(NewDefaultLoadingRules(), Overrides{}).RESTConfig()
	if err != nil {
		t.Fatal(err)
	}
	c, err := rest.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(context.Background(), "/api"); err != nil {
		t.Fatal(err)
	}
	if user != "jane" {
		t.Errorf("server verified user %q, want jane", user)
	}
}
