// Package corev1 holds the Go types of the core API group ("apiVersion: v1"):
// Pods, Nodes, Services, Endpoints, ConfigMaps, Secrets, Namespaces, Events,
// ServiceAccounts, PersistentVolumes and claims, LimitRanges, ResourceQuotas
// and the Binding the scheduler posts.
//
// The types mirror k8s.io/api/core/v1 at Kubernetes v1.37 field for field,
// for the fields this project reads or validates: the same JSON names, the
// same omitempty, the same choice between a pointer and a value, and the same
// field order. That is what makes an object written here byte-identical to
// one written by upstream, so real manifests, the upstream kubectl and
// client-go all work against the API server this project builds.
//
// Two rules of thumb explain most of the shapes a student will meet:
//
//   - A pointer means "unset is different from zero": *int64 for
//     terminationGracePeriodSeconds, because 0 means "kill now" while nil
//     means "use the default of 30".
//   - A struct value with omitempty is still written when empty, because
//     encoding/json never treats a struct as empty. That is why
//     `kubectl create deployment --dry-run=client -o yaml` prints
//     "resources: {}" for every container.
//
// Usage:
//
//	pod := &corev1.Pod{
//		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
//		ObjectMeta: metav1.ObjectMeta{Name: "nginx", Namespace: "default"},
//		Spec: corev1.PodSpec{
//			Containers: []corev1.Container{{Name: "nginx", Image: "nginx"}},
//		},
//	}
//	ready := corev1.IsPodReady(pod)
//
// A few small helpers that every later stage needs live here too:
// GetPodCondition and IsPodReady (talk 000, "Containers": update pod status), IsPodAvailable
// (the Deployment and ReplicaSet controllers), Taint.ToString and
// Toleration.ToleratesTaint (talk 003, "Scheduler": taints), and the
// ResourceList accessors the scheduler sums (talk 003: requests and limits).
//
// Kinds are registered once, in shared/scheme; this package registers nothing.
package corev1
