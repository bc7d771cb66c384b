package server

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

func check(name string, err error) healthCheck {
	return healthCheck{name: name, check: func(context.Context) error { return err }}
}

// The health endpoints answer in upstream's format: "ok", or one line per
// check, with the failing check's reason kept out of the response.
func TestHealthEndpoint(t *testing.T) {
	healthy := &healthEndpoint{name: "readyz", checks: []healthCheck{check("ping", nil), check("etcd", nil)}}
	broken := &healthEndpoint{name: "livez", checks: []healthCheck{check("ping", nil), check("etcd", errors.New("dial tcp: connection refused"))}}
	tests := []struct {
		name     string
		endpoint *healthEndpoint
		path     string
		wantCode int
		wantBody string
	}{
		{"healthy", healthy, "/readyz", 200, "ok"},
		{"healthy verbose", healthy, "/readyz?verbose", 200, "[+]ping ok\n[+]etcd ok\nreadyz check passed\n"},
		{"failing lists every check", broken, "/livez", 500, "[+]ping ok\n[-]etcd failed: reason withheld\nlivez check failed\n"},
		{"failing check excluded", broken, "/livez?exclude=etcd", 200, "ok"},
		{"excluded shown in verbose", broken, "/livez?exclude=etcd&verbose", 200,
			"[+]ping ok\n[+]etcd excluded: ok\nlivez check passed\n"},
		{"exclusion of an unknown check", healthy, "/readyz?exclude=informer-sync&verbose", 200,
			"[+]ping ok\n[+]etcd ok\nwarn: some health checks cannot be excluded: no matches for \"informer-sync\"\nreadyz check passed\n"},
		{"one check", healthy, "/readyz/etcd", 200, "ok"},
		{"one failing check shows its reason", broken, "/livez/etcd", 500, "internal server error: dial tcp: connection refused\n"},
		{"unknown check", healthy, "/readyz/log", 404, "404 page not found\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mux := http.NewServeMux()
			mux.HandleFunc("GET /"+tc.endpoint.name, tc.endpoint.serveAll)
			mux.HandleFunc("GET /"+tc.endpoint.name+"/", tc.endpoint.serveOne)
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.path, nil))
			if rec.Code != tc.wantCode || rec.Body.String() != tc.wantBody {
				t.Errorf("GET %s = %d %q, want %d %q", tc.path, rec.Code, rec.Body, tc.wantCode, tc.wantBody)
			}
		})
	}
}

// A post-start hook's check fails until the hook has succeeded, which is
// why readyz fails until the system namespaces exist.
func TestPostStartHook(t *testing.T) {
	calls := 0
	h := &postStartHook{name: "bootstrap-namespaces", run: func(context.Context) error {
		calls++
		if calls < 3 {
			return errors.New("etcd has no leader yet")
		}
		return nil
	}}
	c := h.check()
	if c.name != "poststarthook/bootstrap-namespaces" {
		t.Errorf("check name = %q", c.name)
	}
	if err := c.check(context.Background()); err == nil {
		t.Error("check passed before the hook ran")
	}
	h.runUntilDone(context.Background())
	if calls != 3 || c.check(context.Background()) != nil {
		t.Errorf("after %d runs the check says %v, want the third run to succeed and the check to pass", calls, c.check(context.Background()))
	}

	stopped := &postStartHook{name: "never", run: func(context.Context) error { return errors.New("down") }}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	stopped.runUntilDone(ctx) // returns once ctx has ended
	if stopped.check().check(ctx) == nil {
		t.Error("a hook that never succeeded reports done")
	}
}

// readyz fails once shutdown has begun, so load balancers send new
// requests to the other API servers (talk 003, "Scaled horizontally").
func TestShutdownCheck(t *testing.T) {
	var down atomic.Bool
	c := shutdownCheck(&down)
	if err := c.check(context.Background()); err != nil {
		t.Fatalf("before shutdown: %v", err)
	}
	down.Store(true)
	if err := c.check(context.Background()); err == nil || err.Error() != "process is shutting down" {
		t.Errorf("during shutdown: %v, want \"process is shutting down\"", err)
	}
}

// A running server's checks, as `curl /readyz?verbose` prints them once
// the system namespaces, the kubernetes Service and the RBAC bootstrap
// policy exist.
func TestServerHealth(t *testing.T) {
	s := startServer(t, testConfig(t))
	c := client(t, s)
	tests := []struct{ path, want string }{
		{"/readyz?verbose", "[+]ping ok\n[+]etcd ok\n[+]poststarthook/bootstrap-namespaces ok\n[+]poststarthook/bootstrap-controller ok\n[+]poststarthook/rbac/bootstrap-roles ok\n[+]shutdown ok\nreadyz check passed\n"},
		{"/livez?verbose", "[+]ping ok\n[+]etcd ok\n[+]poststarthook/bootstrap-namespaces ok\n[+]poststarthook/bootstrap-controller ok\n[+]poststarthook/rbac/bootstrap-roles ok\nlivez check passed\n"},
		{"/healthz", "ok"},
		{"/readyz/poststarthook/bootstrap-namespaces", "ok"},
		{"/readyz/poststarthook/rbac/bootstrap-roles", "ok"},
	}
	for _, tc := range tests {
		resp, body := do(t, c, s, http.MethodGet, tc.path, "")
		if resp.StatusCode != http.StatusOK || body != tc.want {
			t.Errorf("GET %s = %d %q, want 200 %q", tc.path, resp.StatusCode, body, tc.want)
		}
	}
}
