// The response writer the audit step hands down the chain.
//
// Interface:
//   - responseWriter: notes the status code, calls onStart once when the
//     response begins (the first WriteHeader, Write or Flush), and keeps
//     a bounded copy of the body when asked.
//
// It passes Flush through (watch streams flush after each burst of
// events) and Unwrap lets http.ResponseController reach the connection
// (exec and attach hijack it).
package audit

import (
	"net/http"
)

// responseWriter wraps the writer of one request. All its methods run on
// the handler's goroutine; its fields are read after the handler returns.
type responseWriter struct {
	http.ResponseWriter
	// onStart is called with the code when the response begins; it
	// returns whether to keep a copy of the body.
	onStart func(code int) (keepBody bool)
	code    int // 0 until the response began
	keep    bool
	body    capture
}

func newResponseWriter(w http.ResponseWriter, onStart func(code int) bool) *responseWriter {
	return &responseWriter{ResponseWriter: w, onStart: onStart, body: capture{limit: MaxObjectBytes}}
}

// start records code the first time the response begins; later calls do
// nothing, as net/http ignores a second WriteHeader. Informational codes
// (1xx) are not the response's status and do not start it.
func (w *responseWriter) start(code int) {
	if w.code != 0 || (code >= 100 && code < 200) {
		return
	}
	w.code = code
	w.keep = w.onStart(code)
}

// WriteHeader notes code and sends it.
func (w *responseWriter) WriteHeader(code int) {
	w.start(code)
	w.ResponseWriter.WriteHeader(code)
}

// Write sends p, after an implicit 200 when nothing was sent yet, and
// keeps a copy when asked.
func (w *responseWriter) Write(p []byte) (int, error) {
	w.start(http.StatusOK)
	if w.keep {
		w.body.add(p)
	}
	return w.ResponseWriter.Write(p)
}

// Flush sends what was written so far; a flush before any write sends
// the header with 200, as net/http does.
func (w *responseWriter) Flush() {
	w.start(http.StatusOK)
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (w *responseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

var _ http.Flusher = (*responseWriter)(nil)
