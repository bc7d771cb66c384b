// Event and Endpoints columns.
//
// Interface:
//   - eventColumns: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE; with -o wide
//     SUBOBJECT, SOURCE, FIRST SEEN, COUNT and NAME as well.
//   - eventsV1Columns: the same columns for events.k8s.io/v1 Events,
//     computed on their core/v1 form.
//   - formatEndpoints: "10.0.0.5:80,10.0.0.6:80 + 3 more...".
//
// Events are how controllers, the scheduler and kubelets report what they
// did (talk 000, "Scheduler" and "Kubelet": Scheduled, Pulling, Started).

package scheme

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	eventsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/events/v1"
)

func eventColumns() []Column {
	type E = corev1.Event
	return []Column{
		{Name: "Last Seen", Type: "string", Description: "Time since the event was last observed.",
			Cell: cellOf(func(e *E, now time.Time) any { return eventLastSeen(e, now) })},
		{Name: "Type", Type: "string", Description: "Normal or Warning.",
			Cell: cellOf(func(e *E, _ time.Time) any { return e.Type })},
		{Name: "Reason", Type: "string", Description: "A short CamelCase reason (Scheduled, Pulling, BackOff).",
			Cell: cellOf(func(e *E, _ time.Time) any { return e.Reason })},
		{Name: "Object", Type: "string", Description: "The object the event is about, as kind/name.",
			Cell: cellOf(func(e *E, _ time.Time) any {
				kind := strings.ToLower(e.InvolvedObject.Kind)
				if e.InvolvedObject.Name == "" {
					return kind
				}
				return kind + "/" + e.InvolvedObject.Name
			})},
		{Name: "Subobject", Type: "string", Priority: 1, Description: "The part of the object, such as spec.containers{web}.",
			Cell: cellOf(func(e *E, _ time.Time) any { return e.InvolvedObject.FieldPath })},
		{Name: "Source", Type: "string", Priority: 1, Description: "The component that reported the event, and its host.",
			Cell: cellOf(func(e *E, _ time.Time) any { return eventSource(e) })},
		{Name: "Message", Type: "string", Description: "What happened, in words.",
			Cell: cellOf(func(e *E, _ time.Time) any { return strings.TrimSpace(e.Message) })},
		{Name: "First Seen", Type: "string", Priority: 1, Description: "Time since the event was first observed.",
			Cell: cellOf(func(e *E, now time.Time) any { return eventFirstSeen(e, now) })},
		{Name: "Count", Type: "string", Priority: 1, Description: "How many times the event was observed.",
			Cell: cellOf(func(e *E, _ time.Time) any { return eventCount(e) })},
		{Name: "Name", Type: "string", Format: "name", Priority: 1, Description: "The event object's own name.",
			Cell: cellOf(func(e *E, _ time.Time) any { return e.Name })},
	}
}

// eventsV1Columns are eventColumns for an events.k8s.io/v1 Event: one
// event in two forms prints the same, so each cell converts the event
// with eventsv1.ToCoreEvent and asks the core column.
func eventsV1Columns() []Column {
	cols := eventColumns()
	for i := range cols {
		coreCell := cols[i].Cell
		cols[i].Cell = cellOf(func(e *eventsv1.Event, now time.Time) any {
			return coreCell(eventsv1.ToCoreEvent(e), now)
		})
	}
	return cols
}

// eventFirstSeen uses firstTimestamp, or eventTime for events written by
// the newer events API.
func eventFirstSeen(e *corev1.Event, now time.Time) string {
	if e.FirstTimestamp.IsZero() {
		return sinceMicro(e.EventTime, now)
	}
	return Since(e.FirstTimestamp, now)
}

// eventLastSeen uses the series' last observation, else lastTimestamp,
// else the first-seen time.
func eventLastSeen(e *corev1.Event, now time.Time) string {
	switch {
	case e.Series != nil:
		return sinceMicro(e.Series.LastObservedTime, now)
	case e.LastTimestamp.IsZero():
		return eventFirstSeen(e, now)
	}
	return Since(e.LastTimestamp, now)
}

// eventCount is the series count, else count, else 1: a singleton event
// of the newer API has no count.
func eventCount(e *corev1.Event) int64 {
	switch {
	case e.Series != nil:
		return int64(e.Series.Count)
	case e.Count == 0:
		return 1
	}
	return int64(e.Count)
}

// eventSource is "component, host", preferring the old source fields and
// falling back to reportingComponent and reportingInstance.
func eventSource(e *corev1.Event) string {
	component := cmpOr(e.Source.Component, e.ReportingController)
	host := cmpOr(e.Source.Host, e.ReportingInstance)
	if host == "" {
		return component
	}
	return component + ", " + host
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// formatEndpoints lists up to three "ip:port" pairs (or bare IPs for a
// subset without ports), then "+ N more...", or "<none>" with no
// subsets.
func formatEndpoints(e *corev1.Endpoints) string {
	if len(e.Subsets) == 0 {
		return "<none>"
	}
	const max = 3
	var list []string
	count := 0
	add := func(s string) {
		count++
		if len(list) < max {
			list = append(list, s)
		}
	}
	for _, ss := range e.Subsets {
		if len(ss.Ports) == 0 {
			for _, a := range ss.Addresses {
				add(a.IP)
			}
			continue
		}
		for _, p := range ss.Ports {
			for _, a := range ss.Addresses {
				add(net.JoinHostPort(a.IP, strconv.Itoa(int(p.Port))))
			}
		}
	}
	s := strings.Join(list, ",")
	if count > max {
		return fmt.Sprintf("%s + %d more...", s, count-max)
	}
	return s
}
