// Config: everything the client needs to reach one API server and prove who
// it is, after the kubeconfig file and the command-line flags were merged.
//
// Interface:
//   - Config with TLSClientConfig, ImpersonationConfig and ExecConfig: plain
//     data, filled by stages/01-kubectl/kubeconfig or by hand in tests.
//   - Version and GitCommit: set by the kubectl command at start-up; they
//     make the default User-Agent, DefaultUserAgent().
//   - (*Config).validate and serverURL: the checks New runs before dialing.
//
// Transport wiring lives in transport.go, the credential decorators in
// auth.go and exec.go.

package rest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// Version and GitCommit describe the running client; the kubectl command
// sets them (for example to "v1.37.2" and the build's commit) before the
// first request. Empty values are reported as "unknown", as upstream does.
var (
	Version   = ""
	GitCommit = ""
)

// Config holds the resolved connection settings for one API server.
// The zero value is not usable: Host must be set.
type Config struct {
	// Host is the server URL ("https://127.0.0.1:6443") or a host:port
	// pair, which gets https:// when TLS settings are present and http://
	// otherwise. A path ("https://host/prefix") is kept as a prefix of
	// every request path.
	Host string

	// TLSClientConfig says how to verify the server and which client
	// certificate to present.
	TLSClientConfig TLSClientConfig

	// BearerToken is sent as "Authorization: Bearer <token>".
	BearerToken string
	// BearerTokenFile, when set, is re-read at most once a minute and its
	// content replaces BearerToken, so rotated tokens are picked up.
	BearerTokenFile string

	// Username and Password are sent as HTTP basic auth. They may not be
	// combined with a bearer token.
	Username string
	Password string

	// ExecProvider, when set, runs a credential plugin to obtain a token or
	// a client certificate (client.authentication.k8s.io/v1).
	ExecProvider *ExecConfig

	// Impersonate makes the server act as another user (Impersonate-User
	// and Impersonate-Group headers).
	Impersonate ImpersonationConfig

	// UserAgent overrides DefaultUserAgent().
	UserAgent string

	// Timeout bounds each Do/Get call, connection to last byte. Zero means
	// no limit. Stream calls are not bounded by it.
	Timeout time.Duration

	// Proxy selects an HTTP(S) or SOCKS5 proxy per request. Nil means the
	// standard HTTPS_PROXY/NO_PROXY environment variables.
	Proxy func(*http.Request) (*url.URL, error)
}

// TLSClientConfig holds the TLS settings. Data fields win over the matching
// File fields, as in the kubeconfig format.
type TLSClientConfig struct {
	// CAFile and CAData hold PEM certificates of the authorities trusted to
	// sign the server certificate. Empty means the system roots.
	CAFile string
	CAData []byte
	// CertFile/CertData and KeyFile/KeyData are the PEM client certificate
	// and its private key; one of each must be set, or neither.
	CertFile string
	CertData []byte
	KeyFile  string
	KeyData  []byte
	// Insecure skips verification of the server certificate. It may not be
	// combined with a CA.
	Insecure bool
	// ServerName overrides the name checked against the server certificate
	// (and sent as SNI); empty means the host of Host.
	ServerName string
}

// ImpersonationConfig names the user and groups to act as. Groups without a
// UserName are an error.
type ImpersonationConfig struct {
	UserName string
	Groups   []string
}

// ExecConfig describes a credential plugin: a command that prints an
// ExecCredential JSON document on stdout. It mirrors the kubeconfig
// user.exec block; the kubeconfig package converts one into the other.
type ExecConfig struct {
	// APIVersion is the ExecCredential version the plugin speaks:
	// "client.authentication.k8s.io/v1" or ".../v1beta1".
	APIVersion string
	// Command is the executable, looked up in PATH when it has no slash.
	Command string
	Args    []string
	// Env is added to the client's own environment for the plugin.
	Env []ExecEnvVar
	// InstallHint is shown when Command is not found.
	InstallHint string
	// ProvideClusterInfo passes the server URL and CA to the plugin in
	// KUBERNETES_EXEC_INFO (spec.cluster).
	ProvideClusterInfo bool
	// InteractiveMode is "Never", "IfAvailable" or "Always". This client
	// never gives the plugin a terminal, so "Always" is refused.
	InteractiveMode string
	// Config is the cluster's "client.authentication.k8s.io/exec"
	// extension, passed as spec.cluster.config.
	Config json.RawMessage
}

