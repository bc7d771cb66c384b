package discovery

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// acceptAggregated is what current clients send to /api and /apis.
const acceptAggregated = ContentTypeAggregated + "," + ContentTypeJSON

// newMux mounts a Handler at its patterns beside a resource handler on
// the /api/ and /apis/ subtrees, as the server does; the resource handler
// answers 418 so a test sees which of the two got the request.
func newMux(t *testing.T) *http.ServeMux {
	t.Helper()
	mux := http.NewServeMux()
	h := New(Options{ExternalAddress: "127.0.0.1:6443"})
	for _, p := range h.Patterns() {
		mux.Handle(p, h)
	}
	resources := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	mux.Handle("/api/", resources)
	mux.Handle("/apis/", resources)
	return mux
}

func get(t *testing.T, mux http.Handler, method, path, accept string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	return rec
}

// Talk 000, "API discovery": the documents a client reads to map a kind to
// its group, version and resource equal what shared/scheme derives.
func TestDiscoveryDocuments(t *testing.T) {
	mux := newMux(t)
	coreList, _ := scheme.APIResourceList("v1")
	appsList, _ := scheme.APIResourceList("apps/v1")
	appsGroup, _ := scheme.APIGroup("apps")
	tests := []struct {
		name, path, accept string
		wantType           string
		into               func() any
		want               any
	}{
		{"api legacy", "/api", "", ContentTypeJSON,
			func() any { return &metav1.APIVersions{} }, scheme.APIVersions("127.0.0.1:6443")},
		{"apis legacy", "/apis", ContentTypeJSON, ContentTypeJSON,
			func() any { return &metav1.APIGroupList{} }, scheme.APIGroupList()},
		{"api aggregated", "/api", acceptAggregated, ContentTypeAggregated,
			func() any { return &metav1.APIGroupDiscoveryList{} }, scheme.AggregatedDiscovery(true)},
		{"apis aggregated", "/apis", acceptAggregated, ContentTypeAggregated,
			func() any { return &metav1.APIGroupDiscoveryList{} }, scheme.AggregatedDiscovery(false)},
		{"group", "/apis/apps", "", ContentTypeJSON,
			func() any { return &metav1.APIGroup{} }, appsGroup},
		{"core resources", "/api/v1", acceptAggregated, ContentTypeJSON,
			func() any { return &metav1.APIResourceList{} }, coreList},
		{"group resources", "/apis/apps/v1", "", ContentTypeJSON,
			func() any { return &metav1.APIResourceList{} }, appsList},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := get(t, mux, http.MethodGet, tc.path, tc.accept)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s: code %d, body %s", tc.path, rec.Code, rec.Body)
			}
			if got := rec.Header().Get("Content-Type"); got != tc.wantType {
				t.Errorf("Content-Type = %q, want %q", got, tc.wantType)
			}
			got := tc.into()
			if err := json.Unmarshal(rec.Body.Bytes(), got); err != nil {
				t.Fatalf("decode: %v", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("GET %s (-scheme +served):\n%s", tc.path, diff)
			}
		})
	}
}

// The aggregated documents carry an ETag, and a client revalidating its
// cached copy gets 304 with no body; both forms of a root vary by Accept.
func TestAggregatedETag(t *testing.T) {
	mux := newMux(t)
	first := get(t, mux, http.MethodGet, "/apis", acceptAggregated)
	etag := first.Header().Get("ETag")
	if len(etag) != 2+128 || etag[0] != '"' {
		t.Fatalf("ETag = %q, want a quoted SHA-512 in hex", etag)
	}
	if v := first.Header().Get("Vary"); v != "Accept" {
		t.Errorf("Vary = %q, want Accept", v)
	}
	req := httptest.NewRequest(http.MethodGet, "/apis", nil)
	req.Header.Set("Accept", acceptAggregated)
	req.Header.Set("If-None-Match", etag)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Errorf("revalidation: code %d with %d bytes, want 304 and no body", rec.Code, rec.Body.Len())
	}
	if core := get(t, mux, http.MethodGet, "/api", acceptAggregated).Header().Get("ETag"); core == etag {
		t.Errorf("/api and /apis share ETag %s; their documents differ", etag)
	}
	if legacy := get(t, mux, http.MethodGet, "/apis", ""); legacy.Header().Get("Vary") != "Accept" {
		t.Errorf("legacy /apis: Vary = %q, want Accept", legacy.Header().Get("Vary"))
	}
}

// Paths and methods discovery does not serve: unknown groups and versions
// get upstream's 404 Status, resource paths go to the resource handler.
func TestDiscoveryRouting(t *testing.T) {
	mux := newMux(t)
	tests := []struct {
		name, method, path, accept string
		wantCode                   int
		wantReason                 metav1.StatusReason
	}{
		{"unknown group", http.MethodGet, "/apis/example.com", "", http.StatusNotFound, metav1.StatusReasonNotFound},
		{"unknown version", http.MethodGet, "/apis/apps/v9", "", http.StatusNotFound, metav1.StatusReasonNotFound},
		{"unknown core version", http.MethodGet, "/api/v2", "", http.StatusTeapot, ""},
		{"resource path", http.MethodGet, "/apis/apps/v1/deployments", "", http.StatusTeapot, ""},
		{"write to discovery", http.MethodPost, "/apis", "", http.StatusMethodNotAllowed, metav1.StatusReasonMethodNotAllowed},
		{"yaml only", http.MethodGet, "/apis", "application/yaml", http.StatusNotAcceptable, metav1.StatusReasonNotAcceptable},
		{"head", http.MethodHead, "/apis/apps/v1", "", http.StatusOK, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := get(t, mux, tc.method, tc.path, tc.accept)
			if rec.Code != tc.wantCode {
				t.Fatalf("%s %s: code %d, want %d; body %s", tc.method, tc.path, rec.Code, tc.wantCode, rec.Body)
			}
			if tc.wantReason == "" {
				return
			}
			var s metav1.Status
			if err := json.Unmarshal(rec.Body.Bytes(), &s); err != nil {
				t.Fatalf("decode Status: %v", err)
			}
			if s.Kind != "Status" || s.Reason != tc.wantReason || s.Code != int32(tc.wantCode) {
				t.Errorf("Status = %+v, want reason %s code %d", s, tc.wantReason, tc.wantCode)
			}
		})
	}
}

// Upstream's exact answer to an unknown path below /apis.
func TestNotFoundBody(t *testing.T) {
	rec := get(t, newMux(t), http.MethodGet, "/apis/example.com/v1", "")
	want := `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",` +
		`"message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}` + "\n"
	if got := rec.Body.String(); got != want {
		t.Errorf("body:\n got %s\nwant %s", got, want)
	}
}

// With no ExternalAddress, /api reports the address the client dialled.
func TestAPIVersionsHost(t *testing.T) {
	req := httptest.NewRequest(http.MethodGet, "https://10.0.0.5:6443/api", nil)
	rec := httptest.NewRecorder()
	New(Options{}).ServeHTTP(rec, req)
	var v metav1.APIVersions
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if got := v.ServerAddressByClientCIDRs[0].ServerAddress; got != "10.0.0.5:6443" {
		t.Errorf("serverAddress = %q, want 10.0.0.5:6443", got)
	}
}
