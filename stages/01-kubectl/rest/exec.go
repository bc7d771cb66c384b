// Exec credential plugins: credentials obtained by running a command, the
// way cloud providers hand out short-lived tokens (aws eks get-token,
// gke-gcloud-auth-plugin, kubelogin).
//
// Interface:
//   - newExecAuthenticator(cfg): checks the ExecConfig and prepares the
//     cluster information the plugin may ask for.
//   - (*execAuthenticator).credentials: the cached token/certificate,
//     running the plugin when there is none or it has expired.
//   - execRoundTripper: adds the plugin's bearer token; on a 401 it runs
//     the plugin again once and retries the request with the new token.
//   - (*execAuthenticator).clientCertificate: the TLS callback for plugins
//     that return a client certificate instead of a token.
//
// Protocol (client.authentication.k8s.io/v1): the plugin gets an
// ExecCredential in the KUBERNETES_EXEC_INFO environment variable, with
// spec.interactive false (this client never lends the plugin a terminal) and
// spec.cluster when provideClusterInfo is set; it prints an ExecCredential
// whose status holds token or clientCertificateData+clientKeyData and an
// optional expirationTimestamp, in JSON or YAML (exec_credential.go has
// the document and how it is read). The result is reused until that time.

package rest

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"time"

	"k8s.io/klog/v2"
)

// execInfoEnv is the variable that carries the ExecCredential to the plugin.
const execInfoEnv = "KUBERNETES_EXEC_INFO"

// execCreds is one plugin result. Its pointer identity tells whether a
// refresh already happened (see refreshAfterUnauthorized).
type execCreds struct {
	token string
	cert  *tls.Certificate
}

type execAuthenticator struct {
	cfg     ExecConfig
	cluster *ExecCluster // nil unless ProvideClusterInfo
	stderr  io.Writer    // the plugin's stderr: the user's terminal

	// onRotate closes idle connections when the certificate changes, so
	// the next request handshakes with the new one. Set by New.
	onRotate func()

	mu     sync.Mutex // guards the fields below and serialises plugin runs
	creds  *execCreds
	expiry time.Time // zero: valid until a 401
}

func newExecAuthenticator(cfg *Config) (*execAuthenticator, error) {
	e := *cfg.ExecProvider
	switch {
	case e.Command == "":
		return nil, errors.New("exec plugin: command must be specified")
	case !supportedExecVersions[e.APIVersion]:
		return nil, fmt.Errorf("exec plugin: invalid apiVersion %q", e.APIVersion)
	case e.InteractiveMode == "Always":
		return nil, errors.New("exec plugin cannot support interactive mode: standard input is not a terminal")
	}
	a := &execAuthenticator{cfg: e, stderr: os.Stderr}
	if e.ProvideClusterInfo {
		cluster, err := execClusterFor(cfg)
		if err != nil {
			return nil, err
		}
		a.cluster = cluster
	}
	return a, nil
}

// execClusterFor describes the target server the way the plugin sees it.
func execClusterFor(cfg *Config) (*ExecCluster, error) {
	u, err := cfg.serverURL()
	if err != nil {
		return nil, err
	}
	t := cfg.TLSClientConfig
	ca, _, err := dataOrFile(t.CAData, t.CAFile, "certificate-authority-data")
	if err != nil {
		return nil, fmt.Errorf("exec plugin: read certificate authority: %w", err)
	}
	c := &ExecCluster{
		Server:                   u.String(),
		TLSServerName:            t.ServerName,
		InsecureSkipTLSVerify:    t.Insecure,
		CertificateAuthorityData: ca,
		Config:                   cfg.ExecProvider.Config,
	}
	if cfg.Proxy != nil {
		req, _ := http.NewRequest(http.MethodGet, u.String(), nil)
		if p, err := cfg.Proxy(req); err == nil && p != nil {
			c.ProxyURL = p.String()
		}
	}
	return c, nil
}

// credentials returns the cached result, running the plugin first when
// there is none or it expired.
func (a *execAuthenticator) credentials(ctx context.Context) (*execCreds, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.creds != nil && (a.expiry.IsZero() || now().Before(a.expiry)) {
		return a.creds, nil
	}
	if err := a.runLocked(ctx); err != nil {
		return nil, err
	}
	return a.creds, nil
}

// refreshAfterUnauthorized runs the plugin again unless another request
// already replaced the credentials that got the 401 (old).
func (a *execAuthenticator) refreshAfterUnauthorized(ctx context.Context, old *execCreds) (*execCreds, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.creds != old {
		return a.creds, nil
	}
	if err := a.runLocked(ctx); err != nil {
		return nil, err
	}
	return a.creds, nil
}

// clientCertificate is called during the TLS handshake.
func (a *execAuthenticator) clientCertificate() (*tls.Certificate, error) {
	creds, err := a.credentials(context.Background())
	if err != nil {
		return nil, fmt.Errorf("getting credentials: %w", err)
	}
	return creds.cert, nil
}

