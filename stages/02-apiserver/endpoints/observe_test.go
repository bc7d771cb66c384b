package endpoints

import (
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"
)

// recordingObserver keeps what it is told, for tests.
type recordingObserver struct {
	mu       sync.Mutex
	started  []Labels
	finished []string
	watches  []string
}

func (o *recordingObserver) RequestStarted(l Labels) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.started = append(o.started, l)
}

func (o *recordingObserver) RequestFinished(l Labels, code int, _ time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.finished = append(o.finished, l.Verb+" "+l.Group+"/"+l.Resource+"/"+l.Subresource+" "+l.Scope+" "+http.StatusText(code))
}

func (o *recordingObserver) WatchOpened(l Labels) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.watches = append(o.watches, "open "+l.Resource)
}

func (o *recordingObserver) WatchClosed(l Labels, _ time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.watches = append(o.watches, "close "+l.Resource)
}

// The server's metrics see each request once, with upstream's verb and
// scope labels.
func TestObserver(t *testing.T) {
	obs := &recordingObserver{}
	s := newTestServer(t, Options{Observer: obs})
	s.create(deploymentsPath, deploymentJSON("web"))
	s.do(call{method: "GET", path: deploymentsPath})
	s.do(call{method: "GET", path: "/apis/apps/v1/deployments"})
	s.do(call{method: "GET", path: deploymentsPath + "/web/scale"})
	s.do(call{method: http.MethodPatch, path: deploymentsPath + "/web?fieldManager=m&force=1", body: "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n",
		header: []string{"Content-Type: application/apply-patch+yaml"}})
	s.do(call{method: http.MethodDelete, path: deploymentsPath + "/nope"})
	st := s.watch(deploymentsPath + "?watch=1&timeoutSeconds=1")
	st.ended()
	// The watch's end is recorded after its body ends; wait for it.
	deadline := time.Now().Add(5 * time.Second)
	for {
		obs.mu.Lock()
		n := len(obs.finished)
		obs.mu.Unlock()
		if n == 7 || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	obs.mu.Lock()
	defer obs.mu.Unlock()
	want := []string{
		"POST apps/deployments/ resource Created",
		"LIST apps/deployments/ namespace OK",
		"LIST apps/deployments/ cluster OK",
		"GET apps/deployments/scale resource OK",
		"APPLY apps/deployments/ resource OK",
		"DELETE apps/deployments/ resource Not Found",
		"WATCH apps/deployments/ namespace OK",
	}
	if !slices.Equal(obs.finished, want) {
		t.Errorf("finished =\n%q\nwant\n%q", obs.finished, want)
	}
	if len(obs.started) != len(want) || !slices.Equal(obs.watches, []string{"open deployments", "close deployments"}) {
		t.Errorf("started %d, watches %q", len(obs.started), obs.watches)
	}
}

func TestMetricVerb(t *testing.T) {
	for _, tc := range []struct{ name, method, url, contentType, want string }{
		{"get", "GET", "/api/v1/namespaces/a/pods/x", "", "GET"},
		{"list", "GET", "/api/v1/pods", "", "LIST"},
		{"watch", "GET", "/api/v1/pods?watch=1", "", "WATCH"},
		{"legacy watch", "GET", "/api/v1/watch/pods", "", "WATCH"},
		{"create", "POST", "/api/v1/namespaces/a/pods", "", "POST"},
		{"update", "PUT", "/api/v1/namespaces/a/pods/x", "", "PUT"},
		{"patch", "PATCH", "/api/v1/namespaces/a/pods/x", "application/merge-patch+json", "PATCH"},
		{"apply", "PATCH", "/api/v1/namespaces/a/pods/x", "application/apply-patch+yaml", "APPLY"},
		{"deletecollection", "DELETE", "/api/v1/namespaces/a/pods", "", "DELETECOLLECTION"},
		{"exec", "POST", "/api/v1/namespaces/a/pods/x/exec", "", "CONNECT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := http.NewRequest(tc.method, tc.url, nil)
			r.Header.Set("Content-Type", tc.contentType)
			info, _ := NewRequestInfo(r)
			if got := CleanVerb(r, info); got != tc.want {
				t.Errorf("CleanVerb = %q, want %q", got, tc.want)
			}
		})
	}
}

// upstream's dry_run label: the query's values, cleaned.
func TestDryRunLabel(t *testing.T) {
	for _, tc := range []struct {
		name   string
		values []string
		want   string
	}{
		{"real request", nil, ""},
		{"dry run", []string{"All"}, "All"},
		{"repeated", []string{"All", "All"}, "All"},
		{"unknown value", []string{"Some"}, "invalid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := dryRunLabel(tc.values); got != tc.want {
				t.Errorf("dryRunLabel(%q) = %q, want %q", tc.values, got, tc.want)
			}
		})
	}
}
