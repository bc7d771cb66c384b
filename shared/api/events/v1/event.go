// Events in the events.k8s.io/v1 form: who did what to which object.
//
// Interface:
//   - Event (with EventList): eventTime, the reporter (reportingController
//     and reportingInstance), action and reason, the object it is about
//     (regarding, and optionally related), note and type, and the
//     deprecated* fields that carry core/v1's source, first and last
//     timestamps and count.
//   - EventSeries: count and lastObservedTime of an event that repeats.
//
// The two types, Normal and Warning, are corev1.EventTypeNormal and
// corev1.EventTypeWarning, as upstream has them only in core/v1.
//
// A recorder that sees the same event again does not write a new object:
// it sets series and raises series.count, so a pod failing to schedule
// every few seconds costs one Event, not hundreds. The scheduler reports
// this way ("Scheduled", "FailedScheduling"); the kubelet and most
// controllers still write core/v1 Events (shared/api/core/v1/event.go).
package eventsv1

import (
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Event reports something that happened in the cluster, usually a change
// of some object's state. Events are best-effort: they expire (one hour by
// default upstream) and their reasons and notes may change between
// releases, so nothing should depend on them.
type Event struct {
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta has no omitempty, as upstream; a struct is never omitted
	// on the wire either way.
	metav1.ObjectMeta `json:"metadata"`
	// EventTime is when the event was first observed. Required; the zero
	// value is written as null.
	EventTime metav1.MicroTime `json:"eventTime"`
	// Series is set when the event repeats; nil for a singleton.
	Series *EventSeries `json:"series,omitempty"`
	// ReportingController names the component that emitted the event
	// ("default-scheduler", "kubernetes.io/kubelet"). Required on create.
	ReportingController string `json:"reportingController,omitempty"`
	// ReportingInstance names the emitting instance
	// ("default-scheduler-node1"): required on create, at most 128
	// characters.
	ReportingInstance string `json:"reportingInstance,omitempty"`
	// Action is what was done, or failed, to the regarding object
	// ("Binding", "Scheduling"): machine-readable, required on create, at
	// most 128 characters.
	Action string `json:"action,omitempty"`
	// Reason says why the action was taken ("Scheduled",
	// "FailedScheduling"): required on create, at most 128 characters.
	Reason string `json:"reason,omitempty"`
	// Regarding is the object the event is about, usually one the
	// reporting controller manages.
	Regarding corev1.ObjectReference `json:"regarding,omitempty"`
	// Related is an optional second object, such as the Pod a ReplicaSet
	// created.
	Related *corev1.ObjectReference `json:"related,omitempty"`
	// Note is the human-readable text: at most 1 KB is accepted on
	// create, but readers should cope with up to 64 KB.
	Note string `json:"note,omitempty"`
	// Type is Normal or Warning on create; other types may come later.
	Type string `json:"type,omitempty"`
	// DeprecatedSource, DeprecatedFirstTimestamp, DeprecatedLastTimestamp
	// and DeprecatedCount hold core/v1's source, firstTimestamp,
	// lastTimestamp and count, so an event written through core/v1 reads
	// back complete. They must be unset when an event is created here.
	DeprecatedSource         corev1.EventSource `json:"deprecatedSource,omitempty"`
	DeprecatedFirstTimestamp metav1.Time        `json:"deprecatedFirstTimestamp,omitempty"`
	DeprecatedLastTimestamp  metav1.Time        `json:"deprecatedLastTimestamp,omitempty"`
	DeprecatedCount          int32              `json:"deprecatedCount,omitempty"`
}

// EventSeries describes an event that keeps happening. How often a
// recorder updates it is up to the recorder; client-go's does so on a
// heartbeat.
type EventSeries struct {
	// Count is how many times the event occurred up to the last heartbeat;
	// the API server requires at least 2.
	Count int32 `json:"count"`
	// LastObservedTime is when the last occurrence before that heartbeat
	// was seen. Required.
	LastObservedTime metav1.MicroTime `json:"lastObservedTime"`
}

// EventList is a list of Events.
type EventList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Event `json:"items"`
}
