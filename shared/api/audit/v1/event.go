// Event: one record of the audit log, written at a stage of one request.
//
// Interface:
//   - Level (None, Metadata, Request, RequestResponse) with Less, and
//     Stage (RequestReceived, ResponseStarted, ResponseComplete, Panic).
//   - Event, EventList: the record and a list of them.
//   - ObjectReference: which object a request was about.
//
// A request produces up to three events that share one AuditID: when it
// arrives, when a long-running response starts, and when it ends (or
// panics). The policy (policy.go) decides the Level, which decides how
// much each event holds.
package auditv1

import (
	"encoding/json"

	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Level is how much of a request the audit log records.
type Level string

// The levels, from nothing to everything. Each includes the one before.
const (
	// LevelNone writes no event.
	LevelNone Level = "None"
	// LevelMetadata writes who, what, when and the answer's status, but
	// no bodies.
	LevelMetadata Level = "Metadata"
	// LevelRequest adds the request body (RequestObject) of resource
	// requests.
	LevelRequest Level = "Request"
	// LevelRequestResponse adds the response body (ResponseObject) of
	// resource requests.
	LevelRequestResponse Level = "RequestResponse"
)

// ordLevel ranks the levels; an unknown level ranks with None.
var ordLevel = map[Level]int{LevelNone: 0, LevelMetadata: 1, LevelRequest: 2, LevelRequestResponse: 3}

// Less reports whether l records less than o.
func (l Level) Less(o Level) bool { return ordLevel[l] < ordLevel[o] }

// Stage is the point of a request's handling at which an event is written.
type Stage string

// The stages, in the order a request passes them.
const (
	// StageRequestReceived: the audit step has the request, before any
	// later step (authorization, admission, storage) has seen it.
	StageRequestReceived Stage = "RequestReceived"
	// StageResponseStarted: the response header is sent, the body is
	// not. Only long-running requests (watch, logs, exec) write it.
	StageResponseStarted Stage = "ResponseStarted"
	// StageResponseComplete: the whole response is sent.
	StageResponseComplete Stage = "ResponseComplete"
	// StagePanic: a handler panicked; written instead of
	// ResponseComplete.
	StagePanic Stage = "Panic"
)

// Stages lists every stage, for validation messages.
var Stages = []Stage{StageRequestReceived, StageResponseStarted, StageResponseComplete, StagePanic}

// Levels lists every level, for validation messages.
var Levels = []Level{LevelNone, LevelMetadata, LevelRequest, LevelRequestResponse}

// Event is what the audit log records about one request at one stage.
type Event struct {
	metav1.TypeMeta `json:",inline"`

	// Level is the policy's level for the request.
	Level Level `json:"level"`
	// AuditID is the request's unique ID, the same in each of its events
	// and in its response's Audit-ID header.
	AuditID metav1.UID `json:"auditID"`
	// Stage is the point of handling this event was written at.
	Stage Stage `json:"stage"`

	// RequestURI is the path and query as the client sent them.
	RequestURI string `json:"requestURI"`
	// Verb is the Kubernetes verb (get, list, watch, create, ...) of a
	// resource request, the lower-case HTTP method otherwise.
	Verb string `json:"verb"`
	// User is who authentication says sent the request.
	User authenticationv1.UserInfo `json:"user"`
	// ImpersonatedUser is who the request acted as (kubectl --as), or nil.
	ImpersonatedUser *authenticationv1.UserInfo `json:"impersonatedUser,omitempty"`
	// SourceIPs are the client's address and the proxies' in between:
	// X-Forwarded-For, then X-Real-Ip, then the connection's remote
	// address. All but the last can be made up by the client.
	SourceIPs []string `json:"sourceIPs,omitempty"`
	// UserAgent is what the client says it is; not to be trusted.
	UserAgent string `json:"userAgent,omitempty"`
	// ObjectRef is the object or collection of a resource request; nil
	// for other requests.
	ObjectRef *ObjectReference `json:"objectRef,omitempty"`
	// ResponseStatus is the answer: its code always, and for a Status
	// answer (every failure) also its status, reason, message and
	// details. Nil at RequestReceived.
	ResponseStatus *metav1.Status `json:"responseStatus,omitempty"`

	// RequestObject is the request body as the client sent it (JSON), at
	// LevelRequest and above, for resource requests only.
	RequestObject json.RawMessage `json:"requestObject,omitempty"`
	// ResponseObject is the response body (JSON), at
	// LevelRequestResponse, for resource requests only.
	ResponseObject json.RawMessage `json:"responseObject,omitempty"`
	// RequestReceivedTimestamp is when the request reached the server.
	RequestReceivedTimestamp metav1.MicroTime `json:"requestReceivedTimestamp"`
	// StageTimestamp is when the request reached Stage.
	StageTimestamp metav1.MicroTime `json:"stageTimestamp"`

	// Annotations are notes the steps of the request chain add:
	// authorization's decision and reason, admission plugins' findings.
	// Keys are qualified by who wrote them
	// ("authorization.k8s.io/decision"). Written at every level but None.
	Annotations map[string]string `json:"annotations,omitempty"`
}

// EventList is a list of audit events.
type EventList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`

	Items []Event `json:"items"`
}

// ObjectReference names the object a request is about, as far as the
// request says: a list has no Name, a create learns its Name from the
// body.
type ObjectReference struct {
	Resource  string     `json:"resource,omitempty"`
	Namespace string     `json:"namespace,omitempty"`
	Name      string     `json:"name,omitempty"`
	UID       metav1.UID `json:"uid,omitempty"`
	// APIGroup is "" for the core group.
	APIGroup        string `json:"apiGroup,omitempty"`
	APIVersion      string `json:"apiVersion,omitempty"`
	ResourceVersion string `json:"resourceVersion,omitempty"`
	Subresource     string `json:"subresource,omitempty"`
}
