// WithAudit: the audit step of the request chain, between authentication
// and authorization.
//
// Interface:
//   - WithAudit(next, backend, policy): evaluate the policy for each
//     request and write its events to backend.
//
// One request's events, in order (each skipped if the policy omits its
// stage):
//
//	RequestReceived   before next runs
//	ResponseStarted   when a long-running response (watch, logs, exec)
//	                  sends its header
//	ResponseComplete  after next returns, with the status, the bodies
//	                  the level asks for and every annotation added
//	Panic             instead of ResponseComplete, if next panicked
package audit

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
)

// WithAudit records each request next serves, at the level policy gives
// it, as events sent to backend. It needs the user (authentication) and
// the RequestInfo in the request's context and answers 500 without them.
// A nil backend or policy turns auditing off: next is returned as it is.
//
// The request gets an audit ID (from WithAuditID, or made here) that
// every event and the Audit-ID response header carry. Later steps add to
// the event with AddAnnotation and LogImpersonatedUser. A panic in next is
// recorded as a Panic event and passed on to the panic-recovery step.
func WithAudit(next http.Handler, backend Backend, policy *Policy) http.Handler {
	if backend == nil || policy == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, s := withState(w, r)
		attrs, err := authorizer.AttributesFrom(r.Context())
		if err != nil {
			apierrors.WriteStatus(w, apierrors.NewInternalError(fmt.Errorf("audit: %w", err)).Status())
			return
		}
		eval := policy.Evaluate(attrs)
		s.mu.Lock()
		s.evaluated = true
		s.mu.Unlock()
		if eval.Level == auditv1.LevelNone {
			next.ServeHTTP(w, r)
			return
		}

		rec := &recording{state: s, backend: backend, eval: eval,
			resource: attrs.ResourceRequest, longRunning: isLongRunningRequest(r)}
		s.mu.Lock()
		s.event = newEvent(r, s.auditID, s.received, attrs, eval.Level)
		s.mu.Unlock()
		rec.emit(auditv1.StageRequestReceived, nil)

		if rec.resource && r.Body != nil && r.Body != http.NoBody {
			rec.body = newBodyReader(r.Body)
			r.Body = rec.body
		}
		rec.contentType = r.Header.Get("Content-Type")
		rec.w = newResponseWriter(w, rec.started)
		defer func() {
			if p := recover(); p != nil {
				rec.panicked(p)
				panic(p) // the panic-recovery step answers the client
			}
			rec.complete()
		}()
		next.ServeHTTP(rec.w, r)
	})
}

// recording is one audited request on its way through next.
type recording struct {
	state       *requestState
	backend     Backend
	eval        RuleEvaluation
	resource    bool // a resource request: bodies may be recorded
	longRunning bool // ResponseStarted is written

	body        *bodyReader // the request body, nil if none
	contentType string      // the request body's
	w           *responseWriter
}

// emit writes the event at stage, after fill (which may be nil) has
// added to it, unless the policy omits the stage. It holds the state's
// lock, so annotations added at the same time are in or out as a whole.
func (rec *recording) emit(stage auditv1.Stage, fill func(ev *auditv1.Event)) {
	s := rec.state
	s.mu.Lock()
	defer s.mu.Unlock()
	ev := s.event
	ev.Stage = stage
	if fill != nil {
		fill(ev)
	}
	if rec.eval.Omits(stage) {
		return
	}
	ev.StageTimestamp = metav1.NewMicroTime(time.Now())
	if stage == auditv1.StageRequestReceived {
		ev.StageTimestamp = ev.RequestReceivedTimestamp
	}
	rec.backend.ProcessEvents(ev)
}

// started runs when the response begins. A long-running request's
// event is written now, with the code; the body is kept for failures
// (their Status) and, at RequestResponse, for resource responses that
// end.
func (rec *recording) started(code int) bool {
	if rec.longRunning {
		rec.emit(auditv1.StageResponseStarted, func(ev *auditv1.Event) {
			ev.ResponseStatus = &metav1.Status{Code: int32(code)}
		})
	}
	if code >= http.StatusMultipleChoices {
		return true
	}
	return rec.resource && !rec.longRunning && !rec.eval.Level.Less(auditv1.LevelRequestResponse)
}

