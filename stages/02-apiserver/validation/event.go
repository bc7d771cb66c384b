// Events: reports of what happened to an object, in both API groups.
//
// Interface:
//   - validateEvent: a core/v1 Event. An Event lives in its object's
//     namespace (cluster-scoped objects' events go to "default"), and a
//     new-style event (with eventTime) must say who reported it and what
//     it did. Names only need to fit in a URL path segment: clients
//     generate them as <object>.<hex timestamp>.
//   - validateEventV1, validateEventV1Update: an events.k8s.io/v1 Event,
//     held to stricter rules on create (eventTime, type Normal or
//     Warning, no deprecated fields, a DNS subdomain name) and mostly
//     immutable afterwards.
//
// Upstream validates both groups' Events as one internal type (core/v1
// plays that part here, through eventsv1.ToCoreEvent), so the
// events.k8s.io/v1 rules report some fields by their core/v1 names:
// "involvedObject.namespace" for regarding.namespace, "message" for note,
// "firstTimestamp" for deprecatedFirstTimestamp, and so on. Those are
// upstream's field paths, kept so a client sees the same causes.

package validation

import (
	"fmt"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	eventsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/events/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// The length limits of new-style event fields.
const (
	reportingInstanceLengthLimit = 128
	actionLengthLimit            = 128
	reasonLengthLimit            = 128
	noteLengthLimit              = 1024
)

// The messages of the events.k8s.io/v1 rules.
const (
	eventFieldUnsetMsg  = "needs to be unset"
	eventSeriesCountMsg = "should be at least 2"
)

func validateEvent(e *corev1.Event) field.ErrorList {
	errs := objectMeta(e, nameIsPathSegment)
	// The core/v1 name of reportingController.
	return append(errs, legacyEvent(e, field.NewPath("reportingComponent"))...)
}

// legacyEvent holds the rules every Event passes, whichever group it is
// written through (upstream's legacyValidateEvent). controller is where
// an error about reportingController is reported: core/v1 calls the
// field reportingComponent.
func legacyEvent(e *corev1.Event, controller *field.Path) field.ErrorList {
	var errs field.ErrorList
	involvedNS := field.NewPath("involvedObject", "namespace")
	mismatch := field.Invalid(involvedNS, e.InvolvedObject.Namespace, "does not match event.namespace")
	if e.EventTime.IsZero() {
		// Old style: the namespaces agree, or a cluster-scoped object's
		// event sits in "default" (or nowhere, for very old clients).
		if e.InvolvedObject.Namespace == "" {
			if e.Namespace != "" && e.Namespace != corev1.NamespaceDefault {
				errs = append(errs, mismatch)
			}
		} else if e.Namespace != e.InvolvedObject.Namespace {
			errs = append(errs, mismatch)
		}
	} else {
		if e.InvolvedObject.Namespace == "" && e.Namespace != corev1.NamespaceDefault && e.Namespace != corev1.NamespaceSystem {
			errs = append(errs, mismatch)
		}
		if e.ReportingController == "" {
			errs = append(errs, field.Required(controller, ""))
		}
		errs = append(errs, qualifiedName(e.ReportingController, controller)...)
		errs = append(errs, requiredWithLimit(e.ReportingInstance, reportingInstanceLengthLimit, field.NewPath("reportingInstance"))...)
		errs = append(errs, requiredWithLimit(e.Action, actionLengthLimit, field.NewPath("action"))...)
		errs = append(errs, requiredWithLimit(e.Reason, reasonLengthLimit, field.NewPath("reason"))...)
		if len(e.Message) > noteLengthLimit {
			errs = append(errs, field.Invalid(field.NewPath("message"), "", fmt.Sprintf("can have at most %v characters", noteLengthLimit)))
		}
	}
	return append(errs, dns1123Subdomain(e.Namespace, field.NewPath("namespace"))...)
}

// validateEventV1 checks an events.k8s.io/v1 Event on create: the legacy
// rules, then the newer API's own. A zero eventTime therefore fails
// twice over: it is required, and without it the event is judged by the
// old-style namespace rule.
func validateEventV1(ev *eventsv1.Event) field.ErrorList {
	errs := legacyEvent(eventsv1.ToCoreEvent(ev), field.NewPath("reportingController"))
	errs = append(errs, objectMeta(ev, nameIsDNSSubdomain)...)
	errs = append(errs, eventSeries(ev.Series)...)
	if ev.EventTime.IsZero() {
		errs = append(errs, field.Required(field.NewPath("eventTime"), ""))
	}
	if ev.Type != corev1.EventTypeNormal && ev.Type != corev1.EventTypeWarning {
		errs = append(errs, field.Invalid(field.NewPath("type"), "", fmt.Sprintf("has invalid value: %v", ev.Type)))
	}
	// The deprecated fields exist so that events written through core/v1
	// read back complete; a new event may not use them.
	unset := func(isSet bool, path string) {
		if isSet {
			errs = append(errs, field.Invalid(field.NewPath(path), "", eventFieldUnsetMsg))
		}
	}
	unset(!ev.DeprecatedFirstTimestamp.IsZero(), "firstTimestamp")
	unset(!ev.DeprecatedLastTimestamp.IsZero(), "lastTimestamp")
	unset(ev.DeprecatedCount != 0, "count")
	unset(ev.DeprecatedSource != (corev1.EventSource{}), "source")
	return errs
}

// validateEventV1Update checks an update of an events.k8s.io/v1 Event,
// old being the stored one. These rules replace the create rules rather
// than adding to them, as upstream: an event first written through
// core/v1 (with a count, or an empty type) may still be updated here. A
// recorder may move the series on; what the event says may not change.
func validateEventV1Update(ev, old *eventsv1.Event) field.ErrorList {
	meta := field.NewPath("metadata")
	errs := legacyEvent(eventsv1.ToCoreEvent(ev), field.NewPath("reportingController"))
	errs = append(errs, objectMetaCommon(&ev.ObjectMeta, meta)...)
	errs = append(errs, validateObjectMetaUpdate(&ev.ObjectMeta, &old.ObjectMeta, meta)...)
	if !semanticEqual(ev.Series, old.Series) {
		errs = append(errs, eventSeries(ev.Series)...)
	}
	fixed := func(newVal, oldVal any, path string) {
		errs = append(errs, immutable(newVal, oldVal, field.NewPath(path))...)
	}
	fixed(ev.Regarding, old.Regarding, "involvedObject")
	// Upstream checks reason a second time at this point and so reports a
	// changed reason twice; once is enough here.
	fixed(ev.Reason, old.Reason, "reason")
	fixed(ev.Note, old.Note, "message")
	fixed(ev.DeprecatedSource, old.DeprecatedSource, "source")
	fixed(ev.DeprecatedFirstTimestamp, old.DeprecatedFirstTimestamp, "firstTimestamp")
	fixed(ev.DeprecatedLastTimestamp, old.DeprecatedLastTimestamp, "lastTimestamp")
	fixed(ev.DeprecatedCount, old.DeprecatedCount, "count")
	fixed(ev.Type, old.Type, "type")
	// eventTime is compared to the microsecond, the precision it is
	// written with: a client that read it back and truncated its own copy
	// has not changed it.
	if !ev.EventTime.Truncate(time.Microsecond).Equal(old.EventTime.Truncate(time.Microsecond)) {
		errs = append(errs, field.Invalid(field.NewPath("eventTime"), ev.EventTime, fieldImmutableMsg))
	}
	fixed(ev.Action, old.Action, "action")
	fixed(ev.Related, old.Related, "related")
	fixed(ev.ReportingController, old.ReportingController, "reportingController")
	fixed(ev.ReportingInstance, old.ReportingInstance, "reportingInstance")
	return errs
}

// eventSeries checks a series, if there is one: a series is at least two
// occurrences, and says when the last was seen.
func eventSeries(s *eventsv1.EventSeries) field.ErrorList {
	if s == nil {
		return nil
	}
	var errs field.ErrorList
	if s.Count < 2 {
		errs = append(errs, field.Invalid(field.NewPath("series", "count"), "", eventSeriesCountMsg))
	}
	if s.LastObservedTime.IsZero() {
		errs = append(errs, field.Required(field.NewPath("series", "lastObservedTime"), ""))
	}
	return errs
}

// requiredWithLimit requires value and limits its length; the value is
// not echoed back, as upstream does not.
func requiredWithLimit(value string, limit int, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if value == "" {
		errs = append(errs, field.Required(path, ""))
	}
	if len(value) > limit {
		errs = append(errs, field.Invalid(path, "", fmt.Sprintf("can have at most %v characters", limit)))
	}
	return errs
}
