// Metrics: what /metrics reports about the requests the server answered,
// in upstream's metric names and labels, so dashboards and alerts written
// for a real cluster read this one too.
//
// Interface:
//   - newMetrics(): a private Prometheus registry with the collectors below,
//     and Go and process metrics; (*metrics).handler serves it.
//   - metrics implements endpoints.Observer: the resource handler reports
//     each resource request and watch stream to it.
//   - (*metrics).instrumentPath(next): counts and times the requests
//     outside the resources (discovery, health, OpenAPI).
//
// The series:
//
//	apiserver_request_total{verb,dry_run,group,version,resource,subresource,scope,component,code}
//	apiserver_request_duration_seconds{verb,dry_run,group,version,resource,subresource,scope,component}
//	apiserver_longrunning_requests{verb,group,version,resource,subresource,scope,component}
//	etcd_request_duration_seconds{operation,type}   (etcdmetrics.go)
//
// Labels follow upstream: verb is LIST, WATCH, GET, POST, PUT, PATCH,
// APPLY, DELETE, DELETECOLLECTION or CONNECT for a resource request; a
// request outside the resources (/readyz, /apis) has verb GET, its path in
// subresource and the other labels empty. The registry is per server, so
// tests can run several servers in one process.
package server

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
)

// component is the value of the component label on resource requests.
const component = "apiserver"

// latencyBuckets are upstream's buckets for request and etcd latencies,
// in seconds.
var latencyBuckets = []float64{0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60}

// metrics holds the server's collectors. Safe for concurrent use.
type metrics struct {
	registry    *prometheus.Registry
	requests    *prometheus.CounterVec
	latencies   *prometheus.HistogramVec
	longRunning *prometheus.GaugeVec
	etcd        *prometheus.HistogramVec
}

func newMetrics() *metrics {
	labels := []string{"verb", "dry_run", "group", "version", "resource", "subresource", "scope", "component"}
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "apiserver_request_total",
			Help: "Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.",
		}, append(slices.Clone(labels), "code")),
		latencies: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "apiserver_request_duration_seconds",
			Help:    "Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component; watches and other long-running requests are left out.",
			Buckets: latencyBuckets,
		}, labels),
		longRunning: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "apiserver_longrunning_requests",
			Help: "Gauge of all active long-running apiserver requests broken out by verb, group, version, resource, scope and component.",
		}, []string{"verb", "group", "version", "resource", "subresource", "scope", "component"}),
		etcd: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "etcd_request_duration_seconds",
			Help:    "Etcd request latency in seconds for each operation and object type.",
			Buckets: latencyBuckets,
		}, []string{"operation", "type"}),
	}
	m.registry.MustRegister(m.requests, m.latencies, m.longRunning, m.etcd,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// handler serves the registry in Prometheus' text format at /metrics.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

var _ endpoints.Observer = (*metrics)(nil)

// RequestStarted is part of endpoints.Observer. Nothing is counted at the
// start: a request is counted once, by its code, when it finishes.
func (m *metrics) RequestStarted(endpoints.Labels) {}

// RequestFinished counts a resource request and, unless it was a watch
// (whose duration is how long its client stayed), records its latency.
func (m *metrics) RequestFinished(l endpoints.Labels, code int, d time.Duration) {
	values := resourceLabels(l)
	m.requests.WithLabelValues(append(values, strconv.Itoa(code))...).Inc()
	if l.Verb != "WATCH" && l.Verb != "CONNECT" {
		m.latencies.WithLabelValues(values...).Observe(d.Seconds())
	}
}

// WatchOpened and WatchClosed keep apiserver_longrunning_requests: the
// number of watch streams open now.
func (m *metrics) WatchOpened(l endpoints.Labels) { m.watchGauge(l).Inc() }

func (m *metrics) WatchClosed(l endpoints.Labels, _ time.Duration) { m.watchGauge(l).Dec() }

func (m *metrics) watchGauge(l endpoints.Labels) prometheus.Gauge {
	v := resourceLabels(l)
	return m.longRunning.WithLabelValues(v[0], v[2], v[3], v[4], v[5], v[6], v[7])
}

// resourceLabels are the label values of a resource request, in the order
// of apiserver_request_duration_seconds. A resource the table does not
// have is counted with its name left out, so requests for made-up names
// cannot grow the number of series without bound.
func resourceLabels(l endpoints.Labels) []string {
	resource, subresource := l.Resource, l.Subresource
	if _, ok := scheme.ByResource(l.Group, l.Resource); !ok {
		resource, subresource = "", ""
	}
	return []string{l.Verb, l.DryRun, l.Group, l.Version, resource, subresource, l.Scope, component}
}

// instrumentPath counts and times the requests of a handler outside the
// resources (/readyz, /apis, /openapi/v2), labelled as upstream labels
// them: verb GET, the path as subresource, everything else empty. A 404
// is labelled "other" rather than with its path, for the same reason as
// in resourceLabels.
func (m *metrics) instrumentPath(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(rec, r)
		path := r.URL.Path
		if rec.code == http.StatusNotFound {
			path = "other"
		}
		values := []string{r.Method, "", "", "", "", path, "", ""}
		m.requests.WithLabelValues(append(values, strconv.Itoa(rec.code))...).Inc()
		m.latencies.WithLabelValues(values...).Observe(time.Since(start).Seconds())
	})
}

// statusRecorder remembers the status code written through it.
type statusRecorder struct {
	http.ResponseWriter
	code        int
	wroteHeader bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wroteHeader {
		s.code, s.wroteHeader = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wroteHeader = true
	return s.ResponseWriter.Write(b)
}

// Flush passes through, for watch streams behind the access log.
func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
