package server

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
)

// scrape returns m's exposition text, as GET /metrics serves it.
func scrape(t *testing.T, m *metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	return rec.Body.String()
}

// sample returns the value of the series written exactly as series (name
// and labels in the exposition's sorted order), and whether it is there.
func sample(text, series string) (float64, bool) {
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), series+" "); ok {
			v, err := strconv.ParseFloat(rest, 64)
			return v, err == nil
		}
	}
	return 0, false
}

// Resource requests are counted with upstream's labels; a made-up
// resource is counted without its name; watches are gauged while open.
func TestObserver(t *testing.T) {
	m := newMetrics()
	list := endpoints.Labels{Verb: "LIST", Version: "v1", Resource: "pods", Scope: "cluster"}
	m.RequestFinished(list, 200, 3*time.Millisecond)
	m.RequestFinished(endpoints.Labels{Verb: "GET", Version: "v1", Resource: "nosuchthings", Scope: "cluster"}, 404, time.Millisecond)
	m.RequestFinished(endpoints.Labels{Verb: "POST", Version: "v1", Resource: "configmaps", Scope: "resource", DryRun: "All"}, 201, time.Millisecond)
	watch := endpoints.Labels{Verb: "WATCH", Group: "apps", Version: "v1", Resource: "deployments", Scope: "namespace"}
	m.WatchOpened(watch)
	m.WatchOpened(watch)
	m.WatchClosed(watch, time.Minute)

	text := scrape(t, m)
	tests := []struct {
		name, series string
		want         float64
	}{
		{"count by code", `apiserver_request_total{code="200",component="apiserver",dry_run="",group="",resource="pods",scope="cluster",subresource="",verb="LIST",version="v1"}`, 1},
		{"latency", `apiserver_request_duration_seconds_count{component="apiserver",dry_run="",group="",resource="pods",scope="cluster",subresource="",verb="LIST",version="v1"}`, 1},
		{"unknown resource", `apiserver_request_total{code="404",component="apiserver",dry_run="",group="",resource="",scope="cluster",subresource="",verb="GET",version="v1"}`, 1},
		{"dry run", `apiserver_request_total{code="201",component="apiserver",dry_run="All",group="",resource="configmaps",scope="resource",subresource="",verb="POST",version="v1"}`, 1},
		{"open watches", `apiserver_longrunning_requests{component="apiserver",group="apps",resource="deployments",scope="namespace",subresource="",verb="WATCH",version="v1"}`, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, ok := sample(text, tc.series); !ok || got != tc.want {
				t.Errorf("%s = %v (present %v), want %v", tc.series, got, ok, tc.want)
			}
		})
	}
}

// A running server counts resource requests with their resource, paths
// outside the API by path (404s under one label, so random paths add no
// series), and etcd calls by operation: the bootstrap hook created the
// namespaces.
func TestServerMetrics(t *testing.T) {
	s := startServer(t, testConfig(t))
	c := client(t, s)
	do(t, c, s, http.MethodGet, "/readyz", "")
	do(t, c, s, http.MethodGet, "/no/such/path", "")
	do(t, c, s, http.MethodGet, "/another/one", "")
	do(t, c, s, http.MethodGet, "/api/v1/namespaces", "")
	_, text := do(t, c, s, http.MethodGet, "/metrics", "")
	tests := []struct {
		name, series string
		atLeast      float64
	}{
		{"path", `apiserver_request_total{code="200",component="",dry_run="",group="",resource="",scope="",subresource="/readyz",verb="GET",version=""}`, 1},
		{"unknown paths", `apiserver_request_total{code="404",component="",dry_run="",group="",resource="",scope="",subresource="other",verb="GET",version=""}`, 2},
		{"resource list", `apiserver_request_total{code="200",component="apiserver",dry_run="",group="",resource="namespaces",scope="cluster",subresource="",verb="LIST",version="v1"}`, 1},
		{"etcd create", `etcd_request_duration_seconds_count{operation="create",type="namespaces"}`, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, ok := sample(text, tc.series); !ok || got < tc.atLeast {
				t.Errorf("%s = %v (present %v), want at least %v", tc.series, got, ok, tc.atLeast)
			}
		})
	}
}
