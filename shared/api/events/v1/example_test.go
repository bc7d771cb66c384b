package eventsv1_test

import (
	"encoding/json"
	"fmt"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	eventsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/events/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// The event a scheduler records when it binds a pod, and the core/v1 form
// the API server stores it in.
func Example() {
	ev := &eventsv1.Event{
		TypeMeta:            metav1.TypeMeta{APIVersion: "events.k8s.io/v1", Kind: "Event"},
		ObjectMeta:          metav1.ObjectMeta{Name: "web-1.184f2a7b1c3d5e7f", Namespace: "default"},
		EventTime:           metav1.NewMicroTime(time.Date(2025, 6, 2, 9, 14, 5, 412367000, time.UTC)),
		ReportingController: "default-scheduler",
		ReportingInstance:   "default-scheduler-control-plane",
		Action:              "Binding",
		Reason:              "Scheduled",
		Regarding:           corev1.ObjectReference{Kind: "Pod", Namespace: "default", Name: "web-1"},
		Note:                "Successfully assigned default/web-1 to worker-1",
		Type:                corev1.EventTypeNormal,
	}
	out, _ := json.Marshal(ev)
	fmt.Println(string(out))
	stored := eventsv1.ToCoreEvent(ev)
	fmt.Println(stored.APIVersion, stored.InvolvedObject.Name, stored.ReportingController, stored.Message)
	// Output:
	// {"kind":"Event","apiVersion":"events.k8s.io/v1","metadata":{"name":"web-1.184f2a7b1c3d5e7f","namespace":"default"},"eventTime":"2025-06-02T09:14:05.412367Z","reportingController":"default-scheduler","reportingInstance":"default-scheduler-control-plane","action":"Binding","reason":"Scheduled","regarding":{"kind":"Pod","namespace":"default","name":"web-1"},"note":"Successfully assigned default/web-1 to worker-1","type":"Normal","deprecatedSource":{},"deprecatedFirstTimestamp":null,"deprecatedLastTimestamp":null}
	// v1 web-1 default-scheduler Successfully assigned default/web-1 to worker-1
}
