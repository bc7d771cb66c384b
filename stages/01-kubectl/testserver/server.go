// The test API server: an httptest TLS server on 127.0.0.1 that stage-1
// tests point kubectl at.
//
// Interface:
//   - Start(t, opts...) starts a server that stops when the test ends;
//     New(opts...) one the caller closes.
//   - Options: WithClientCertAuth, WithBearerToken, WithBasicAuth (each
//     makes authentication required), WithoutAggregatedDiscovery,
//     WithoutOpenAPI, WithObjects.
//   - (*Server).URL, CAData, ClientCert, MintClientCert, Close.
//
// Every request goes through ServeHTTP in the order a real API server
// takes it (talk 000, "Server side authentication"): read, authenticate,
// record, maybe inject a fault, then route to discovery (discovery.go),
// OpenAPI (openapi.go), /version or the objects (objects.go).
package testserver

import (
	"crypto/subtle"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// Server is a running test API server.
type Server struct {
	// URL is the server's address, "https://127.0.0.1:<port>".
	URL string

	http   *httptest.Server
	ca     *certAuthority
	client ClientCert
	opts   options

	rec    recorder
	faults faults
	store  *store
	api    *apiResources

	logsMu sync.Mutex
	logs   map[string]string // "namespace/pod" → text of its log
}

// options collects what the Option functions set.
type options struct {
	certAuth   bool
	tokens     map[string]string // bearer token → user
	basic      map[string]string // user → password
	legacyOnly bool
	noOpenAPI  bool
	objects    []any
}

// Option configures a Server.
type Option func(*options)

// WithClientCertAuth requires every request to authenticate, accepting
// client certificates the server's CA signed (ClientCert, MintClientCert).
func WithClientCertAuth() Option { return func(o *options) { o.certAuth = true } }

// WithBearerToken requires every request to authenticate and accepts
// "Authorization: Bearer <token>" as user.
func WithBearerToken(token, user string) Option {
	return func(o *options) {
		if o.tokens == nil {
			o.tokens = map[string]string{}
		}
		o.tokens[token] = user
	}
}

// WithBasicAuth requires every request to authenticate and accepts HTTP
// basic auth with user and password.
func WithBasicAuth(user, password string) Option {
	return func(o *options) {
		if o.basic == nil {
			o.basic = map[string]string{}
		}
		o.basic[user] = password
	}
}

// WithoutAggregatedDiscovery makes the server answer discovery only in the
// older per-group format, as servers before Kubernetes 1.26 did.
func WithoutAggregatedDiscovery() Option { return func(o *options) { o.legacyOnly = true } }

// WithoutOpenAPI makes /openapi/v3 answer 404, as a server without OpenAPI
// v3 would.
func WithoutOpenAPI() Option { return func(o *options) { o.noOpenAPI = true } }

// WithObjects stores objects before the first request. Each is a typed API
// object or a map[string]any with apiVersion and kind; starting fails when
// one cannot be stored.
func WithObjects(objs ...any) Option {
	return func(o *options) { o.objects = append(o.objects, objs...) }
}

// Start starts a server for t and stops it when t ends; it fails t when
// the server cannot start. Authentication is optional unless an auth option
// is given; a client certificate signed by the server's CA always
// identifies its caller.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := New(opts...)
	if err != nil {
		t.Fatalf("start test server: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// New starts a server outside a test (an example, a benchmark's setup);
// the caller must Close it.
func New(opts ...Option) (*Server, error) {
	s := &Server{store: newStore(), api: newAPIResources()}
	for _, opt := range opts {
		opt(&s.opts)
	}
	var err error
	if s.ca, err = newCA("kubeworkbook-testserver-ca"); err != nil {
		return nil, err
	}
	serving, err := s.ca.servingCert()
	if err != nil {
		return nil, err
	}
	if s.client, err = s.ca.clientCert("kubeworkbook-test-user", "system:masters"); err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AddCert(s.ca.cert)

	s.http = httptest.NewUnstartedServer(s)
	s.http.TLS = &tls.Config{
		Certificates: []tls.Certificate{serving},
		// A certificate is optional, but one that is presented must chain
		// to the CA, or the handshake fails as on a real API server.
		ClientAuth: tls.VerifyClientCertIfGiven,
		ClientCAs:  pool,
		MinVersion: tls.VersionTLS12,
	}
	s.http.StartTLS()
	s.URL = s.http.URL

	s.seedNamespaces()
	for _, obj := range s.opts.objects {
		if _, err := s.Create(obj); err != nil {
			s.Close()
			return nil, fmt.Errorf("store object: %w", err)
		}
	}
	return s, nil
}

// Close stops the server and ends open watches. It is called automatically
// when the test ends.
func (s *Server) Close() {
	s.http.CloseClientConnections()
	s.http.Close()
}

// CAData returns the PEM certificate of the CA that signed the server's and
// the clients' certificates - a kubeconfig's certificate-authority-data.
func (s *Server) CAData() []byte { return s.ca.certPEM }

// ClientCert returns the client certificate minted at start, for user
// "kubeworkbook-test-user" in group "system:masters".
func (s *Server) ClientCert() ClientCert { return s.client }

// MintClientCert returns a new client certificate the server trusts, for
// user cn in groups orgs.
func (s *Server) MintClientCert(cn string, orgs ...string) (ClientCert, error) {
	return s.ca.clientCert(cn, orgs...)
}

// ServeHTTP handles one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeStatus(w, errBadRequest("read request body: "+err.Error()))
		return
	}
	user, groups, method := s.authenticate(r)
	s.rec.add(Request{
		Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(),
		Body: body, User: user, Groups: groups, AuthMethod: method,
	})
	if method == "" && s.authRequired() {
		writeStatus(w, errUnauthorized())
		return
	}
	if f, ok := s.faults.take(r); ok {
		f.fail(w)
		return
	}

	switch p := r.URL.Path; {
	case p == "/version":
		s.serveVersion(w, r)
	case p == "/openapi/v3" || strings.HasPrefix(p, "/openapi/v3/"):
		s.serveOpenAPI(w, r)
	case s.serveDiscovery(w, r):
	default:
		s.serveObjects(w, r, body)
	}
}

// authRequired reports whether anonymous requests are refused.
func (s *Server) authRequired() bool {
	return s.opts.certAuth || len(s.opts.tokens) > 0 || len(s.opts.basic) > 0
}

// authenticate returns who made r, trying the credential kinds in the API
// server's order: client certificate, bearer token, basic auth. method is
// "" when none was accepted.
func (s *Server) authenticate(r *http.Request) (user string, groups []string, method string) {
	if r.TLS != nil && len(r.TLS.VerifiedChains) > 0 {
		leaf := r.TLS.VerifiedChains[0][0]
		return leaf.Subject.CommonName, leaf.Subject.Organization, AuthX509
	}
	if tok, ok := bearerToken(r); ok {
		for want, u := range s.opts.tokens {
			if subtle.ConstantTimeCompare([]byte(tok), []byte(want)) == 1 {
				return u, nil, AuthToken
			}
		}
	}
	if u, p, ok := r.BasicAuth(); ok {
		if want, known := s.opts.basic[u]; known && subtle.ConstantTimeCompare([]byte(p), []byte(want)) == 1 {
			return u, nil, AuthBasic
		}
	}
	return "", nil, ""
}

func bearerToken(r *http.Request) (string, bool) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return tok, ok && tok != ""
}
