// Conversion between the two forms of an Event.
//
// Interface:
//   - ToCoreEvent(ev): the core/v1 Event holding the same data, the form
//     the API server stores.
//   - FromCoreEvent(ev): the events.k8s.io/v1 Event a client of that
//     group sees for a stored one.
//
// The two forms carry the same fields under other names:
//
//	events.k8s.io/v1            core/v1
//	regarding                   involvedObject
//	note                        message
//	reportingController         reportingComponent
//	deprecatedSource            source
//	deprecatedFirstTimestamp    firstTimestamp
//	deprecatedLastTimestamp     lastTimestamp
//	deprecatedCount             count
//
// and the rest (eventTime, series, action, reason, related, type,
// reportingInstance, metadata) under the same names, so a conversion
// there and back loses nothing. Upstream does the same with generated
// conversion functions through its internal Event type; core/v1 plays
// that part here.
package eventsv1

import (
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// ToCoreEvent returns the core/v1 form of ev. ev must not be nil. The
// result shares ev's metadata maps and slices; copy it before changing
// either. Its apiVersion and kind are "v1" and "Event" when ev had any,
// and empty otherwise (as items of a list have none).
func ToCoreEvent(ev *Event) *corev1.Event {
	out := &corev1.Event{
		ObjectMeta:          ev.ObjectMeta,
		InvolvedObject:      ev.Regarding,
		Reason:              ev.Reason,
		Message:             ev.Note,
		Source:              ev.DeprecatedSource,
		FirstTimestamp:      ev.DeprecatedFirstTimestamp,
		LastTimestamp:       ev.DeprecatedLastTimestamp,
		Count:               ev.DeprecatedCount,
		Type:                ev.Type,
		EventTime:           ev.EventTime,
		Action:              ev.Action,
		Related:             copyRef(ev.Related),
		ReportingController: ev.ReportingController,
		ReportingInstance:   ev.ReportingInstance,
	}
	if ev.Series != nil {
		out.Series = &corev1.EventSeries{Count: ev.Series.Count, LastObservedTime: ev.Series.LastObservedTime}
	}
	if ev.APIVersion != "" || ev.Kind != "" {
		out.TypeMeta = metav1.TypeMeta{APIVersion: "v1", Kind: "Event"}
	}
	return out
}

// FromCoreEvent returns the events.k8s.io/v1 form of ev. ev must not be
// nil. As with ToCoreEvent, metadata is shared, and apiVersion and kind
// are set ("events.k8s.io/v1", "Event") only when ev had any.
func FromCoreEvent(ev *corev1.Event) *Event {
	out := &Event{
		ObjectMeta:               ev.ObjectMeta,
		EventTime:                ev.EventTime,
		ReportingController:      ev.ReportingController,
		ReportingInstance:        ev.ReportingInstance,
		Action:                   ev.Action,
		Reason:                   ev.Reason,
		Regarding:                ev.InvolvedObject,
		Related:                  copyRef(ev.Related),
		Note:                     ev.Message,
		Type:                     ev.Type,
		DeprecatedSource:         ev.Source,
		DeprecatedFirstTimestamp: ev.FirstTimestamp,
		DeprecatedLastTimestamp:  ev.LastTimestamp,
		DeprecatedCount:          ev.Count,
	}
	if ev.Series != nil {
		out.Series = &EventSeries{Count: ev.Series.Count, LastObservedTime: ev.Series.LastObservedTime}
	}
	if ev.APIVersion != "" || ev.Kind != "" {
		out.TypeMeta = metav1.TypeMeta{APIVersion: SchemeGroupVersion.String(), Kind: "Event"}
	}
	return out
}

// copyRef returns a copy of ref, so the two forms never share a related
// reference that one of them might later change.
func copyRef(ref *corev1.ObjectReference) *corev1.ObjectReference {
	if ref == nil {
		return nil
	}
	c := *ref
	return &c
}
