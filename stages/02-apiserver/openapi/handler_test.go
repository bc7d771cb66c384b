package openapi

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

// Talk 000, "API discovery → OpenAPI schema": kubectl fetches the index,
// then each document by its hashed URL, and caches what it got. These rows
// are the exchanges it (and client-go) relies on.
func TestHandler(t *testing.T) {
	s := served()
	apps := s.v3["apis/apps/v1"]
	tests := []struct {
		name     string
		method   string
		target   string
		header   http.Header
		wantCode int
		wantBody []byte            // nil: not checked
		wantHdr  map[string]string // "" value: header must be absent
	}{
		{name: "index", target: "/openapi/v3", wantCode: 200, wantBody: s.V3Index(),
			wantHdr: map[string]string{"Content-Type": "application/json", "ETag": strconv.Quote(s.index.hash), "Cache-Control": ""}},
		{name: "document without hash", target: "/openapi/v3/apis/apps/v1", wantCode: 200, wantBody: apps.data,
			wantHdr: map[string]string{"ETag": strconv.Quote(apps.hash), "Vary": "Accept", "Cache-Control": ""}},
		{name: "document by its current hash is immutable", target: "/openapi/v3/apis/apps/v1?hash=" + apps.hash, wantCode: 200, wantBody: apps.data,
			wantHdr: map[string]string{"Cache-Control": "public, immutable", "ETag": strconv.Quote(apps.hash)}},
		{name: "stale hash redirects to the current one", target: "/openapi/v3/apis/apps/v1?hash=0123", wantCode: 301,
			wantHdr: map[string]string{"Location": "/openapi/v3/apis/apps/v1?hash=" + apps.hash, "Cache-Control": ""}},
		{name: "cached copy still current", target: "/openapi/v3/apis/apps/v1",
			header: http.Header{"If-None-Match": {strconv.Quote(apps.hash)}}, wantCode: 304},
		{name: "json accepted", target: "/openapi/v3/api/v1", header: http.Header{"Accept": {"application/json"}}, wantCode: 200},
		{name: "json among others", target: "/openapi/v3/api/v1",
			header: http.Header{"Accept": {"application/com.github.proto-openapi.spec.v3@v1.0+protobuf, application/json;q=0.9"}}, wantCode: 200},
		{name: "protobuf only is not acceptable", target: "/openapi/v3/api/v1",
			header: http.Header{"Accept": {"application/com.github.proto-openapi.spec.v3@v1.0+protobuf"}}, wantCode: 406},
		{name: "json refused with q=0", target: "/openapi/v2", header: http.Header{"Accept": {"application/json;q=0"}}, wantCode: 406},
		{name: "v2 protobuf, as client-go asks, is not acceptable", target: "/openapi/v2",
			header: http.Header{"Accept": {"application/com.github.proto-openapi.spec.v2@v1.0+protobuf"}}, wantCode: 406},
		{name: "v2", target: "/openapi/v2", header: http.Header{"Accept": {"*/*"}}, wantCode: 200, wantBody: s.V2(),
			wantHdr: map[string]string{"ETag": strconv.Quote(s.v2.hash), "Vary": "Accept", "Content-Type": "application/json"}},
		{name: "head", method: http.MethodHead, target: "/openapi/v2", wantCode: 200, wantBody: []byte{}},
		{name: "unknown group-version", target: "/openapi/v3/apis/example.com/v1", wantCode: 404},
		{name: "unknown path", target: "/openapi/v4", wantCode: 404},
		{name: "post", method: http.MethodPost, target: "/openapi/v3", wantCode: 405, wantHdr: map[string]string{"Allow": "GET, HEAD"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			method := tc.method
			if method == "" {
				method = http.MethodGet
			}
			req := httptest.NewRequest(method, tc.target, nil)
			for k, v := range tc.header {
				req.Header[k] = v
			}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			res := rec.Result()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tc.wantCode {
				t.Fatalf("status %d, want %d (body %.200s)", res.StatusCode, tc.wantCode, body)
			}
			if tc.wantBody != nil && !bytes.Equal(body, tc.wantBody) {
				t.Errorf("body differs from the document (%d bytes, want %d)", len(body), len(tc.wantBody))
			}
			for k, want := range tc.wantHdr {
				if got := res.Header.Get(k); got != want {
					t.Errorf("%s: %q, want %q", k, got, want)
				}
			}
		})
	}
}

// A document fetched by its hash may be cached for a year.
func TestImmutableExpires(t *testing.T) {
	s := served()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/openapi/v3/api/v1?hash="+s.v3["api/v1"].hash, nil))
	expires, err := http.ParseTime(rec.Header().Get("Expires"))
	if err != nil {
		t.Fatalf("Expires %q: %v", rec.Header().Get("Expires"), err)
	}
	if until := time.Until(expires); until < 364*24*time.Hour || until > 367*24*time.Hour {
		t.Errorf("Expires is %v away, want a year", until)
	}
}
