// Package coordinationv1 holds the Go types of the coordination.k8s.io/v1
// API group: Leases.
//
// The types mirror k8s.io/api/coordination/v1 at Kubernetes v1.37: same
// JSON names, omitempty, pointers and field order. Times are MicroTime
// (six fractional digits).
//
// Usage:
//
//	holder, seconds := "kube-scheduler-node1_4f2c", int32(15)
//	now := metav1.NowMicro()
//	lease := &coordinationv1.Lease{
//		TypeMeta:   metav1.TypeMeta{APIVersion: "coordination.k8s.io/v1", Kind: "Lease"},
//		ObjectMeta: metav1.ObjectMeta{Name: "kube-scheduler", Namespace: "kube-system"},
//		Spec: coordinationv1.LeaseSpec{
//			HolderIdentity:       &holder,
//			LeaseDurationSeconds: &seconds,
//			RenewTime:            &now,
//		},
//	}
//
// Two uses in this project: leader election of the controller manager and
// the scheduler (stages 3 and 4), and node heartbeats, one Lease per node
// in kube-node-lease renewed by its kubelet (stage 5).
//
// Kinds are registered once, in shared/scheme; this package registers
// nothing.
package coordinationv1
