// Binding: the scheduler's decision, posted as an object.
//
// Interface:
//   - Binding ties the pod named by its metadata to Target, a Node.
//
// Talk 000, "Scheduler" and "Binding": the scheduler does not edit the pod; it POSTs a
// Binding to /api/v1/namespaces/<ns>/pods/<name>/binding, and the API
// server (stage 2) sets spec.nodeName and the PodScheduled condition. Talk
// 004 calls this step 7.
package corev1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// Binding binds the object named in its metadata (a pod) to Target. It is
// only ever created, never stored.
type Binding struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Target names the node: {"kind": "Node", "name": "worker-1"}.
	Target ObjectReference `json:"target"`
}
