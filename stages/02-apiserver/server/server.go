// Server: start, serve, stop.
//
// Interface:
//   - Start(ctx, cfg): everything up to the first request (certificates,
//     etcd, the registry, the HTTPS listener, admin.kubeconfig and the
//     address file); the post-start hooks then run in the background.
//   - Run(ctx, cfg): Start, serve until ctx ends, then Close.
//   - (*Server).Addr, URL, KubeconfigPath, WaitReady, Close.
//
// The order of Start is the order of talk 004's picture read from the
// bottom: etcd first (the only state), then the registry that keeps
// objects in it, then the HTTPS front every component talks to (steps
// 2-9: "all requests go through this hub"). handler.go assembles what the
// listener serves.
package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"k8s.io/klog/v2"
)

// shutdownTimeout bounds how long Close waits for requests in flight.
const shutdownTimeout = 10 * time.Second

// Server is a running API server. Its methods are safe for concurrent
// use.
type Server struct {
	cfg  *Config
	etcd *etcdBackend
	api  *api
	// chain is the request chain's authenticator and authorizer
	// (chain.go).
	chain *requestChain
	// audit is the audit log's backend and policy (chain.go).
	audit auditLog
	http  *http.Server
	// addr is where clients reach the server, "127.0.0.1:6443".
	addr string
	// endpoint is addr parsed: the kubernetes Service's endpoint.
	endpoint netip.AddrPort
	// hooks run once the listener serves; ready is closed when all are
	// done.
	hooks []*postStartHook
	ready chan struct{}
	// shuttingDown fails readyz; shutdown is cancelled when Close begins,
	// ending the hooks and the long-running requests.
	shuttingDown   atomic.Bool
	shutdown       context.Context
	cancelShutdown context.CancelFunc
	// served receives the listener's result once it stops serving.
	served    chan error
	closeOnce sync.Once
	closeErr  error
}

// Start starts a server for cfg and returns once it listens. ctx bounds
// the start only (starting etcd can take seconds); stop the server with
// Close. On error nothing is left running.
func Start(ctx context.Context, cfg *Config) (_ *Server, err error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("create --data-dir: %w", err)
	}
	s := &Server{cfg: cfg, ready: make(chan struct{}), served: make(chan error, 1)}
	s.shutdown, s.cancelShutdown = context.WithCancel(context.Background())
	var cleanup []func() error
	defer func() {
		if err != nil {
			s.cancelShutdown()
			for i := len(cleanup) - 1; i >= 0; i-- {
				_ = cleanup[i]() // the start error is the one to report
			}
		}
	}()

	tlsConfig, ca, err := servingTLS(cfg)
	if err != nil {
		return nil, err
	}
	m := newMetrics()
	if s.etcd, err = openEtcd(ctx, cfg, m); err != nil {
		return nil, err
	}
	cleanup = append(cleanup, s.etcd.close)
	if s.api, err = newAPI(s.etcd.store, cfg, m); err != nil {
		return nil, err
	}
	cleanup = append(cleanup, s.api.close)

	ln, err := net.Listen("tcp", net.JoinHostPort(cfg.BindAddress, strconv.Itoa(cfg.SecurePort)))
	if err != nil {
		return nil, fmt.Errorf("listen on --bind-address %s --secure-port %d: %w", cfg.BindAddress, cfg.SecurePort, err)
	}
	cleanup = append(cleanup, ln.Close)
	s.addr = clientHost(ln.Addr().(*net.TCPAddr))
	if s.endpoint, err = advertisedEndpoint(cfg, s.addr); err != nil {
		return nil, err
	}
	if err := writeClientFiles(cfg.DataDir, s.addr, ca); err != nil {
		return nil, err
	}

	if s.chain, err = newRequestChain(cfg, ca, s.addr, s.api.registry); err != nil {
		return nil, err
	}
	if err := s.serveAPI(cfg, m, &cleanup); err != nil {
		return nil, err
	}
	s.hooks = []*postStartHook{
		{name: "bootstrap-namespaces", run: s.api.bootstrap},
		{name: "bootstrap-controller", run: func(ctx context.Context) error {
			return s.api.ensureKubernetesService(ctx, cfg.ServiceClusterIPRange, s.endpoint)
		}},
		{name: rbacBootstrapHook, run: s.api.ensureBootstrapPolicy},
	}
	s.http = &http.Server{
		Handler:           s.handler(m),
		TLSConfig:         tlsConfig,
		ReadHeaderTimeout: 30 * time.Second,
		ErrorLog:          klogWriter(),
	}
	go func() { s.served <- s.http.ServeTLS(ln, "", "") }()
	klog.Infof("Serving securely on %s", s.addr)
	go s.runHooks()
	return s, nil
}

// Run starts a server for cfg and serves until ctx ends or serving fails,
// then shuts it down.
func Run(ctx context.Context, cfg *Config) error {
	s, err := Start(ctx, cfg)
	if err != nil {
		return err
	}
	select {
	case <-ctx.Done():
		klog.Infof("shutting down: %v", context.Cause(ctx))
		return s.Close()
	case err := <-s.served:
		s.served <- err // for Close, which waits for it
		return errors.Join(fmt.Errorf("serve on %s: %w", s.addr, err), s.Close())
	}
}

// runHooks runs the post-start hooks one after another and closes ready
// when all have succeeded. It stops when shutdown begins.
func (s *Server) runHooks() {
	for _, h := range s.hooks {
		h.runUntilDone(s.shutdown)
		if !h.done.Load() {
			return
		}
	}
	close(s.ready)
	klog.Infof("%s ready", s.addr)
}

// Addr returns the "host:port" clients reach the server at, as written to
// DataDir/address.
func (s *Server) Addr() string { return s.addr }

// URL returns the server's base URL, "https://127.0.0.1:6443".
func (s *Server) URL() string { return "https://" + s.addr }

// KubeconfigPath returns the path of the admin kubeconfig.
func (s *Server) KubeconfigPath() string {
	return filepath.Join(s.cfg.DataDir, AdminKubeconfigFile)
}

// WaitReady blocks until every post-start hook has succeeded (what
// /readyz reports), or ctx ends.
func (s *Server) WaitReady(ctx context.Context) error {
	select {
	case <-s.ready:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("wait for the API server at %s to be ready: %w", s.addr, context.Cause(ctx))
	}
}

// Close shuts the server down gracefully: readyz starts failing, watches
// end, requests in flight get up to shutdownTimeout to finish, then the
// registry, the etcd client and the embedded etcd stop. The address file
// is removed, since nothing serves there any more. Calling Close again
// returns the first result.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.shuttingDown.Store(true)
		s.cancelShutdown()
		ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		var errs []error
		if err := s.http.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("shut down HTTPS server: %w", err))
		}
		if err := <-s.served; err != nil && !errors.Is(err, http.ErrServerClosed) {
			errs = append(errs, fmt.Errorf("serve on %s: %w", s.addr, err))
		}
		errs = append(errs, s.api.close(), s.etcd.close())
		if s.audit.close != nil {
			errs = append(errs, s.audit.close()) // after the last request's event
		}
		if err := os.Remove(filepath.Join(s.cfg.DataDir, AddressFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
		s.closeErr = errors.Join(errs...)
		klog.Infof("API server on %s stopped", s.addr)
	})
	return s.closeErr
}
