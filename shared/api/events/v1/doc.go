// Package eventsv1 holds the Go types of the events.k8s.io/v1 API group:
// the newer form of Events.
//
// The types mirror k8s.io/api/events/v1 at Kubernetes v1.37: same JSON
// names, omitempty, pointers and field order. The object an event is about
// is "regarding" (core/v1 says "involvedObject"), its text is "note"
// ("message"), and the fields core/v1 had for repeated events survive
// under deprecated* names; eventTime (a MicroTime) is required.
//
// Usage:
//
//	ev := &eventsv1.Event{
//		TypeMeta:            metav1.TypeMeta{APIVersion: "events.k8s.io/v1", Kind: "Event"},
//		ObjectMeta:          metav1.ObjectMeta{Name: "web-1.18a2f3c4d5e6f708", Namespace: "default"},
//		EventTime:           metav1.NowMicro(),
//		ReportingController: "default-scheduler",
//		ReportingInstance:   "default-scheduler-node1",
//		Action:              "Binding",
//		Reason:              "Scheduled",
//		Regarding:           corev1.ObjectReference{Kind: "Pod", Namespace: "default", Name: "web-1"},
//		Note:                "Successfully assigned default/web-1 to node1",
//		Type:                corev1.EventTypeNormal,
//	}
//	stored := eventsv1.ToCoreEvent(ev) // what the API server keeps in etcd
//
// Both groups serve the same objects: upstream stores every Event once,
// in the core/v1 form under /registry/events, and converts on the way in
// and out of events.k8s.io/v1. ToCoreEvent and FromCoreEvent
// (conversion.go) are that conversion.
//
// Talk 002, "kubectl api-resources": events appear twice in the list, as
// v1 and as events.k8s.io/v1, both with the short name ev.
//
// Kinds are registered once, in shared/scheme; this package registers
// nothing.
package eventsv1
