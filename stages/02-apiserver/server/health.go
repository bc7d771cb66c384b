// Health: /healthz, /livez and /readyz, each a list of named checks.
//
// Interface:
//   - healthCheck: a name and a function that returns nil when healthy.
//   - healthEndpoint.serveAll: GET /readyz answers "ok" or, when a check
//     fails, 500 with one line per check; ?verbose lists the checks on
//     success too; ?exclude=NAME skips one. serveOne: /readyz/NAME runs
//     one check.
//   - postStartHook: work that runs once the server listens (creating the
//     system namespaces), and the check "poststarthook/NAME" that fails
//     until it has succeeded.
//
// The three endpoints answer different questions, as upstream's do:
// livez "should this process be restarted?", readyz "may a load balancer
// send it requests?" (it also fails while the server shuts down, so
// traffic drains to the other API servers first, talk 003 "Scaled
// horizontally"), healthz is the older name for both. The output format
// is upstream's, which scripts and probes read:
//
//	$ curl -k 'https://127.0.0.1:6443/readyz?verbose'
//	[+]ping ok
//	[+]etcd ok
//	[+]poststarthook/bootstrap-namespaces ok
//	[+]poststarthook/bootstrap-controller ok
//	[+]poststarthook/rbac/bootstrap-roles ok
//	[+]shutdown ok
//	readyz check passed
package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"k8s.io/klog/v2"
)

// etcdHealthTimeout bounds the etcd check, as upstream's
// --etcd-healthcheck-timeout default.
const etcdHealthTimeout = 2 * time.Second

// healthCheck is one named check. check returns nil when healthy; its
// error is logged, and shown only at /<endpoint>/<name>.
type healthCheck struct {
	name  string
	check func(ctx context.Context) error
}

// pingCheck always passes: an answer at all shows the process serves.
func pingCheck() healthCheck {
	return healthCheck{name: "ping", check: func(context.Context) error { return nil }}
}

// etcdCheck passes when etcd answers a quorum read, which needs a leader.
// kv is the raw client, so health checks stay out of the etcd latency
// metrics.
func etcdCheck(kv clientv3.KV) healthCheck {
	return healthCheck{name: "etcd", check: func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, etcdHealthTimeout)
		defer cancel()
		if _, err := kv.Get(ctx, "health", clientv3.WithCountOnly()); err != nil {
			return fmt.Errorf("etcd did not answer within %s: %w", etcdHealthTimeout, err)
		}
		return nil
	}}
}

// shutdownCheck fails once shutdown has begun (readyz only).
func shutdownCheck(shuttingDown *atomic.Bool) healthCheck {
	return healthCheck{name: "shutdown", check: func(context.Context) error {
		if shuttingDown.Load() {
			return errors.New("process is shutting down")
		}
		return nil
	}}
}

// postStartHook is work done once the server listens. done is set when
// run has succeeded; until then its check fails.
type postStartHook struct {
	name string
	run  func(ctx context.Context) error
	done atomic.Bool
}

// check is the hook's health check, "poststarthook/<name>".
func (h *postStartHook) check() healthCheck {
	return healthCheck{name: "poststarthook/" + h.name, check: func(context.Context) error {
		if !h.done.Load() {
			return errors.New("not finished")
		}
		return nil
	}}
}

// runUntilDone runs the hook until it succeeds or ctx ends, retrying
// after a failure: etcd may still be electing a leader, and a server that
// gave up would never become ready.
func (h *postStartHook) runUntilDone(ctx context.Context) {
	for delay := 100 * time.Millisecond; ; delay = min(2*delay, 5*time.Second) {
		err := h.run(ctx)
		if err == nil {
			h.done.Store(true)
			klog.V(2).Infof("post-start hook %s done", h.name)
			return
		}
		klog.Errorf("post-start hook %s failed, retrying in %s: %v", h.name, delay, err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
	}
}

// healthEndpoint is one of /healthz, /livez and /readyz.
type healthEndpoint struct {
	name   string // "healthz", "livez" or "readyz"
	checks []healthCheck
}

// serveAll runs every check not excluded. Failed checks show "reason
// withheld": the reason may name internals, so only the log has it.
func (e *healthEndpoint) serveAll(w http.ResponseWriter, r *http.Request) {
	query := r.URL.Query()
	excluded := query["exclude"]
	var out bytes.Buffer
	var failed []string
	for _, c := range e.checks {
		if i := slices.Index(excluded, c.name); i >= 0 {
			excluded = slices.Delete(excluded, i, i+1)
			fmt.Fprintf(&out, "[+]%s excluded: ok\n", c.name)
			continue
		}
		if err := c.check(r.Context()); err != nil {
			fmt.Fprintf(&out, "[-]%s failed: reason withheld\n", c.name)
			klog.V(2).Infof("%s check %s failed: %v", e.name, c.name, err)
			failed = append(failed, c.name)
			continue
		}
		fmt.Fprintf(&out, "[+]%s ok\n", c.name)
	}
	if len(excluded) > 0 {
		quoted := make([]string, len(excluded))
		for i, name := range excluded {
			quoted[i] = strconv.Quote(name)
		}
		fmt.Fprintf(&out, "warn: some health checks cannot be excluded: no matches for %s\n", strings.Join(quoted, ","))
	}
	plainText(w)
	if len(failed) > 0 {
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(&out, "%s check failed\n", e.name)
		_, _ = out.WriteTo(w)
		return
	}
	if _, verbose := query["verbose"]; !verbose {
		fmt.Fprint(w, "ok")
		return
	}
	fmt.Fprintf(&out, "%s check passed\n", e.name)
	_, _ = out.WriteTo(w)
}

// serveOne runs the check named by the rest of the path, as in
// /readyz/etcd or /livez/poststarthook/bootstrap-namespaces.
func (e *healthEndpoint) serveOne(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/"+e.name+"/")
	i := slices.IndexFunc(e.checks, func(c healthCheck) bool { return c.name == name })
	if i < 0 {
		http.NotFound(w, r)
		return
	}
	plainText(w)
	if err := e.checks[i].check(r.Context()); err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, "internal server error: %v\n", err)
		return
	}
	fmt.Fprint(w, "ok")
}

func plainText(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
}
