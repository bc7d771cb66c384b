package endpoints

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints/internal/fakeregistry"
)

// testNow is the clock of test servers: managedFields times are fixed,
// and objects created by the fake registry are a day old.
var testNow = time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)

// testServer is the handler over a fake registry, behind a real HTTP
// server so that chunked watch streams are read as a client reads them.
type testServer struct {
	t   *testing.T
	reg *fakeregistry.Registry
	srv *httptest.Server
}

func newTestServer(t *testing.T, opts Options) *testServer {
	t.Helper()
	reg := fakeregistry.New()
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	srv := httptest.NewServer(New(reg, opts))
	t.Cleanup(srv.Close)
	return &testServer{t: t, reg: reg, srv: srv}
}

// call is one request of a test.
type call struct {
	method, path, body string
	// header holds "Name: value" lines; Content-Type defaults to JSON
	// when there is a body.
	header []string
}

// response is what came back.
type response struct {
	code   int
	header http.Header
	body   []byte
}

// do sends c and reads the whole response.
func (s *testServer) do(c call) response {
	s.t.Helper()
	req, err := http.NewRequest(c.method, s.srv.URL+c.path, strings.NewReader(c.body))
	if err != nil {
		s.t.Fatalf("new request: %v", err)
	}
	if c.body != "" {
		req.Header.Set("Content-Type", mediaJSON)
	}
	for _, h := range c.header {
		k, v, _ := strings.Cut(h, ":")
		req.Header.Set(k, strings.TrimSpace(v))
	}
	resp, err := s.srv.Client().Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", c.method, c.path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatalf("read %s %s: %v", c.method, c.path, err)
	}
	return response{code: resp.StatusCode, header: resp.Header, body: body}
}

// mustDo sends c and fails the test unless the code is want.
func (s *testServer) mustDo(c call, want int) response {
	s.t.Helper()
	r := s.do(c)
	if r.code != want {
		s.t.Fatalf("%s %s = %d, want %d: %s", c.method, c.path, r.code, want, r.body)
	}
	return r
}

// status decodes a Status body.
func (r response) status(t *testing.T) metav1.Status {
	t.Helper()
	var s metav1.Status
	if err := json.Unmarshal(r.body, &s); err != nil {
		t.Fatalf("decode status %s: %v", r.body, err)
	}
	return s
}

// object decodes a JSON body into a map.
func (r response) object(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
	return m
}

// Fixtures: the manifests of talk 004's example Deployment and a pod.
const (
	deploymentsPath = "/apis/apps/v1/namespaces/default/deployments"
	podsPath        = "/api/v1/namespaces/default/pods"
)

func deploymentJSON(name string) string {
	return `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"` + name + `","labels":{"app":"` + name + `"}},
"spec":{"replicas":3,"selector":{"matchLabels":{"app":"` + name + `"}},
"template":{"metadata":{"labels":{"app":"` + name + `"}},"spec":{"containers":[{"name":"` + name + `","image":"` + name + `:1.0.0","ports":[{"containerPort":80}]}]}}}}`
}

func podJSON(name, node string) string {
	return `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"` + name + `","labels":{"app":"web"}},
"spec":{"nodeName":"` + node + `","containers":[{"name":"web","image":"nginx:1.27"}]}}`
}

// create POSTs body to path and fails unless it is created.
func (s *testServer) create(path, body string) map[string]any {
	s.t.Helper()
	return s.mustDo(call{method: http.MethodPost, path: path, body: body}, http.StatusCreated).object(s.t)
}

// decodeInto decodes a JSON body into a typed object.
func decodeInto(body []byte, into any) error { return json.Unmarshal(body, into) }
