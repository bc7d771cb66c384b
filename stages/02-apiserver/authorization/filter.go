// The authorization filter: the step between authentication and the
// handlers.
//
// Interface:
//   - WithAuthorization(next, a, record): allow, or answer 403 (500 when
//     the chain failed to decide).
//   - Recorder, LogVerdict: where each decision goes (the -v 4 log, the
//     audit event).
//   - AuditAnnotations(v): upstream's audit annotation keys and values.
package authorization

import (
	"context"
	"fmt"
	"net/http"

	"k8s.io/klog/v2"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// Audit annotation keys and decision values, upstream's.
const (
	DecisionAnnotationKey = "authorization.k8s.io/decision"
	ReasonAnnotationKey   = "authorization.k8s.io/reason"
	DecisionAllow         = "allow"
	DecisionForbid        = "forbid"
	// ReasonError is the reason annotation of a request the chain failed
	// to decide.
	ReasonError = "internal error"
)

// Recorder is told every decision the filter makes, before the response
// is written. It must not write to the response.
type Recorder func(r *http.Request, a authorizer.Attributes, v authorizer.Verdict)

// Explainer is an Authorizer that can say which of its modes decided;
// *authorizer.Union is one.
type Explainer interface {
	Explain(ctx context.Context, a authorizer.Attributes) authorizer.Verdict
}

// WithAuthorization asks a about every request and lets only allowed ones
// through to next. It needs the user (authentication) and the RequestInfo
// in the request context; without them it answers 500. A request that is
// not allowed gets the 403 of Forbidden; one the chain failed to decide
// (an error and no Allow) gets a 500, as upstream's filter answers.
// record (nil means LogVerdict) sees each decision.
func WithAuthorization(next http.Handler, a authorizer.Authorizer, record Recorder) http.Handler {
	if record == nil {
		record = LogVerdict
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		attrs, err := authorizer.AttributesFrom(r.Context())
		if err != nil {
			WriteStatus(w, apierrors.NewInternalError(err))
			return
		}
		v := decide(r.Context(), a, attrs)
		record(r, attrs, v)
		switch {
		case v.Decision == authorizer.DecisionAllow:
			next.ServeHTTP(w, r)
		case v.Err != nil:
			WriteStatus(w, apierrors.NewInternalError(v.Err))
		default:
			WriteStatus(w, Forbidden(attrs, v.Reason))
		}
	})
}

// decide asks a, through Explain when it can tell which mode decided.
func decide(ctx context.Context, a authorizer.Authorizer, attrs authorizer.Attributes) authorizer.Verdict {
	if e, ok := a.(Explainer); ok {
		return e.Explain(ctx, attrs)
	}
	d, reason, err := a.Authorize(ctx, attrs)
	return authorizer.Verdict{Decision: d, Reason: reason, Err: err}
}

// AuditAnnotations returns the annotations upstream adds to the audit
// event of a request: the decision (allow or forbid) and the reason.
func AuditAnnotations(v authorizer.Verdict) map[string]string {
	switch {
	case v.Decision == authorizer.DecisionAllow:
		return map[string]string{DecisionAnnotationKey: DecisionAllow, ReasonAnnotationKey: v.Reason}
	case v.Err != nil:
		return map[string]string{ReasonAnnotationKey: ReasonError}
	}
	return map[string]string{DecisionAnnotationKey: DecisionForbid, ReasonAnnotationKey: v.Reason}
}

// LogVerdict logs a decision at -v 4: who, what, which mode decided and
// why.
func LogVerdict(r *http.Request, a authorizer.Attributes, v authorizer.Verdict) {
	logger := klog.V(4)
	if !logger.Enabled() {
		return
	}
	what := fmt.Sprintf("%s %s", a.Verb, a.Path)
	logger.InfoS("Authorization", "user", a.User.Name, "groups", a.User.Groups, "request", what,
		"decision", v.Decision.String(), "authorizer", v.Authorizer, "reason", v.Reason, "err", v.Err)
}
