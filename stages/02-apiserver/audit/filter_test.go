package audit

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
)

const (
	podJSON       = `{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","managedFields":[{"manager":"kubectl"}]},"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}`
	createdPod    = `{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","namespace":"default","uid":"0a1b2c3d","resourceVersion":"412","managedFields":[{"manager":"kubectl"}]}}`
	forbiddenJSON = `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"secrets is forbidden: User \"viewer\" cannot list resource \"secrets\" in API group \"\" in the namespace \"kube-system\"","reason":"Forbidden","details":{"kind":"secrets"},"code":403}`
)

// policyAt is a policy recording every request at level.
func policyAt(t *testing.T, level auditv1.Level) *Policy {
	return mustPolicy(t, fmt.Sprintf(`{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":[{"level":%q}]}`, level))
}

// Talk 000, "Server side authentication" and "Authorization": the audit
// step sits after authentication, so every event names the user, and
// around authorization and the handlers, so the event at the end has
// their decision and the answer. Each row's events are compared with a
// golden file in testdata.
func TestEventShapes(t *testing.T) {
	tests := []struct {
		name    string
		level   auditv1.Level
		req     func(t *testing.T) *http.Request
		handler http.Handler
	}{
		{
			name:  "get-pod-metadata",
			level: auditv1.LevelMetadata,
			req: func(t *testing.T) *http.Request {
				return request(t, http.MethodGet, "/api/v1/namespaces/default/pods/web", "", &admin)
			},
			handler: reply(http.StatusOK, createdPod),
		},
		{
			name:  "create-pod-request-response",
			level: auditv1.LevelRequestResponse,
			req: func(t *testing.T) *http.Request {
				return request(t, http.MethodPost, "/api/v1/namespaces/default/pods?fieldManager=kubectl-run", podJSON, &admin)
			},
			handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				AddAnnotation(r.Context(), "authorization.k8s.io/decision", "allow")
				AddAnnotation(r.Context(), "authorization.k8s.io/reason", "")
				reply(http.StatusCreated, createdPod)(w, r)
			}),
		},
		{
			name:  "list-secrets-forbidden",
			level: auditv1.LevelMetadata,
			req: func(t *testing.T) *http.Request {
				return request(t, http.MethodGet, "/api/v1/namespaces/kube-system/secrets", "", &viewer)
			},
			handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				AddAnnotation(r.Context(), "authorization.k8s.io/decision", "forbid")
				AddAnnotation(r.Context(), "authorization.k8s.io/reason", "")
				reply(http.StatusForbidden, forbiddenJSON)(w, r)
			}),
		},
		{
			name:  "watch-pods",
			level: auditv1.LevelRequestResponse,
			req: func(t *testing.T) *http.Request {
				return request(t, http.MethodGet, "/api/v1/namespaces/default/pods?watch=true", "", &kubelet)
			},
			handler: reply(http.StatusOK, `{"type":"ADDED","object":{"kind":"Pod"}}`+"\n"),
		},
		{
			name:  "impersonated-get",
			level: auditv1.LevelMetadata,
			req: func(t *testing.T) *http.Request {
				r := request(t, http.MethodGet, "/apis/apps/v1/namespaces/ci/deployments/builder", "", &admin)
				r.Header.Set("Impersonate-User", "jane")
				r.Header.Add("Impersonate-Group", "developers")
				r.Header.Set("Impersonate-Extra-Scopes", "view")
				r.Header.Set("X-Forwarded-For", "10.0.0.7")
				return r
			},
			handler: reply(http.StatusOK, `{"kind":"Deployment"}`),
		},
		{
			name:  "healthz-request-level",
			level: auditv1.LevelRequest,
			req: func(t *testing.T) *http.Request {
				return request(t, http.MethodGet, "/healthz", "", &viewer)
			},
			handler: reply(http.StatusOK, `ok`),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			backend := &memoryBackend{}
			rec := httptest.NewRecorder()
			WithAudit(tc.handler, backend, policyAt(t, tc.level)).ServeHTTP(rec, tc.req(t))
			events := backend.all()
			if len(events) == 0 {
				t.Fatal("no events")
			}
			if got := rec.Header().Get(auditv1.HeaderAuditID); got == "" || got != string(events[0].AuditID) {
				t.Errorf("Audit-ID header %q, want the events' ID %q", got, events[0].AuditID)
			}
			for _, ev := range events {
				if ev.AuditID != events[0].AuditID || ev.RequestReceivedTimestamp.IsZero() || ev.StageTimestamp.IsZero() {
					t.Errorf("%s event: audit ID %q (want %q), timestamps %v / %v", ev.Stage, ev.AuditID, events[0].AuditID,
						ev.RequestReceivedTimestamp, ev.StageTimestamp)
				}
			}
			golden(t, tc.name, events)
		})
	}
}

