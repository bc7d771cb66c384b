// Filters: the steps of the request chain that are the server's own.
//
// Interface:
//   - withPanicRecovery(next): a panic in any later step or handler
//     becomes a 500 Status and a stack trace in the log, instead of a
//     connection closed without an answer.
//   - withAccessLog(next): one "HTTP" line per request at -v 4.
//   - withRequestInfo(next): parse the path once into an
//     endpoints.RequestInfo and put it in the request's context.
//   - endLongRunning(shutdown, next): cancel a watch's context when the
//     server begins to shut down.
//   - writeStatus: a failure Status as the response.
//
// chain.go puts them in order with the steps other packages provide
// (authentication, impersonation, authorization), as upstream's
// DefaultBuildHandlerChain does; those read the same RequestInfo.
package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"time"

	"k8s.io/klog/v2"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
)

// panicMessage is what a client is told when its request made the server
// panic, upstream's words; the details are in the server's log only.
const panicMessage = "This request caused apiserver to panic. Look in the logs for details."

// withPanicRecovery answers a request whose handling panicked with a 500
// InternalError Status and logs the panic with its stack, as upstream's
// WithPanicRecovery does; the server goes on serving other requests.
// http.ErrAbortHandler is net/http's way to abort a response on purpose
// (a proxied stream that broke) and is passed on to net/http.
func withPanicRecovery(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if err, ok := p.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				panic(p)
			}
			klog.ErrorS(nil, "apiserver panic'd", "method", r.Method, "URI", r.RequestURI, "panic", p, "stack", string(debug.Stack()))
			apierrors.WriteStatus(w, apierrors.NewInternalError(errors.New(panicMessage)).Status())
		}()
		next.ServeHTTP(w, r)
	})
}

// withRequestInfo parses r's RequestInfo for the handlers below, as
// upstream's WithRequestInfo filter does. A path it cannot parse
// (/api/v1/watch with nothing after it) is a 500, as upstream answers.
func withRequestInfo(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info, err := endpoints.NewRequestInfo(r)
		if err != nil {
			apierrors.WriteStatus(w, apierrors.NewInternalError(fmt.Errorf("failed to create RequestInfo: %w", err)).Status())
			return
		}
		next.ServeHTTP(w, r.WithContext(endpoints.WithRequestInfo(r.Context(), info)))
	})
}

// endLongRunning cancels the context of long-running requests once
// shutdown is done, so that they end and http.Server.Shutdown, which
// waits for every request, can finish; short requests keep their context
// and are drained. Needs withRequestInfo above it.
func endLongRunning(shutdown context.Context, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if info, ok := endpoints.RequestInfoFrom(r.Context()); ok && info.IsLongRunning() {
			ctx, cancel := context.WithCancel(r.Context())
			defer cancel()
			stop := context.AfterFunc(shutdown, cancel)
			defer stop()
			r = r.WithContext(ctx)
		}
		next.ServeHTTP(w, r)
	})
}

// withAccessLog writes one line per request at -v 4, in the shape of
// upstream's httplog, once the response is done: "HTTP" verb="LIST"
// URI="/api/v1/pods" latency=... userAgent=... audit-ID=... srcIP=...
// resp=200. It wraps the whole chain, so requests the chain refuses (401,
// 403) are logged too. Needs withRequestInfo above it.
func withAccessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		logger := klog.V(4)
		if !logger.Enabled() {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(rec, r)
		verb := r.Method
		if info, ok := endpoints.RequestInfoFrom(r.Context()); ok {
			verb = endpoints.CleanVerb(r, info)
		}
		code := rec.code
		logger.InfoS("HTTP", "verb", verb, "URI", r.RequestURI, "latency", time.Since(start),
			"userAgent", r.UserAgent(), "audit-ID", w.Header().Get("Audit-ID"), "srcIP", r.RemoteAddr, "resp", code)
	})
}
