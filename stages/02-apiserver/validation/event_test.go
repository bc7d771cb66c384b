package validation

import (
	"strings"
	"testing"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
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
