package server

import (
	"bytes"
	"context"
	"flag"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
	"k8s.io/klog/v2"
)

// Every handler below withRequestInfo finds the request parsed; a path
// that cannot be parsed gets upstream's 500.
func TestWithRequestInfo(t *testing.T) {
	var seen *endpoints.RequestInfo
	h := withRequestInfo(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen, _ = endpoints.RequestInfoFrom(r.Context())
	}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/apis/apps/v1/namespaces/default/deployments/nginx", nil))
	if seen == nil || !seen.IsResourceRequest || seen.Resource != "deployments" || seen.Name != "nginx" || seen.Verb != "get" {
		t.Errorf("RequestInfo = %+v, want a get of deployments/nginx", seen)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/watch", nil))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), `"reason":"InternalError"`) {
		t.Errorf("unparsable path: %d %s, want a 500 InternalError Status", rec.Code, rec.Body)
	}
}

// When shutdown begins, long-running requests lose their context and
// end; short ones keep it and are drained by http.Server.Shutdown.
func TestEndLongRunning(t *testing.T) {
	tests := []struct {
		name      string
		path      string
		wantEnded bool
	}{
		{"watch", "/api/v1/namespaces/default/pods?watch=true", true},
		{"log stream", "/api/v1/namespaces/default/pods/web/log?follow=true", true},
		{"list", "/api/v1/namespaces/default/pods", false},
		{"health", "/readyz", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			shutdown, cancel := context.WithCancel(context.Background())
			ended := make(chan bool, 1)
			h := withRequestInfo(endLongRunning(shutdown, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				cancel() // shutdown begins while the request is in flight
				select {
				case <-r.Context().Done():
					ended <- true
				case <-time.After(200 * time.Millisecond):
					ended <- false
				}
			})))
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, tc.path, nil))
			if got := <-ended; got != tc.wantEnded {
				t.Errorf("request context ended: %v, want %v", got, tc.wantEnded)
			}
		})
	}
}

// At -v 4 every request logs one line shaped like upstream's httplog,
// including those the chain refuses before any handler.
func TestAccessLog(t *testing.T) {
	var buf bytes.Buffer
	fs := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(fs)
	_ = fs.Set("v", "4")
	_ = fs.Set("logtostderr", "false")
	klog.SetOutput(&buf)
	t.Cleanup(func() {
		_ = fs.Set("v", "0")
		_ = fs.Set("logtostderr", "true")
		klog.SetOutput(nil)
	})
	s := startServer(t, testConfig(t))
	mustDo(t, client(t, s), s, http.MethodGet, "/apis/apps/v1/namespaces/default/deployments", "", http.StatusOK)
	mustDo(t, identityClient(t, s, "nobody"), s, http.MethodGet, "/api/v1/namespaces/default/secrets", "", http.StatusForbidden)
	klog.Flush()
	lines := strings.Split(buf.String(), "\n")
	for _, want := range [][]string{
		{`"HTTP"`, `verb="LIST"`, `URI="/apis/apps/v1/namespaces/default/deployments"`, "latency=", "audit-ID=", "resp=200"},
		{`"HTTP"`, `verb="LIST"`, `URI="/api/v1/namespaces/default/secrets"`, "resp=403"},
	} {
		found := slices.ContainsFunc(lines, func(l string) bool {
			return !slices.ContainsFunc(want, func(w string) bool { return !strings.Contains(l, w) })
		})
		if !found {
			t.Errorf("no log line with all of %q", want)
		}
	}
}
