// Client: one configured connection to one API server.
//
// Interface:
//   - New(cfg): validates cfg, loads certificates, prepares credentials and
//     the round-tripper chain (transport.go). Nothing is sent yet.
//   - (*Client).Host: the server URL requests go to.
//   - Do, Get and Stream (request.go) send requests.
//
// A Client is safe for concurrent use; it keeps idle connections open, so
// the second request to the same server skips the TCP and TLS handshakes
// (visible at -v 9 as "GetConnection 0 ms").

package rest

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// Client sends requests to the server named by Config.Host.
type Client struct {
	base   *url.URL     // scheme, host and optional path prefix
	client *http.Client // bounded by Config.Timeout
	stream *http.Client // same transport, unbounded: watches and log follows
}

// New returns a Client for cfg. It fails when cfg is inconsistent (token
// and basic auth together, CA with insecure, half a client certificate),
// when a certificate or token file cannot be read, or when the exec plugin
// configuration is invalid. The plugin itself first runs with the first
// request. New does not modify cfg.
func New(cfg *Config) (*Client, error) {
	if cfg == nil {
		return nil, errors.New("create client: config is nil")
	}
	base, err := cfg.serverURL()
	if err != nil {
		return nil, err
	}
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("create client: %w", err)
	}

	var exec *execAuthenticator
	if cfg.ExecProvider != nil {
		if exec, err = newExecAuthenticator(cfg); err != nil {
			return nil, err
		}
	}
	tlsConfig, err := newTLSConfig(cfg, exec)
	if err != nil {
		return nil, err
	}
	transport := newTransport(cfg, tlsConfig)
	if exec != nil {
		exec.onRotate = transport.CloseIdleConnections
	}
	rt, err := wrapTransport(cfg, transport, exec)
	if err != nil {
		return nil, err
	}
	return &Client{
		base:   base,
		client: &http.Client{Transport: rt, Timeout: cfg.Timeout},
		stream: &http.Client{Transport: rt},
	}, nil
}

// Host returns the server URL without a trailing slash, for example
// "https://127.0.0.1:6443". The discovery cache names its directory after
// this URL's host and port.
func (c *Client) Host() string { return c.base.String() }
