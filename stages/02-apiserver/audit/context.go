// The audit context: what the audit step keeps about a request while the
// later steps handle it.
//
// Interface:
//   - WithAuditID(next): give each request its audit ID (the Audit-ID
//     header) and arrival time, before authentication.
//   - AuditIDFrom(ctx): that ID, for logs that should name it.
//   - AddAnnotation(ctx, key, value): a later step's note for the event
//     (authorization's decision, an admission plugin's finding).
//   - LogImpersonatedUser(ctx, u): who the request acts as, from the
//     impersonation step.
//
// The state is one pointer in the request's context, shared by every
// step below the one that put it there; its mutex orders the steps'
// notes against the filter writing events.
package audit

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/http"
	"sync"
	"time"

	"k8s.io/klog/v2"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// requestState is the audit step's knowledge of one request.
type requestState struct {
	// auditID and received are set once, when the state is made.
	auditID  metav1.UID
	received time.Time

	mu sync.Mutex
	// event is the request's event, nil until WithAudit has evaluated
	// the policy, and nil for good at LevelNone. Guarded by mu.
	event *auditv1.Event
	// evaluated is set by WithAudit, so that WithFailedAuthenticationAudit
	// knows the request got past authentication. Guarded by mu.
	evaluated bool
}

type stateKey struct{}

func stateFrom(ctx context.Context) *requestState {
	s, _ := ctx.Value(stateKey{}).(*requestState)
	return s
}

// withState returns r carrying an audit state, and the state: the one r
// already has, or a new one. A new state takes its ID from the request's
// Audit-ID header (set by a server in front of this one) or makes one,
// and sets the Audit-ID response header.
func withState(w http.ResponseWriter, r *http.Request) (*http.Request, *requestState) {
	if s := stateFrom(r.Context()); s != nil {
		return r, s
	}
	id := metav1.UID(r.Header.Get(auditv1.HeaderAuditID))
	if id == "" {
		id = newAuditID()
	}
	s := &requestState{auditID: id, received: time.Now()}
	w.Header().Set(auditv1.HeaderAuditID, string(id))
	return r.WithContext(context.WithValue(r.Context(), stateKey{}, s)), s
}

// WithAuditID gives every request an audit ID and notes when it arrived,
// as upstream's WithAuditInit does. Put it outermost, before
// authentication, so that a request refused with 401 has an Audit-ID
// header too; WithAudit makes the ID itself when this filter is missing.
func WithAuditID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, _ = withState(w, r)
		next.ServeHTTP(w, r)
	})
}

// AuditIDFrom returns the audit ID of the request whose context is ctx;
// ok is false when neither WithAuditID nor WithAudit has seen it.
func AuditIDFrom(ctx context.Context) (id string, ok bool) {
	s := stateFrom(ctx)
	if s == nil {
		return "", false
	}
	return string(s.auditID), true
}

// AddAnnotation records key=value in the audit event of the request whose
// context is ctx. Keys should be qualified by their writer
// ("authorization.k8s.io/decision"). As upstream, the first value of a key
// stays: a second, different value is logged and dropped. It does nothing
// for a request that is not audited (no WithAudit, or LevelNone), so
// callers need not check.
func AddAnnotation(ctx context.Context, key, value string) {
	s := stateFrom(ctx)
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.event == nil {
		return
	}
	if old, ok := s.event.Annotations[key]; ok && old != value {
		klog.InfoS("Failed to set audit annotation: already set", "auditID", s.auditID, "key", key, "value", value, "current", old)
		return
	}
	if s.event.Annotations == nil {
		s.event.Annotations = map[string]string{}
	}
	s.event.Annotations[key] = value
}

// LogImpersonatedUser records u as the user the request acts as,
// replacing what WithAudit read from the Impersonate-* headers (which
// lacks the groups the impersonation step adds). Like AddAnnotation it
// does nothing for a request that is not audited.
func LogImpersonatedUser(ctx context.Context, u user.Info) {
	s := stateFrom(ctx)
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.event != nil {
		info := userInfo(u)
		s.event.ImpersonatedUser = &info
	}
}

// newAuditID returns a random version 4 uuid, the form upstream's audit
// IDs have.
func newAuditID() metav1.UID {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("audit: read random bytes: %v", err)) // crypto/rand does not fail on supported systems
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return metav1.UID(fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]))
}
