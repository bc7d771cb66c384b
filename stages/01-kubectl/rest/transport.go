// Transport: the TLS connection to the API server and the chain of round
// trippers every request passes through.
//
// Interface:
//   - newTLSConfig: server verification (CA or insecure, server name) and
//     the client certificate, static or from an exec plugin.
//   - newTransport: an *http.Transport with kubectl's timeouts.
//   - wrapTransport: the decorator chain, outermost first:
//     impersonation → User-Agent → credentials (bearer, basic or exec) →
//     request logging (round_trippers.go) → network.
//
// Logging sits closest to the network so it sees every header the other
// layers added (with Authorization masked) and each retry separately.

package rest

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"
)

// newTLSConfig builds the client side of the TLS handshake. The exec
// authenticator, when non-nil, supplies a client certificate if the plugin
// returned one and no static certificate is configured.
func newTLSConfig(cfg *Config, exec *execAuthenticator) (*tls.Config, error) {
	t := cfg.TLSClientConfig
	tc := &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: t.Insecure, //nolint:gosec // the user asked for insecure-skip-tls-verify
		ServerName:         t.ServerName,
	}

	caData, caSource, err := dataOrFile(t.CAData, t.CAFile, "certificate-authority-data")
	if err != nil {
		return nil, fmt.Errorf("load certificate authority: %w", err)
	}
	if len(caData) > 0 {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(caData) {
			return nil, fmt.Errorf("load certificate authority: no PEM certificate found in %s", caSource)
		}
		tc.RootCAs = pool
	}

	var static *tls.Certificate
	if cfg.hasCertAuth() {
		certPEM, _, err := dataOrFile(t.CertData, t.CertFile, "client-certificate-data")
		if err != nil {
			return nil, fmt.Errorf("load client certificate: %w", err)
		}
		keyPEM, _, err := dataOrFile(t.KeyData, t.KeyFile, "client-key-data")
		if err != nil {
			return nil, fmt.Errorf("load client key: %w", err)
		}
		cert, err := tls.X509KeyPair(certPEM, keyPEM)
		if err != nil {
			return nil, fmt.Errorf("load client certificate and key: %w", err)
		}
		static = &cert
	}

	// GetClientCertificate runs only when the server asks for a
	// certificate. Returning an empty Certificate sends none.
	if static != nil || exec != nil {
		tc.GetClientCertificate = func(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
			if static != nil {
				return static, nil
			}
			cert, err := exec.clientCertificate()
			if err != nil || cert == nil {
				return &tls.Certificate{}, err
			}
			return cert, nil
		}
	}
	return tc, nil
}

// dataOrFile returns data if set, else the content of file, and names where
// it came from for error messages. Neither set returns nil, nil.
func dataOrFile(data []byte, file, dataField string) ([]byte, string, error) {
	if len(data) > 0 {
		return data, dataField, nil
	}
	if file == "" {
		return nil, "", nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, file, err
	}
	return b, file, nil
}

// newTransport returns the network layer. The numbers are client-go's
// defaults: 30s dial timeout and keep-alive, 10s TLS handshake, 25 idle
// connections per host.
func newTransport(cfg *Config, tc *tls.Config) *http.Transport {
	proxy := cfg.Proxy
	if proxy == nil {
		proxy = http.ProxyFromEnvironment
	}
	dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:               proxy,
		DialContext:         dialer.DialContext,
		TLSClientConfig:     tc,
		TLSHandshakeTimeout: 10 * time.Second,
		MaxIdleConnsPerHost: 25,
		IdleConnTimeout:     90 * time.Second,
		ForceAttemptHTTP2:   true,
	}
}

// wrapTransport layers the decorators over the network transport; see the
// file comment for the order. validate has already ruled out basic auth
// together with a token.
func wrapTransport(cfg *Config, rt http.RoundTripper, exec *execAuthenticator) (http.RoundTripper, error) {
	rt = &debuggingRoundTripper{next: rt}
	if exec != nil {
		rt = &execRoundTripper{auth: exec, next: rt}
	}
	switch {
	case cfg.hasTokenAuth():
		bearer, err := newBearerAuthRoundTripper(cfg.BearerToken, cfg.BearerTokenFile, rt)
		if err != nil {
			return nil, err
		}
		rt = bearer
	case cfg.hasBasicAuth():
		rt = &basicAuthRoundTripper{username: cfg.Username, password: cfg.Password, next: rt}
	}
	agent := cfg.UserAgent
	if agent == "" {
		agent = DefaultUserAgent()
	}
	rt = &userAgentRoundTripper{agent: agent, next: rt}
	if cfg.Impersonate.UserName != "" {
		rt = &impersonatingRoundTripper{impersonate: cfg.Impersonate, next: rt}
	}
	return rt, nil
}
