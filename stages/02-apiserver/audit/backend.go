// Backends: where events go.
//
// Interface:
//   - Backend: ProcessEvents, called by the filters as events happen.
//   - LogBackend: JSON lines to an io.Writer, written by one goroutine
//     from a bounded queue; events that do not fit are dropped and
//     counted (Dropped), as upstream's batch backend does.
//
// The file the lines go to (and its rotation) is in logfile.go.
package audit

import (
	"encoding/json"
	"io"
	"sync"
	"sync/atomic"

	"k8s.io/klog/v2"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
)

// Backend receives audit events.
type Backend interface {
	// ProcessEvents takes events as the filters write them, on the
	// request's goroutine, so it must return quickly. The filters change
	// an event for its next stage after the call: a backend that keeps
	// an event must encode or copy it before returning. It returns false
	// when it dropped one.
	ProcessEvents(events ...*auditv1.Event) bool
}

// DefaultBufferSize is how many encoded events a LogBackend queues,
// upstream's --audit-log-batch-buffer-size default.
const DefaultBufferSize = 10000

// LogBackend writes each event as one line of JSON. Requests only encode
// their event and queue the line; one goroutine writes the lines in
// order. When the queue is full the event is dropped and counted rather
// than making the request wait for the disk.
type LogBackend struct {
	out   io.Writer
	lines chan []byte
	done  chan struct{} // closed when the writer goroutine has ended

	dropped atomic.Int64

	mu     sync.RWMutex // held for reading while queueing, for writing to close lines
	closed bool         // guarded by mu; lines is closed
}

var _ Backend = (*LogBackend)(nil)

// NewLogBackend starts a LogBackend writing to out, queueing up to
// bufferSize lines (DefaultBufferSize when bufferSize < 1). Call Shutdown
// to write what is queued and stop.
func NewLogBackend(out io.Writer, bufferSize int) *LogBackend {
	if bufferSize < 1 {
		bufferSize = DefaultBufferSize
	}
	b := &LogBackend{out: out, lines: make(chan []byte, bufferSize), done: make(chan struct{})}
	go b.run()
	return b
}

// ProcessEvents encodes and queues each event. It never waits: an event
// that does not fit in the queue, or comes after Shutdown, is dropped and
// counted, and the result is false.
func (b *LogBackend) ProcessEvents(events ...*auditv1.Event) bool {
	b.mu.RLock()
	defer b.mu.RUnlock()
	ok := true
	for _, ev := range events {
		line, err := json.Marshal(ev)
		if err != nil { // an Event of strings, maps and raw JSON; raw JSON is checked when captured
			klog.ErrorS(err, "Failed to encode audit event", "auditID", ev.AuditID)
			ok = false
			continue
		}
		if b.closed {
			b.drop(ev, "backend shut down")
			ok = false
			continue
		}
		select {
		case b.lines <- append(line, '\n'):
		default:
			b.drop(ev, "audit buffer queue blocked")
			ok = false
		}
	}
	return ok
}

func (b *LogBackend) drop(ev *auditv1.Event, why string) {
	if n := b.dropped.Add(1); n == 1 || n%1000 == 0 { // the first, then one in a thousand: dropping is when the log is busiest
		klog.ErrorS(nil, "Dropped audit event", "reason", why, "auditID", ev.AuditID, "stage", ev.Stage, "droppedTotal", n)
	}
}

// Dropped returns how many events were dropped so far.
func (b *LogBackend) Dropped() int64 { return b.dropped.Load() }

// run writes queued lines until Shutdown closes the queue.
func (b *LogBackend) run() {
	defer close(b.done)
	for line := range b.lines {
		if _, err := b.out.Write(line); err != nil {
			klog.ErrorS(err, "Failed to write audit event")
		}
	}
}

// Shutdown stops taking events, writes every queued one and returns when
// they are written. It does not close the writer. Safe to call twice.
func (b *LogBackend) Shutdown() {
	b.mu.Lock()
	if !b.closed {
		b.closed = true
		close(b.lines)
	}
	b.mu.Unlock()
	<-b.done
}
