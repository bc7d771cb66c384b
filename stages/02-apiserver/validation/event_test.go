package validation

import (
	"strings"
	"testing"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	eventsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/events/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Talk 000, "Containers": the kubelet's Pulling/Pulled/Started events sit
// in the pod's namespace.
func TestValidateEvent(t *testing.T) {
	event := func(ns, involvedNS string) *corev1.Event {
		return &corev1.Event{
			ObjectMeta:     metav1.ObjectMeta{Name: "web.17a2b3c4d5e6f708", Namespace: ns},
			InvolvedObject: corev1.ObjectReference{Kind: "Pod", Name: "web", Namespace: involvedNS},
			Reason:         "Pulled", Message: "Successfully pulled image", Type: corev1.EventTypeNormal,
		}
	}
	tests := []struct {
		name string
		ev   *corev1.Event
		want []string
	}{
		{name: "pod event", ev: event("default", "default")},
		{name: "node event in default", ev: event("default", "")},
		{
			name: "namespace mismatch",
			ev:   event("kube-system", "default"),
			want: []string{`involvedObject.namespace: Invalid value: "default": does not match event.namespace`},
		},
		{
			name: "new-style event without reporter or action",
			ev: func() *corev1.Event {
				e := event("default", "default")
				e.EventTime = metav1.NewMicroTime(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC))
				e.Message = strings.Repeat("m", noteLengthLimit+1)
				return e
			}(),
			want: []string{
				"reportingComponent: Required value",
				`reportingComponent: Invalid value: "": name part must be non-empty`,
				`reportingComponent: Invalid value: "": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
				"reportingInstance: Required value",
				"action: Required value",
				`message: Invalid value: "": can have at most 1024 characters`,
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkErrors(t, ValidateCreate(tc.ev), tc.want...)
		})
	}
}

// schedulerEvent is a valid events.k8s.io/v1 Event: the scheduler's report
// that it bound a pod.
func schedulerEvent() *eventsv1.Event {
	return &eventsv1.Event{
		ObjectMeta:          metav1.ObjectMeta{Name: "web-1.184f2a7b1c3d5e7f", Namespace: "default"},
		EventTime:           metav1.NewMicroTime(time.Date(2025, 6, 2, 9, 14, 5, 412367000, time.UTC)),
		ReportingController: "default-scheduler",
		ReportingInstance:   "default-scheduler-cp-1",
		Action:              "Binding",
		Reason:              "Scheduled",
		Regarding:           corev1.ObjectReference{Kind: "Pod", Namespace: "default", Name: "web-1"},
		Note:                "Successfully assigned default/web-1 to worker-1",
		Type:                corev1.EventTypeNormal,
	}
}

// Talk 000, "Scheduler": the scheduler reports a binding through
// events.k8s.io/v1, whose create rules are stricter than core/v1's.
func TestValidateEventV1(t *testing.T) {
	tests := []struct {
		name   string
		change func(e *eventsv1.Event)
		want   []string
	}{
		{name: "scheduler event", change: func(*eventsv1.Event) {}},
		{name: "node event in kube-system", change: func(e *eventsv1.Event) {
			e.Namespace, e.Regarding = "kube-system", corev1.ObjectReference{Kind: "Node", Name: "worker-1"}
		}},
		{name: "node event in another namespace", change: func(e *eventsv1.Event) {
			e.Namespace, e.Regarding = "dev", corev1.ObjectReference{Kind: "Node", Name: "worker-1"}
		}, want: []string{`involvedObject.namespace: Invalid value: "": does not match event.namespace`}},
		{name: "empty event", change: func(e *eventsv1.Event) {
			*e = eventsv1.Event{ObjectMeta: metav1.ObjectMeta{Name: "x", Namespace: "default"}}
		}, want: []string{"eventTime: Required value", `type: Invalid value: "": has invalid value: `}},
		{name: "no reporter, action or reason", change: func(e *eventsv1.Event) {
			e.ReportingController, e.ReportingInstance, e.Action, e.Reason = "", "", "", ""
		}, want: []string{
			"reportingController: Required value",
			`reportingController: Invalid value: "": name part must be non-empty`,
			`reportingController: Invalid value: "": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
			"reportingInstance: Required value",
			"action: Required value",
			"reason: Required value",
		}},
		{name: "long fields", change: func(e *eventsv1.Event) {
			e.Action, e.Note = strings.Repeat("a", actionLengthLimit+1), strings.Repeat("n", noteLengthLimit+1)
		}, want: []string{
			`action: Invalid value: "": can have at most 128 characters`,
			`message: Invalid value: "": can have at most 1024 characters`,
		}},
		{name: "unknown type", change: func(e *eventsv1.Event) { e.Type = "Error" },
			want: []string{`type: Invalid value: "": has invalid value: Error`}},
		{name: "name must be a DNS subdomain", change: func(e *eventsv1.Event) { e.Name = "Web_1" },
			want: []string{`metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`}},
		{name: "series of one without a time", change: func(e *eventsv1.Event) { e.Series = &eventsv1.EventSeries{Count: 1} },
			want: []string{`series.count: Invalid value: "": should be at least 2`, "series.lastObservedTime: Required value"}},
		{name: "deprecated fields set", change: func(e *eventsv1.Event) {
			e.DeprecatedSource = corev1.EventSource{Component: "kubelet"}
			e.DeprecatedFirstTimestamp = metav1.NewTime(e.EventTime.Time)
			e.DeprecatedLastTimestamp = metav1.NewTime(e.EventTime.Time)
			e.DeprecatedCount = 2
		}, want: []string{
			`firstTimestamp: Invalid value: "": needs to be unset`,
			`lastTimestamp: Invalid value: "": needs to be unset`,
			`count: Invalid value: "": needs to be unset`,
			`source: Invalid value: "": needs to be unset`,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := schedulerEvent()
			tc.change(e)
			checkErrors(t, ValidateCreate(e), tc.want...)
		})
	}
}