// panicked writes the Panic event, with upstream's status.
func (rec *recording) panicked(p any) {
	rec.emit(auditv1.StagePanic, func(ev *auditv1.Event) {
		ev.ResponseStatus = &metav1.Status{Code: http.StatusInternalServerError, Status: metav1.StatusFailure,
			Reason: metav1.StatusReasonInternalError, Message: fmt.Sprintf("APIServer panic'd: %v", p)}
	})
}

// connectionClosedEarly is upstream's status for a response that never
// began: net/http sends 200 with no body.
var connectionClosedEarly = metav1.Status{Code: http.StatusOK, Status: metav1.StatusSuccess, Message: "Connection closed early"}

// complete writes ResponseComplete: the status, the request's object
// reference completed from its body, and the bodies the level asks for.
func (rec *recording) complete() {
	if rec.w.code == 0 {
		if rec.longRunning {
			rec.emit(auditv1.StageResponseStarted, func(ev *auditv1.Event) { ev.ResponseStatus = ptr(connectionClosedEarly) })
		}
		rec.emit(auditv1.StageResponseComplete, func(ev *auditv1.Event) { ev.ResponseStatus = ptr(connectionClosedEarly) })
		return
	}
	respType := rec.w.Header().Get("Content-Type")
	rec.emit(auditv1.StageResponseComplete, func(ev *auditv1.Event) {
		ev.ResponseStatus = &metav1.Status{Code: int32(rec.w.code)}
		if rec.w.code >= http.StatusMultipleChoices {
			if status, ok := failureStatus(&rec.w.body, respType); ok {
				status.Code = int32(rec.w.code)
				ev.ResponseStatus = status
			}
		}
		if !rec.resource {
			return // bodies are recorded for resource requests only
		}
		if rec.body != nil {
			obj, why := rec.body.object(rec.contentType, rec.eval.OmitManagedFields)
			completeObjectRef(ev.ObjectRef, obj)
			if !ev.Level.Less(auditv1.LevelRequest) {
				ev.RequestObject = obj
				annotateOmitted(ev, RequestObjectOmittedAnnotation, why)
			}
		}
		if !ev.Level.Less(auditv1.LevelRequestResponse) && !rec.longRunning {
			obj, why := recordable(&rec.w.body, respType, rec.eval.OmitManagedFields)
			ev.ResponseObject = obj
			annotateOmitted(ev, ResponseObjectOmittedAnnotation, why)
		}
	})
}

// completeObjectRef fills what the request's path did not say (a
// create's name) from the request body, as upstream does once the body
// is decoded.
func completeObjectRef(ref *auditv1.ObjectReference, obj json.RawMessage) {
	var meta objectMeta
	if ref == nil || obj == nil || json.Unmarshal(obj, &meta) != nil {
		return
	}
	fillEmpty(&ref.Name, meta.Metadata.Name)
	fillEmpty(&ref.Namespace, meta.Metadata.Namespace)
	fillEmpty((*string)(&ref.UID), string(meta.Metadata.UID))
	fillEmpty(&ref.ResourceVersion, meta.Metadata.ResourceVersion)
}

func fillEmpty(field *string, value string) {
	if *field == "" {
		*field = value
	}
}

// annotateOmitted notes why a body is missing; why is "" when nothing
// is missing. Called with the state's lock held.
func annotateOmitted(ev *auditv1.Event, key, why string) {
	if why == "" {
		return
	}
	if ev.Annotations == nil {
		ev.Annotations = map[string]string{}
	}
	ev.Annotations[key] = why
}

// isLongRunningRequest reports whether r is a watch, a proxy or a
// streaming subresource (endpoints.RequestInfo.IsLongRunning).
func isLongRunningRequest(r *http.Request) bool {
	info, ok := endpoints.RequestInfoFrom(r.Context())
	return ok && info.IsLongRunning()
}

func ptr[T any](v T) *T { return &v }