// A watch is long-running: its response starts long before it ends, so
// it gets a ResponseStarted event when the header goes out, and
// ResponseComplete when the client goes away. Other requests skip
// ResponseStarted.
func TestStagesInOrder(t *testing.T) {
	tests := []struct {
		name   string
		method string
		target string
		want   []auditv1.Stage
	}{
		{"watch", http.MethodGet, "/api/v1/pods?watch=1",
			[]auditv1.Stage{auditv1.StageRequestReceived, auditv1.StageResponseStarted, auditv1.StageResponseComplete}},
		{"legacy watch path", http.MethodGet, "/api/v1/watch/namespaces/default/pods",
			[]auditv1.Stage{auditv1.StageRequestReceived, auditv1.StageResponseStarted, auditv1.StageResponseComplete}},
		{"follow logs", http.MethodGet, "/api/v1/namespaces/default/pods/web/log?follow=true",
			[]auditv1.Stage{auditv1.StageRequestReceived, auditv1.StageResponseStarted, auditv1.StageResponseComplete}},
		{"list", http.MethodGet, "/api/v1/pods",
			[]auditv1.Stage{auditv1.StageRequestReceived, auditv1.StageResponseComplete}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			backend := &memoryBackend{}
			var startedBeforeBody bool
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusOK)
				w.(http.Flusher).Flush()
				startedBeforeBody = slices.Contains(backend.stages(), auditv1.StageResponseStarted)
				_, _ = io.WriteString(w, "{}\n")
			})
			WithAudit(h, backend, policyAt(t, auditv1.LevelMetadata)).ServeHTTP(httptest.NewRecorder(), request(t, tc.method, tc.target, "", &admin))
			if got := backend.stages(); !slices.Equal(got, tc.want) {
				t.Errorf("stages %v, want %v", got, tc.want)
			}
			if want := slices.Contains(tc.want, auditv1.StageResponseStarted); startedBeforeBody != want {
				t.Errorf("ResponseStarted written when the header went out: %v, want %v", startedBeforeBody, want)
			}
		})
	}
}

// The level decides what an event holds: None writes nothing, Metadata no
// bodies, Request the request body, RequestResponse both.
func TestLevels(t *testing.T) {
	tests := []struct {
		level        auditv1.Level
		wantEvents   int
		wantRequest  bool
		wantResponse bool
	}{
		{auditv1.LevelNone, 0, false, false},
		{auditv1.LevelMetadata, 2, false, false},
		{auditv1.LevelRequest, 2, true, false},
		{auditv1.LevelRequestResponse, 2, true, true},
	}
	for _, tc := range tests {
		t.Run(string(tc.level), func(t *testing.T) {
			backend := &memoryBackend{}
			called := false
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				called = true
				reply(http.StatusCreated, createdPod)(w, r)
			})
			WithAudit(h, backend, policyAt(t, tc.level)).ServeHTTP(httptest.NewRecorder(),
				request(t, http.MethodPost, "/api/v1/namespaces/default/pods", podJSON, &admin))
			if !called {
				t.Fatal("the handler was not called")
			}
			events := backend.all()
			if len(events) != tc.wantEvents {
				t.Fatalf("%d events, want %d", len(events), tc.wantEvents)
			}
			if len(events) == 0 {
				return
			}
			last := events[len(events)-1]
			if got := last.RequestObject != nil; got != tc.wantRequest {
				t.Errorf("requestObject present: %v, want %v", got, tc.wantRequest)
			}
			if got := last.ResponseObject != nil; got != tc.wantResponse {
				t.Errorf("responseObject present: %v, want %v", got, tc.wantResponse)
			}
			if last.ObjectRef == nil || last.ObjectRef.Name != "web" {
				t.Errorf("objectRef %+v, want the name from the body, at every level", last.ObjectRef)
			}
			if first := events[0]; first.RequestObject != nil || first.ResponseStatus != nil {
				t.Errorf("RequestReceived holds a body or status: %+v", first)
			}
		})
	}
}

// A panic in a later step is written as a Panic event (instead of
// ResponseComplete) and passed on to the panic-recovery step.
func TestPanic(t *testing.T) {
	backend := &memoryBackend{}
	h := WithAudit(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("storage exploded") }), backend, policyAt(t, auditv1.LevelMetadata))
	func() {
		defer func() {
			if p := recover(); p != "storage exploded" {
				t.Errorf("recovered %v, want the handler's panic passed on", p)
			}
		}()
		h.ServeHTTP(httptest.NewRecorder(), request(t, http.MethodGet, "/api/v1/pods", "", &admin))
	}()
	events := backend.all()
	if got := backend.stages(); !slices.Equal(got, []auditv1.Stage{auditv1.StageRequestReceived, auditv1.StagePanic}) {
		t.Fatalf("stages %v", got)
	}
	golden(t, "panic", events)
}

// Without the user in the context the chain is broken: 500, no event.
func TestNeedsAuthentication(t *testing.T) {
	backend := &memoryBackend{}
	rec := httptest.NewRecorder()
	WithAudit(reply(http.StatusOK, `{}`), backend, policyAt(t, auditv1.LevelMetadata)).ServeHTTP(rec,
		request(t, http.MethodGet, "/api/v1/pods", "", nil))
	if rec.Code != http.StatusInternalServerError || len(backend.all()) != 0 {
		t.Errorf("code %d, %d events: want 500 and none", rec.Code, len(backend.all()))
	}
}
