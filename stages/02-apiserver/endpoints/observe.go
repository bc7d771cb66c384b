// Observation: what the server's metrics see of each request.
//
// Interface:
//   - Observer: the hooks the server assembly implements with its
//     Prometheus metrics (request counts and latencies by verb, resource
//     and code; open watches).
//   - Labels: the dimensions of one request, named as upstream's
//     apiserver_request_total labels.
//   - CleanVerb: the verb of metrics and of the server's access log.
//
// responseRecorder remembers the status code a handler wrote so the
// metrics can report it; it passes Flush through for watch streams.
package endpoints

import (
	"maps"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Labels are the dimensions a request is counted by.
type Labels struct {
	// Verb is upstream's metric verb: GET, LIST, WATCH, POST, PUT, PATCH,
	// APPLY (a server-side apply), DELETE, DELETECOLLECTION, or CONNECT
	// (exec, attach, portforward, proxy).
	Verb string
	// Group, Version, Resource and Subresource name what was asked for,
	// as the path spells them (even when the resource does not exist).
	Group, Version, Resource, Subresource string
	// Scope is "resource" (one object, or a create), "namespace" (a
	// collection in a namespace) or "cluster" (a collection across the
	// cluster), as upstream's scope label.
	Scope string
	// DryRun is the request's dryRun query values, sorted, deduplicated
	// and joined with "," ("All"), "invalid" for values the server
	// refuses, or "" for a real request: upstream's dry_run label.
	DryRun string
}

// Observer is told about every request the Handler serves. Its methods
// run on the request's goroutine, concurrently for different requests:
// they must be safe for concurrent use and must not block.
type Observer interface {
	// RequestStarted is called when a request arrives.
	RequestStarted(l Labels)
	// RequestFinished is called once the response is complete (for a
	// watch, when the stream ends) with its status code and duration.
	RequestFinished(l Labels, code int, d time.Duration)
	// WatchOpened is called when a watch stream starts sending events,
	// and WatchClosed when it ends, after d.
	WatchOpened(l Labels)
	WatchClosed(l Labels, d time.Duration)
}

// labelsFor computes r's Labels.
func labelsFor(r *http.Request, info *RequestInfo) Labels {
	return Labels{
		Verb: CleanVerb(r, info), Group: info.APIGroup, Version: info.APIVersion,
		Resource: info.Resource, Subresource: info.Subresource, Scope: scopeOf(info),
		DryRun: dryRunLabel(r.URL.Query()["dryRun"]),
	}
}

// dryRunLabel is upstream's cleanDryRun: the label reads the query only
// (a dryRun inside a DeleteOptions body is not counted, as upstream).
func dryRunLabel(values []string) string {
	if len(values) == 0 {
		return ""
	}
	set := map[string]bool{}
	for _, v := range values {
		if v != metav1.DryRunAll {
			return "invalid"
		}
		set[v] = true
	}
	return strings.Join(slices.Sorted(maps.Keys(set)), ",")
}

// CleanVerb is the verb upstream's metrics and access log use: LIST,
// WATCH, APPLY, CONNECT where the HTTP method does not tell, the method
// otherwise.
func CleanVerb(r *http.Request, info *RequestInfo) string {
	switch info.Verb {
	case "list", "watch", "deletecollection":
		return strings.ToUpper(info.Verb)
	case "patch":
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == applyPatchType {
			return "APPLY"
		}
	}
	switch info.Subresource {
	case "exec", "attach", "portforward", "proxy":
		return "CONNECT"
	}
	return strings.ToUpper(r.Method)
}

// scopeOf is upstream's CleanScope.
func scopeOf(info *RequestInfo) string {
	switch {
	case info.Name != "" || info.Verb == "create":
		return "resource"
	case info.Namespace != "":
		return "namespace"
	case info.IsResourceRequest:
		return "cluster"
	}
	return ""
}

// finish tells the Observer rq is done. (The access log line of every
// request, refused by the chain or not, is the server's:
// server/filters.go:withAccessLog.)
func (h *Handler) finish(rq *request, start time.Time) {
	l := rq.labels
	d := time.Since(start)
	code := rq.w.code
	if code == 0 {
		code = http.StatusOK // nothing written: net/http sends 200
	}
	if h.opts.Observer != nil {
		h.opts.Observer.RequestFinished(l, code, d)
	}
}

// responseRecorder is an http.ResponseWriter that remembers the status
// code and whether the header was sent.
type responseRecorder struct {
	http.ResponseWriter
	code int
}

func newResponseRecorder(w http.ResponseWriter) *responseRecorder {
	return &responseRecorder{ResponseWriter: w}
}

// WriteHeader records code; only the first call counts, as in net/http.
func (w *responseRecorder) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
		w.ResponseWriter.WriteHeader(code)
	}
}

// Write sends the header (200) first if no one has.
func (w *responseRecorder) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(p)
}

// Flush sends what was written so far, for watch streams.
func (w *responseRecorder) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (w *responseRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }
