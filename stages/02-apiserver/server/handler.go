// Handler: which paths the server answers, and with what.
//
// Interface:
//   - (*Server).handler(m): the whole tree, filters included.
//   - klogWriter(): net/http's own error log, into klog.
//
// The tree, most specific pattern first:
//
//	/api, /api/v1, /apis, /apis/{g}, /apis/{g}/{v}   discovery (talk 000, "API discovery")
//	/version                                       discovery.VersionHandler
//	/openapi/v2, /openapi/v3, /openapi/v3/...      openapi.Spec (talk 000, "Client side validation")
//	/healthz, /livez, /readyz and their checks     health.go
//	/metrics                                       metrics.go
//	/.well-known/openid-configuration              service-account issuer discovery
//	/openid/v1/jwks                                (chain.go, issuerDiscovery)
//	/api/..., /apis/...                            endpoints: the resources (talk 004, steps 2-9)
//	anything else                                  404 page not found, as upstream
//
// Every request first passes the request chain (chain.go): panic
// recovery, request info, authentication, impersonation, authorization.
package server

import (
	"log"
	"net/http"
	"strings"

	"k8s.io/klog/v2"

	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/discovery"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/openapi"
)

// handler builds the server's handler tree. s.addr, s.etcd, s.api and
// s.hooks are set.
func (s *Server) handler(m *metrics) http.Handler {
	mux := http.NewServeMux()
	// Everything but the resources is counted here; the resource handler
	// reports to m itself, with the resource's labels.
	handle := func(pattern string, h http.Handler) { mux.Handle(pattern, m.instrumentPath(h)) }

	d := discovery.New(discovery.Options{ExternalAddress: s.addr})
	for _, p := range d.Patterns() {
		handle(p, d)
	}
	handle("/version", discovery.VersionHandler())
	spec := openapi.New(scheme.All(), discovery.GitVersion)
	for _, p := range []string{"/openapi/v2", "/openapi/v3", "/openapi/v3/"} {
		handle(p, spec)
	}
	for _, e := range s.healthEndpoints() {
		handle("GET /"+e.name, http.HandlerFunc(e.serveAll))
		handle("GET /"+e.name+"/", http.HandlerFunc(e.serveOne))
	}
	handle("GET /metrics", m.handler())
	mux.Handle("/api/", s.api.handler)
	mux.Handle("/apis/", s.api.handler)
	for path, h := range s.chain.issuerDiscovery() {
		handle("GET "+path, h)
	}
	handle("/", http.NotFoundHandler())
	return s.buildHandlerChain(mux)
}

// healthEndpoints are /healthz, /livez and /readyz with their checks.
// Only readyz fails during shutdown: the process is still alive, it just
// should not get new requests.
func (s *Server) healthEndpoints() []*healthEndpoint {
	common := []healthCheck{pingCheck(), etcdCheck(s.etcd.rawKV)}
	for _, h := range s.hooks {
		common = append(common, h.check())
	}
	return []*healthEndpoint{
		{name: "healthz", checks: common},
		{name: "livez", checks: common},
		{name: "readyz", checks: append(common[:len(common):len(common)], shutdownCheck(&s.shuttingDown))},
	}
}

// klogWriter routes net/http's error log (TLS handshakes that failed,
// mostly port scanners and clients that went away) to klog at -v=2.
func klogWriter() *log.Logger {
	return log.New(logFunc(func(p []byte) (int, error) {
		klog.V(2).Info(strings.TrimSuffix(string(p), "\n"))
		return len(p), nil
	}), "", 0)
}

type logFunc func(p []byte) (int, error)

func (f logFunc) Write(p []byte) (int, error) { return f(p) }