// runLocked runs the plugin and stores its result. a.mu must be held.
func (a *execAuthenticator) runLocked(ctx context.Context) error {
	input, err := json.Marshal(ExecCredential{
		Kind:       "ExecCredential",
		APIVersion: a.cfg.APIVersion,
		Spec:       ExecCredentialSpec{Cluster: a.cluster, Interactive: false},
	})
	if err != nil {
		return fmt.Errorf("exec: encode ExecCredential: %w", err)
	}
	env := os.Environ()
	for _, v := range a.cfg.Env {
		env = append(env, v.Name+"="+v.Value)
	}
	env = append(env, execInfoEnv+"="+string(input))

	var stdout bytes.Buffer
	cmd := exec.CommandContext(ctx, a.cfg.Command, a.cfg.Args...)
	cmd.Env, cmd.Stdout, cmd.Stderr = env, &stdout, a.stderr
	if err := cmd.Run(); err != nil {
		return a.runError(err)
	}

	out, err := decodeExecCredential(stdout.Bytes())
	if err != nil {
		return fmt.Errorf("decoding stdout: %w", err)
	}
	if out.APIVersion != a.cfg.APIVersion {
		return fmt.Errorf("exec plugin is configured to use API version %s, plugin returned version %s",
			a.cfg.APIVersion, out.APIVersion)
	}
	s := out.Status
	switch {
	case s == nil:
		return errors.New("exec plugin didn't return a status field")
	case s.Token == "" && s.ClientCertificateData == "" && s.ClientKeyData == "":
		return errors.New("exec plugin didn't return a token or cert/key pair")
	case (s.ClientCertificateData == "") != (s.ClientKeyData == ""):
		return errors.New("exec plugin returned only certificate or key, not both")
	}

	creds := &execCreds{token: s.Token}
	if s.ClientCertificateData != "" {
		cert, err := tls.X509KeyPair([]byte(s.ClientCertificateData), []byte(s.ClientKeyData))
		if err != nil {
			return fmt.Errorf("failed parsing client key/certificate: %w", err)
		}
		creds.cert = &cert
	}
	rotated := a.creds != nil && a.creds.cert != nil
	a.creds = creds
	a.expiry = time.Time{}
	if s.ExpirationTimestamp != nil {
		a.expiry = s.ExpirationTimestamp.Time
	}
	if rotated && a.onRotate != nil {
		a.onRotate()
	}
	return nil
}

// runError words a failed run like upstream: a missing binary (not in
// PATH, or an absolute path that does not exist) gets the install hint, a
// non-zero exit its code.
func (a *execAuthenticator) runError(err error) error {
	var notInPath *exec.Error
	var exit *exec.ExitError
	switch {
	case errors.As(err, &notInPath) || errors.Is(err, fs.ErrNotExist):
		msg := fmt.Sprintf("exec: executable %s not found", a.cfg.Command)
		if a.cfg.InstallHint != "" {
			msg += "\n\n" + a.cfg.InstallHint
		}
		return errors.New(msg)
	case errors.As(err, &exit):
		return fmt.Errorf("exec: executable %s failed with exit code %d", a.cfg.Command, exit.ExitCode())
	default:
		return fmt.Errorf("exec: %w", err)
	}
}

// execRoundTripper puts the plugin's token on each request.
type execRoundTripper struct {
	auth *execAuthenticator
	next http.RoundTripper
}

func (rt *execRoundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	// An explicit --token (set by an outer layer) wins over the plugin.
	if req.Header.Get("Authorization") != "" {
		return rt.next.RoundTrip(req)
	}
	creds, err := rt.auth.credentials(req.Context())
	if err != nil {
		return nil, fmt.Errorf("getting credentials: %w", err)
	}
	res, err := rt.next.RoundTrip(withBearer(req, creds.token))
	if err != nil || res.StatusCode != http.StatusUnauthorized {
		return res, err
	}

	// 401: the server no longer accepts these credentials (revoked, or
	// expired without an expirationTimestamp). Run the plugin once more and
	// retry once, if the body can be replayed.
	if req.Body != nil && req.GetBody == nil {
		return res, nil
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	fresh, err := rt.auth.refreshAfterUnauthorized(req.Context(), creds)
	if err != nil {
		klog.Errorf("refreshing credentials: %v", err)
		return nil, fmt.Errorf("getting credentials: %w", err)
	}
	retry := req.Clone(req.Context())
	if req.GetBody != nil {
		if retry.Body, err = req.GetBody(); err != nil {
			return nil, err
		}
	}
	return rt.next.RoundTrip(withBearer(retry, fresh.token))
}

// withBearer returns req with the token set, or req itself when the plugin
// returned a certificate only.
func withBearer(req *http.Request, token string) *http.Request {
	if token == "" {
		return req
	}
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+token)
	return req
}
