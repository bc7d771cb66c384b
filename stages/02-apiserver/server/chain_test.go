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

	"k8s.io/klog/v2"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// Talk 001, "API Server Interactions": authentication, then audit,
// impersonation and authorization, in upstream's order, behind panic
// recovery and request info.
func TestFiltersOrder(t *testing.T) {
	s := &Server{chain: &requestChain{}}
	var got []string
	for _, f := range s.filters() {
		got = append(got, f.name)
	}
	want := []string{"panic recovery", "request info", "access log", "audit ID", "failed authentication audit", "authentication", "audit",
		"impersonation", "authorization", "long running"}
	if !slices.Equal(got, want) {
		t.Errorf("filters = %q, want %q", got, want)
	}
}

// A handler's panic is a 500 Status for its client and a stack in the
// log; the server keeps serving. net/http's deliberate abort is passed on.
func TestWithPanicRecovery(t *testing.T) {
	h := withPanicRecovery(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("broken invariant") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/pods", nil))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), `"reason":"InternalError"`) ||
		!strings.Contains(rec.Body.String(), panicMessage) {
		t.Errorf("panic answered %d %s, want a 500 InternalError Status with %q", rec.Code, rec.Body, panicMessage)
	}

	abort := withPanicRecovery(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }))
	defer func() {
		if p := recover(); p != http.ErrAbortHandler {
			t.Errorf("recovered %v, want http.ErrAbortHandler passed on", p)
		}
	}()
	abort.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
}

// Issue 5, "Making the chain visible": at -v 4 a decided request is one
// line naming the user, the authenticator, the request and the verdict.
func TestRequestLog(t *testing.T) {
	out := captureKlog(t, "4")
	viewer := user.Info{Name: "viewer", Groups: []string{user.AllAuthenticated}}
	r := httptest.NewRequest(http.MethodPost, "/api/v1/namespaces/default/configmaps", nil)
	ctx := authentication.WithResponse(context.Background(), &authentication.Response{User: viewer, Authenticator: authentication.NameX509})
	r = r.WithContext(ctx)
	attrs := authorizer.Attributes{User: viewer, Verb: "create", ResourceRequest: true, Namespace: "default", Resource: "configmaps"}
	logDecision(r, attrs, authorizer.Verdict{Decision: authorizer.DecisionNoOpinion})
	logUnauthenticated(httptest.NewRequest(http.MethodGet, "/api/v1/pods", nil), nil, authentication.ErrInvalidBearerToken)
	klog.Flush()

	// An error line is written once per severity at or below it (ERROR,
	// WARNING, INFO) when klog writes to one buffer: count it once.
	lines := slices.Compact(strings.Split(strings.TrimSpace(out.String()), "\n"))
	if len(lines) != 2 {
		t.Fatalf("logged %d lines, want 2:\n%s", len(lines), out)
	}
	for i, want := range [][]string{
		{`"Request"`, `user="viewer"`, `authenticator="x509"`, `verb="create"`, `resource="configmaps"`, `namespace="default"`, `decision="forbid"`},
		{`"Unable to authenticate the request"`, `path="/api/v1/pods"`, `err="invalid bearer token"`},
	} {
		for _, w := range want {
			if !strings.Contains(lines[i], w) {
				t.Errorf("line %d = %s, want it to contain %s", i+1, lines[i], w)
			}
		}
	}

	out.Reset()
	setVerbosity(t, "3")
	logDecision(r, attrs, authorizer.Verdict{Decision: authorizer.DecisionAllow})
	klog.Flush()
	if out.Len() != 0 {
		t.Errorf("-v 3 logged %q, want nothing", out)
	}
}

// captureKlog sends klog's output to the returned buffer at verbosity v
// until the test ends.
func captureKlog(t *testing.T, v string) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	fs := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(fs)
	for name, value := range map[string]string{"logtostderr": "false", "alsologtostderr": "false", "skip_headers": "true"} {
		if err := fs.Set(name, value); err != nil {
			t.Fatal(err)
		}
	}
	klog.SetOutput(&buf)
	setVerbosity(t, v)
	t.Cleanup(func() {
		klog.Flush()
		klog.SetOutput(nil)
		for name, value := range map[string]string{"logtostderr": "true", "skip_headers": "false", "v": "0"} {
			_ = fs.Set(name, value) // the flags' defaults; Set cannot fail on them
		}
	})
	return &buf
}

// setVerbosity sets klog's -v.
func setVerbosity(t *testing.T, v string) {
	t.Helper()
	var l klog.Level
	if err := l.Set(v); err != nil {
		t.Fatal(err)
	}
}
