package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
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