// A recorder may move an event's series on, but not change what the
// event says; an event first written through core/v1 can still be
// updated through events.k8s.io/v1.
func TestValidateEventV1Update(t *testing.T) {
	seen := metav1.NewMicroTime(time.Date(2025, 6, 2, 9, 19, 2, 107264000, time.UTC))
	tests := []struct {
		name   string
		old    func() *eventsv1.Event
		change func(e *eventsv1.Event)
		want   []string
	}{
		{name: "series moves on", old: schedulerEvent, change: func(e *eventsv1.Event) {
			e.Series = &eventsv1.EventSeries{Count: 2, LastObservedTime: seen}
		}},
		{name: "invalid series", old: schedulerEvent, change: func(e *eventsv1.Event) {
			e.Series = &eventsv1.EventSeries{Count: 1, LastObservedTime: seen}
		}, want: []string{`series.count: Invalid value: "": should be at least 2`}},
		{name: "note and type changed", old: schedulerEvent, change: func(e *eventsv1.Event) {
			e.Note, e.Type = "moved", corev1.EventTypeWarning
		}, want: []string{`message: Invalid value: "moved": field is immutable`, `type: Invalid value: "Warning": field is immutable`}},
		{name: "regarding and reporter changed", old: schedulerEvent, change: func(e *eventsv1.Event) {
			e.Regarding.Name, e.ReportingInstance = "web-2", "default-scheduler-cp-2"
		}, want: []string{
			`involvedObject: Invalid value: {"kind":"Pod","namespace":"default","name":"web-2"}: field is immutable`,
			`reportingInstance: Invalid value: "default-scheduler-cp-2": field is immutable`,
		}},
		{name: "eventTime below a microsecond", old: schedulerEvent, change: func(e *eventsv1.Event) {
			e.EventTime = metav1.NewMicroTime(e.EventTime.Add(999 * time.Nanosecond))
		}},
		{name: "eventTime moved", old: schedulerEvent, change: func(e *eventsv1.Event) {
			e.EventTime = metav1.NewMicroTime(e.EventTime.Add(time.Second))
		}, want: []string{`eventTime: Invalid value: "2025-06-02 09:14:06.412367 +0000 UTC": field is immutable`}},
		{name: "event written through core/v1", old: func() *eventsv1.Event {
			return eventsv1.FromCoreEvent(&corev1.Event{
				ObjectMeta:     metav1.ObjectMeta{Name: "web-1.17a", Namespace: "default"},
				InvolvedObject: corev1.ObjectReference{Kind: "Pod", Namespace: "default", Name: "web-1"},
				Reason:         "Pulled", Count: 3, Source: corev1.EventSource{Component: "kubelet"},
			})
		}, change: func(e *eventsv1.Event) { e.Labels = map[string]string{"seen": "yes"} }},
		{name: "bad label", old: schedulerEvent, change: func(e *eventsv1.Event) { e.Labels = map[string]string{"a b": "x"} },
			want: []string{`metadata.labels: Invalid value: "a b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old := tc.old()
			e := tc.old()
			tc.change(e)
			checkErrors(t, ValidateUpdate(e, old), tc.want...)
		})
	}
}
