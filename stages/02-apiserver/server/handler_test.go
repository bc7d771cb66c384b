package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/discovery"
)

// Which handler answers which path: each row is one route of handler.go.
func TestRoutes(t *testing.T) {
	s := startServer(t, testConfig(t))
	c := client(t, s)
	aggregated := "Accept: " + discovery.ContentTypeAggregated + ",application/json"
	tests := []struct {
		name, method, path, header string
		wantCode                   int
		wantType                   string
		wantBody                   string // a substring
	}{
		{"core discovery", http.MethodGet, "/api", "", 200, "application/json", `"kind":"APIVersions"`},
		{"named groups, aggregated", http.MethodGet, "/apis", aggregated, 200, discovery.ContentTypeAggregated, `"kind":"APIGroupDiscoveryList"`},
		{"group version", http.MethodGet, "/apis/apps/v1", "", 200, "application/json", `"groupVersion":"apps/v1"`},
		{"unknown group", http.MethodGet, "/apis/example.com/v1", "", 404, "application/json", "the server could not find the requested resource"},
		{"version", "GET", "/version", "", 200, "application/json", `"gitVersion":"` + discovery.GitVersion + `"`},
		{"openapi v2", "GET", "/openapi/v2", "Accept: application/json", 200, "application/json", `"swagger":"2.0"`},
		{"openapi v3 index", "GET", "/openapi/v3", "", 200, "application/json", `"apis/apps/v1"`},
		{"livez", "GET", "/livez", "", 200, "text/plain; charset=utf-8", "ok"},
		{"metrics", "GET", "/metrics", "", 200, "text/plain", "apiserver_request_total"},
		{"outside the API", "GET", "/foo", "", 404, "text/plain; charset=utf-8", "404 page not found"},
		{"watch path with no resource", http.MethodGet, "/api/v1/watch", "", 500, "application/json", "failed to create RequestInfo"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var header []string
			if tc.header != "" {
				header = append(header, tc.header)
			}
			resp, body := do(t, c, s, tc.method, tc.path, "", header...)
			if resp.StatusCode != tc.wantCode {
				t.Fatalf("%s %s: code %d, want %d; body %.300s", tc.method, tc.path, resp.StatusCode, tc.wantCode, body)
			}
			if got := resp.Header.Get("Content-Type"); !strings.HasPrefix(got, tc.wantType) {
				t.Errorf("Content-Type = %q, want %q", got, tc.wantType)
			}
			if !strings.Contains(body, tc.wantBody) {
				t.Errorf("body %.300s does not contain %q", body, tc.wantBody)
			}
		})
	}
}

// Talk 000, "API discovery": what a running server publishes is what
// shared/scheme derives, in both forms, with the server's own address in
// /api.
func TestServedDiscovery(t *testing.T) {
	s := startServer(t, testConfig(t))
	c := client(t, s)
	decode := func(path, accept string, into any) {
		t.Helper()
		resp, body := do(t, c, s, http.MethodGet, path, "", "Accept: "+accept)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
		}
		if err := json.Unmarshal([]byte(body), into); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
	}
	var versions metav1.APIVersions
	decode("/api", "application/json", &versions)
	if diff := cmp.Diff(scheme.APIVersions(s.Addr()), &versions); diff != "" {
		t.Errorf("/api (-want +got):\n%s", diff)
	}
	for _, core := range []bool{true, false} {
		path := map[bool]string{true: "/api", false: "/apis"}[core]
		var list metav1.APIGroupDiscoveryList
		decode(path, discovery.ContentTypeAggregated, &list)
		if diff := cmp.Diff(scheme.AggregatedDiscovery(core), &list); diff != "" {
			t.Errorf("aggregated %s (-want +got):\n%s", path, diff)
		}
	}
	for _, gv := range scheme.Groups() {
		path := "/apis/" + gv.String()
		if gv.Group == "" {
			path = "/api/" + gv.Version
		}
		want, _ := scheme.APIResourceList(gv.String())
		var got metav1.APIResourceList
		decode(path, "application/json", &got)
		if diff := cmp.Diff(want, &got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", path, diff)
		}
	}
}
