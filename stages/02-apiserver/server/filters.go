// Filters: what happens to every request before a handler sees it.
//
// Interface:
//   - withRequestInfo(next): parse the path once into an
//     endpoints.RequestInfo and put it in the request's context.
//   - endLongRunning(shutdown, next): cancel a watch's context when the
//     server begins to shut down.
//   - writeStatus: a failure Status as the response.
//
// This is the start of upstream's handler chain (DefaultBuildHandlerChain).
// Stage 2b inserts authentication, authorization and admission between
// withRequestInfo and the handlers, and they read the same RequestInfo.
package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
)

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
