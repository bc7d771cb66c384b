// Filters: the steps of the request chain that are the server's own.
//
// Interface:
//   - withPanicRecovery(next): a panic in any later step or handler
//     becomes a 500 Status and a stack trace in the log, instead of a
//     connection closed without an answer.
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
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"

	"k8s.io/klog/v2"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
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
			writeStatus(w, apierrors.NewInternalError(errors.New(panicMessage)).Status())
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
			writeStatus(w, apierrors.NewInternalError(fmt.Errorf("failed to create RequestInfo: %w", err)).Status())
			return
		}
		next.ServeHTTP(w, r.WithContext(endpoints.WithRequestInfo(r.Context(), info)))
	})
}

// streamingSubresources hold a connection open like a watch, as upstream's
// long-running check lists them.
var streamingSubresources = map[string]bool{"attach": true, "exec": true, "proxy": true, "log": true, "portforward": true}

// isLongRunning reports a request that lasts as long as its client wants:
// a watch, a proxy, a log stream or an exec session.
func isLongRunning(info *endpoints.RequestInfo) bool {
	return info.IsResourceRequest && (info.Verb == "watch" || info.Verb == "proxy" || streamingSubresources[info.Subresource])
}

// endLongRunning cancels the context of long-running requests once
// shutdown is done, so that they end and http.Server.Shutdown, which
// waits for every request, can finish; short requests keep their context
// and are drained. Needs withRequestInfo above it.
func endLongRunning(shutdown context.Context, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if info, ok := endpoints.RequestInfoFrom(r.Context()); ok && isLongRunning(info) {
			ctx, cancel := context.WithCancel(r.Context())
			defer cancel()
			stop := context.AfterFunc(shutdown, cancel)
			defer stop()
			r = r.WithContext(ctx)
		}
		next.ServeHTTP(w, r)
	})
}

// writeStatus sends s as the response, with s.Code as the HTTP code.
func writeStatus(w http.ResponseWriter, s metav1.Status) {
	body, err := json.Marshal(s)
	if err != nil {
		http.Error(w, s.Message, int(s.Code)) // a Status of strings always encodes
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(int(s.Code))
	_, _ = w.Write(append(body, '\n')) // the client went away: nothing left to tell it
}
