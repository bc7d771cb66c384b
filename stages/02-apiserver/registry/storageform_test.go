package registry_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	eventsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/events/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// kubeletEvent is an event as a kubelet writes it through core/v1.
func kubeletEvent() *corev1.Event {
	at := metav1.NewTime(time.Date(2025, 6, 2, 9, 14, 7, 0, time.UTC))
	return &corev1.Event{
		ObjectMeta:     metav1.ObjectMeta{Name: "web-1.184f2a7b9a0b1c2d", Namespace: "default"},
		InvolvedObject: corev1.ObjectReference{Kind: "Pod", Namespace: "default", Name: "web-1", APIVersion: "v1", FieldPath: "spec.containers{web}"},
		Reason:         "Pulling", Message: "Pulling image \"nginx:1.27\"", Type: corev1.EventTypeNormal,
		Source:         corev1.EventSource{Component: "kubelet", Host: "worker-1"},
		FirstTimestamp: at, LastTimestamp: at, Count: 1,
	}
}

// schedulerEvent is an event as a scheduler writes it through
// events.k8s.io/v1.
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

// Talk 000, "Scheduler" and "Kubelet": the scheduler reports through
// events.k8s.io/v1, the kubelet through core/v1, and `kubectl describe
// pod` reads both. The two groups share one storage, so each event reads
// back through either API, complete, as its own group's kind.
func TestEventsSharedBetweenGroups(t *testing.T) {
	e := newEnv(t)
	core, events := e.storage(t, "", "events"), e.storage(t, "events.k8s.io", "events")

	t.Run("written through core/v1, read through events.k8s.io/v1", func(t *testing.T) {
		created := create(t, core, kubeletEvent())
		got := get[*eventsv1.Event](t, events, "default", created.Name)
		if diff := cmp.Diff(eventsv1.FromCoreEvent(created), got); diff != "" {
			t.Errorf("(-core event converted +read through events.k8s.io):\n%s", diff)
		}
		if got.APIVersion != "events.k8s.io/v1" || got.Kind != "Event" {
			t.Errorf("read as %s %s, want events.k8s.io/v1 Event", got.APIVersion, got.Kind)
		}
	})
	t.Run("written through events.k8s.io/v1, read through core/v1", func(t *testing.T) {
		created := create(t, events, schedulerEvent())
		if created.APIVersion != "events.k8s.io/v1" {
			t.Errorf("create returned apiVersion %q, want events.k8s.io/v1", created.APIVersion)
		}
		got := get[*corev1.Event](t, core, "default", created.Name)
		if diff := cmp.Diff(eventsv1.ToCoreEvent(created), got); diff != "" {
			t.Errorf("(-events.k8s.io event converted +read through core):\n%s", diff)
		}
	})
	t.Run("listed through both", func(t *testing.T) {
		for _, s := range []registry.Storage{core, events} {
			list, err := s.List(t.Context(), "default", registry.ListOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(list.Items); got != 2 {
				t.Errorf("%s lists %d events, want 2", s.Resource().GroupVersionResource(), got)
			}
		}
	})
	t.Run("updated through events.k8s.io/v1, the core fields kept", func(t *testing.T) {
		// A recorder's heartbeat: the event happened again.
		name := schedulerEvent().Name
		seen := metav1.NewMicroTime(time.Date(2025, 6, 2, 9, 20, 0, 0, time.UTC))
		_, _, err := events.Update(t.Context(), registry.Key{Namespace: "default", Name: name},
			modify(func(ev *eventsv1.Event) { ev.Series = &eventsv1.EventSeries{Count: 2, LastObservedTime: seen} }),
			registry.UpdateOptions{})
		if err != nil {
			t.Fatalf("update: %v", err)
		}
		got := get[*corev1.Event](t, core, "default", name)
		if got.Series == nil || got.Series.Count != 2 || got.Message != schedulerEvent().Note || got.ReportingInstance != "default-scheduler-cp-1" {
			t.Errorf("core event after update: series %+v, message %q, reportingInstance %q", got.Series, got.Message, got.ReportingInstance)
		}
	})
}

// Talk 000, "Scheduler": selecting the events of one pod through
// events.k8s.io/v1 uses that group's field names for the core fields.
func TestEventsV1FieldSelectors(t *testing.T) {
	e := newEnv(t)
	core, events := e.storage(t, "", "events"), e.storage(t, "events.k8s.io", "events")
	create(t, core, kubeletEvent())
	other := schedulerEvent()
	other.Name, other.Regarding.Name, other.Reason = "web-2.1", "web-2", "FailedScheduling"
	create(t, events, schedulerEvent())
	create(t, events, other)
	tests := []struct {
		field string
		want  string
	}{
		{"regarding.name=web-1", "web-1.184f2a7b1c3d5e7f,web-1.184f2a7b9a0b1c2d"},
		{"regarding.fieldPath=spec.containers{web}", "web-1.184f2a7b9a0b1c2d"},
		{"reason=FailedScheduling", "web-2.1"},
		{"reportingController=default-scheduler", "web-1.184f2a7b1c3d5e7f,web-2.1"},
		{"source=kubelet", "web-1.184f2a7b9a0b1c2d"},
		{"type=Warning", ""},
	}
	for _, tc := range tests {
		t.Run(tc.field, func(t *testing.T) {
			list, err := events.List(t.Context(), "default", registry.ListOptions{Field: mustFields(t, tc.field)})
			if err != nil {
				t.Fatal(err)
			}
			if got := names(list.Items); got != tc.want {
				t.Errorf("selected %q, want %q", got, tc.want)
			}
		})
	}
}

// Talk 004, steps 3-4: a controller watching events.k8s.io/v1 sees the
// events a kubelet writes through core/v1, as events.k8s.io/v1 Events.
func TestEventsV1WatchSeesCoreWrites(t *testing.T) {
	e := newEnv(t)
	core, events := e.storage(t, "", "events"), e.storage(t, "events.k8s.io", "events")
	w, err := events.Watch(t.Context(), "default", registry.ListOptions{
		ResourceVersion: formatInt(e.revision(t)),
		Field:           mustFields(t, "regarding.name=web-1"),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	created := create(t, core, kubeletEvent())
	ev := next(t, w)
	got, ok := ev.Object.(*eventsv1.Event)
	if ev.Type != metav1.Added || !ok {
		t.Fatalf("event %s %T, want ADDED *eventsv1.Event", ev.Type, ev.Object)
	}
	if diff := cmp.Diff(eventsv1.FromCoreEvent(created), got); diff != "" {
		t.Errorf("(-core event converted +watched):\n%s", diff)
	}
}
