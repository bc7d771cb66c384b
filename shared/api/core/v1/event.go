// Events: short-lived reports of what happened to an object.
//
// Interface:
//   - Event (with EventList): the involved object, reason, message, type
//     (Normal or Warning), who reported it, and when; repeated events are
//     counted (count/lastTimestamp, or series for the newer style).
//   - EventSource, EventSeries; EventTypeNormal and EventTypeWarning.
//
// Every component records events: the scheduler's "Scheduled" and
// "FailedScheduling", the kubelet's "Pulling", "Pulled", "Created",
// "Started" (talk 000, "Containers"), the controllers' "ScalingReplicaSet"
// and "SuccessfulCreate". kubectl describe prints them at the bottom.
package corev1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// The event types.
const (
	// EventTypeNormal is informational.
	EventTypeNormal = "Normal"
	// EventTypeWarning means something may be wrong.
	EventTypeWarning = "Warning"
)

// Event reports something that happened to an object. Events are
// best-effort and expire (one hour by default).
type Event struct {
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta has no omitempty here, unlike every other kind; it makes
	// no difference on the wire because a struct is never omitted.
	metav1.ObjectMeta `json:"metadata"`
	InvolvedObject    ObjectReference `json:"involvedObject"`
	// Reason is a short CamelCase machine-readable word, such as
	// "FailedScheduling".
	Reason  string `json:"reason,omitempty"`
	Message string `json:"message,omitempty"`
	// Source is the old way to name the reporter (component and host).
	Source EventSource `json:"source,omitempty"`
	// FirstTimestamp, LastTimestamp and Count describe a repeating event
	// in the old style.
	FirstTimestamp metav1.Time `json:"firstTimestamp,omitempty"`
	LastTimestamp  metav1.Time `json:"lastTimestamp,omitempty"`
	Count          int32       `json:"count,omitempty"`
	Type           string      `json:"type,omitempty"`
	// EventTime is when the event was first observed, in the new style;
	// a zero value is written as null.
	EventTime metav1.MicroTime `json:"eventTime,omitempty"`
	Series    *EventSeries     `json:"series,omitempty"`
	Action    string           `json:"action,omitempty"`
	Related   *ObjectReference `json:"related,omitempty"`
	// ReportingController and ReportingInstance have no omitempty: they
	// are written as "" when unset. Note the Go name differs from the JSON
	// name reportingComponent.
	ReportingController string `json:"reportingComponent"`
	ReportingInstance   string `json:"reportingInstance"`
}

// EventList is a list of Events.
type EventList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Event `json:"items"`
}

// EventSource names the component, and the node, that reported an event.
type EventSource struct {
	Component string `json:"component,omitempty"`
	Host      string `json:"host,omitempty"`
}

// EventSeries describes an event that keeps happening.
type EventSeries struct {
	Count            int32            `json:"count,omitempty"`
	LastObservedTime metav1.MicroTime `json:"lastObservedTime,omitempty"`
}