// ExecEnvVar is one environment variable for a credential plugin.
type ExecEnvVar struct {
	Name  string
	Value string
}

// DefaultUserAgent returns the upstream-style User-Agent,
// "kubectl/v1.37.2 (linux/amd64) kubernetes/1a2b3c4": the program name, the
// version without build suffix, the platform, and the commit cut to seven
// characters.
func DefaultUserAgent() string {
	return fmt.Sprintf("%s/%s (%s/%s) kubernetes/%s",
		adjustCommand(os.Args[0]), adjustVersion(Version),
		runtime.GOOS, runtime.GOARCH, adjustCommit(GitCommit))
}

func adjustCommand(p string) string {
	if p == "" {
		return "unknown"
	}
	return filepath.Base(p)
}

// adjustVersion drops everything after the first "-", so a development
// build "v1.37.2-dirty" still reports as "v1.37.2".
func adjustVersion(v string) string {
	if v == "" {
		return "unknown"
	}
	return strings.SplitN(v, "-", 2)[0]
}

func adjustCommit(c string) string {
	if c == "" {
		return "unknown"
	}
	if len(c) > 7 {
		return c[:7]
	}
	return c
}

// hasCA, hasCertAuth and friends name the questions validate asks.
func (c *Config) hasCA() bool {
	return len(c.TLSClientConfig.CAData) > 0 || c.TLSClientConfig.CAFile != ""
}

func (c *Config) hasCertAuth() bool {
	t := c.TLSClientConfig
	return (len(t.CertData) > 0 || t.CertFile != "") && (len(t.KeyData) > 0 || t.KeyFile != "")
}

func (c *Config) hasTokenAuth() bool { return c.BearerToken != "" || c.BearerTokenFile != "" }

func (c *Config) hasBasicAuth() bool { return c.Username != "" || c.Password != "" }

// validate rejects combinations that cannot mean what the user wants. The
// messages are upstream client-go's.
func (c *Config) validate() error {
	t := c.TLSClientConfig
	switch {
	case c.hasBasicAuth() && c.hasTokenAuth():
		return errors.New("username/password or bearer token may be set, but not both")
	case t.Insecure && c.hasCA():
		return errors.New("specifying a root certificates file with the insecure flag is not allowed")
	case (len(t.CertData) > 0 || t.CertFile != "") != (len(t.KeyData) > 0 || t.KeyFile != ""):
		return errors.New("client certificate and client key must both be set, or neither")
	case len(c.Impersonate.Groups) > 0 && c.Impersonate.UserName == "":
		return errors.New("requesting groups without impersonating a user is not allowed")
	}
	return nil
}

// serverURL parses Host. A bare host:port gets https:// when any TLS
// setting is present, http:// otherwise, like upstream DefaultServerURL.
func (c *Config) serverURL() (*url.URL, error) {
	if c.Host == "" {
		return nil, errors.New("host must be a URL or a host:port pair")
	}
	u, err := url.Parse(c.Host)
	if err != nil || u.Scheme == "" || u.Host == "" {
		scheme := "http://"
		if c.hasCA() || c.hasCertAuth() || c.TLSClientConfig.Insecure {
			scheme = "https://"
		}
		u, err = url.Parse(scheme + c.Host)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("host must be a URL or a host:port pair: %q", c.Host)
		}
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("host %q: scheme must be http or https", c.Host)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}
