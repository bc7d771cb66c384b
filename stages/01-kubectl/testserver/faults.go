// Fault injection: make chosen requests fail.
//
// Interface:
//   - Fault{Method, Path, Code, Times}: which requests fail and how.
//   - (*Server).Inject(f) and ClearFaults().
//
// A fault answers with a Status of the given code (500, 503, 404, ...) or,
// with Code 0, closes the connection without an answer, the way a crashed
// server or a broken network looks to the client.
package testserver

import (
	"fmt"
	"net/http"
	"strings"
	"sync"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Fault makes matching requests fail.
type Fault struct {
	// Method matches the HTTP method; "" matches any.
	Method string
	// Path matches the request path exactly, or every path starting with
	// the text before a trailing "*" ("/apis/*").
	Path string
	// Code is the HTTP status to answer with; 0 drops the connection.
	Code int
	// Times is how many matching requests fail; 0 means all of them until
	// ClearFaults.
	Times int
}

func (f Fault) matches(r *http.Request) bool {
	if f.Method != "" && f.Method != r.Method {
		return false
	}
	if prefix, ok := strings.CutSuffix(f.Path, "*"); ok {
		return strings.HasPrefix(r.URL.Path, prefix)
	}
	return f.Path == r.URL.Path
}

// faults holds the active faults; each keeps its remaining count.
type faults struct {
	mu     sync.Mutex
	active []*Fault
}

// Inject adds f; it applies to requests that arrive from now on.
func (s *Server) Inject(f Fault) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.active = append(s.faults.active, &f)
}

// ClearFaults removes every injected fault.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.active = nil
}

// take returns the first fault matching r and uses up one of its times.
func (fs *faults) take(r *http.Request) (Fault, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i, f := range fs.active {
		if !f.matches(r) {
			continue
		}
		hit := *f
		if f.Times > 0 {
			f.Times--
			if f.Times == 0 {
				fs.active = append(fs.active[:i], fs.active[i+1:]...)
			}
		}
		return hit, true
	}
	return Fault{}, false
}

// fail answers r according to f.
func (f Fault) fail(w http.ResponseWriter) {
	if f.Code == 0 {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		// HTTP/2 connections cannot be hijacked; abort the stream instead.
		panic(http.ErrAbortHandler)
	}
	writeStatus(w, newStatusError(f.Code, reasonFor(f.Code), fmt.Sprintf("injected fault: %s", http.StatusText(f.Code)), nil))
}

// reasonFor gives the Status reason upstream uses with a code.
func reasonFor(code int) metav1.StatusReason {
	switch code {
	case http.StatusUnauthorized:
		return metav1.StatusReasonUnauthorized
	case http.StatusForbidden:
		return metav1.StatusReasonForbidden
	case http.StatusNotFound:
		return metav1.StatusReasonNotFound
	case http.StatusConflict:
		return metav1.StatusReasonConflict
	case http.StatusTooManyRequests:
		return metav1.StatusReasonTooManyRequests
	case http.StatusServiceUnavailable:
		return metav1.StatusReasonServiceUnavailable
	case http.StatusGatewayTimeout:
		return metav1.StatusReasonTimeout
	case http.StatusInternalServerError:
		return metav1.StatusReasonInternalError
	}
	return metav1.StatusReasonUnknown
}
