package audit

import (
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// memoryBackend keeps a copy of every event, as a log would have it.
type memoryBackend struct {
	mu     sync.Mutex
	events []auditv1.Event
}

func (m *memoryBackend) ProcessEvents(events ...*auditv1.Event) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, ev := range events {
		data, err := json.Marshal(ev)
		if err != nil {
			panic(err)
		}
		var cp auditv1.Event
		if err := json.Unmarshal(data, &cp); err != nil {
			panic(err)
		}
		m.events = append(m.events, cp)
	}
	return true
}

func (m *memoryBackend) all() []auditv1.Event {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]auditv1.Event(nil), m.events...)
}

func (m *memoryBackend) stages() []auditv1.Stage {
	var out []auditv1.Stage
	for _, ev := range m.all() {
		out = append(out, ev.Stage)
	}
	return out
}

var (
	admin   = user.Info{Name: "kubernetes-admin", Groups: []string{user.SystemPrivilegedGroup, user.AllAuthenticated}}
	viewer  = user.Info{Name: "viewer", Groups: []string{user.AllAuthenticated}}
	kubelet = user.Info{Name: "system:node:worker-1", Groups: []string{user.NodesGroup, user.AllAuthenticated}}
)

// request builds a request as the filters before audit leave it: the
// RequestInfo parsed and, unless u is nil, the user authenticated.
func request(t *testing.T, method, target, body string, u *user.Info) *http.Request {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, target, rd)
	r.RemoteAddr = "192.0.2.10:51234"
	r.Header.Set("User-Agent", "kubectl/v1.37.0 (linux/amd64) kubernetes/abcdef0")
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	info, err := endpoints.NewRequestInfo(r)
	if err != nil {
		t.Fatal(err)
	}
	ctx := endpoints.WithRequestInfo(r.Context(), info)
	if u != nil {
		ctx = user.WithUser(ctx, *u)
	}
	return r.WithContext(ctx)
}

// reply answers with code and a JSON body.
func reply(code int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			_, _ = io.ReadAll(r.Body)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = io.WriteString(w, body)
	}
}

// mustPolicy parses a policy document or fails the test.
func mustPolicy(t *testing.T, doc string) *Policy {
	t.Helper()
	p, err := ParsePolicy([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// stable clears what differs from run to run: the audit ID and the
// timestamps.
func stable(events []auditv1.Event) []auditv1.Event {
	out := make([]auditv1.Event, len(events))
	for i, ev := range events {
		ev.AuditID = ""
		ev.RequestReceivedTimestamp = metav1.MicroTime{}
		ev.StageTimestamp = metav1.MicroTime{}
		out[i] = ev
	}
	return out
}

// golden compares events, made stable, with testdata/<name>.json, or
// rewrites the file under -update.
func golden(t *testing.T, name string, events []auditv1.Event) {
	t.Helper()
	path := filepath.Join("testdata", name+".json")
	got := stable(events)
	if *update {
		data, err := json.MarshalIndent(got, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	var want []auditv1.Event
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, decodedJSON); diff != "" {
		t.Errorf("events differ from %s (-want +got):\n%s", path, diff)
	}
}

// decodedJSON compares recorded bodies as JSON values, not as bytes (the
// golden files indent them).
var decodedJSON = cmp.Transformer("decodeJSON", func(raw json.RawMessage) any {
	if raw == nil {
		return nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return string(raw)
	}
	return v
})
