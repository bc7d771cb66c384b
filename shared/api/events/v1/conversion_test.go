package eventsv1

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/internal/apitest"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// readFixture decodes testdata/event.json.
func readFixture(t *testing.T) *Event {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "event.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ev Event
	if err := json.Unmarshal(data, &ev); err != nil {
		t.Fatal(err)
	}
	return &ev
}

// kubeletEvent is an old-style core/v1 Event, as a kubelet writes it:
// source, first and last timestamps and a count, no eventTime.
func kubeletEvent() *corev1.Event {
	first := time.Date(2025, 6, 2, 9, 14, 12, 0, time.UTC)
	return &corev1.Event{
		ObjectMeta:     metav1.ObjectMeta{Name: "web-1.184f2a7c9d1e3b5a", Namespace: "default"},
		InvolvedObject: corev1.ObjectReference{Kind: "Pod", Namespace: "default", Name: "web-1", FieldPath: "spec.containers{web}"},
		Reason:         "Pulled",
		Message:        `Container image "nginx:1.27" already present on machine`,
		Source:         corev1.EventSource{Component: "kubelet", Host: "worker-1"},
		FirstTimestamp: metav1.NewTime(first),
		LastTimestamp:  metav1.NewTime(first.Add(88 * time.Second)),
		Count:          4,
		Type:           corev1.EventTypeNormal,
	}
}

// Talk 002, "kubectl api-resources": both groups list the same events, so
// an event written through core/v1 must read back through events.k8s.io/v1
// with every field in its new place.
func TestFromCoreEvent(t *testing.T) {
	got, err := json.Marshal(FromCoreEvent(kubeletEvent()))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"metadata":{"name":"web-1.184f2a7c9d1e3b5a","namespace":"default"},"eventTime":null,
		"reason":"Pulled","regarding":{"kind":"Pod","namespace":"default","name":"web-1","fieldPath":"spec.containers{web}"},
		"note":"Container image \"nginx:1.27\" already present on machine","type":"Normal",
		"deprecatedSource":{"component":"kubelet","host":"worker-1"},
		"deprecatedFirstTimestamp":"2025-06-02T09:14:12Z","deprecatedLastTimestamp":"2025-06-02T09:15:40Z","deprecatedCount":4}`
	apitest.SameJSON(t, []byte(want), got)
}

// The scheduler's series event keeps its series, reporter and note in the
// stored core/v1 form.
func TestToCoreEvent(t *testing.T) {
	core := ToCoreEvent(readFixture(t))
	got := []any{core.APIVersion, core.InvolvedObject.Name, core.Message[:4], core.ReportingController,
		core.Series.Count, core.Series.LastObservedTime.UTC().Format(metav1.RFC3339Micro)}
	want := []any{"v1", "web-7c5ddbdf54-q4n7z", "0/3 ", "default-scheduler", int32(4), "2025-06-02T09:19:02.107264Z"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// A conversion there and back loses nothing, in either direction.
func TestConversionRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T) (want, got any)
	}{
		{name: "events.k8s.io/v1 through core/v1", run: func(t *testing.T) (any, any) {
			ev := readFixture(t)
			return ev, FromCoreEvent(ToCoreEvent(ev))
		}},
		{name: "core/v1 through events.k8s.io/v1", run: func(*testing.T) (any, any) {
			ev := kubeletEvent()
			ev.TypeMeta = metav1.TypeMeta{APIVersion: "v1", Kind: "Event"}
			ev.Related = &corev1.ObjectReference{Kind: "Node", Name: "worker-1"}
			return ev, ToCoreEvent(FromCoreEvent(ev))
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, got := tc.run(t)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// Items of a list carry no apiVersion or kind, and keep none after
// conversion; a converted object never shares its related reference.
func TestConversionTypeMetaAndCopies(t *testing.T) {
	ev := kubeletEvent()
	ev.Related = &corev1.ObjectReference{Kind: "Node", Name: "worker-1"}
	out := FromCoreEvent(ev)
	if out.TypeMeta != (metav1.TypeMeta{}) {
		t.Errorf("typeMeta = %+v, want empty", out.TypeMeta)
	}
	out.Related.Name = "worker-2"
	if ev.Related.Name != "worker-1" {
		t.Errorf("changing the converted related reference changed the original")
	}
	ev.TypeMeta = metav1.TypeMeta{APIVersion: "v1", Kind: "Event"}
	if got := FromCoreEvent(ev).TypeMeta; got != (metav1.TypeMeta{APIVersion: "events.k8s.io/v1", Kind: "Event"}) {
		t.Errorf("typeMeta = %+v, want events.k8s.io/v1 Event", got)
	}
}
