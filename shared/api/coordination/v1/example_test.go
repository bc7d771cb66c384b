package coordinationv1_test

import (
	"encoding/json"
	"fmt"
	"time"

	coordinationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/coordination/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// The node Lease a kubelet renews every ten seconds as its heartbeat.
// Lease times keep microseconds.
func Example() {
	holder, duration := "worker-1", int32(40)
	renew := metav1.NewMicroTime(time.Date(2025, 6, 2, 10, 5, 14, 107551000, time.UTC))
	lease := coordinationv1.Lease{
		TypeMeta:   metav1.TypeMeta{APIVersion: "coordination.k8s.io/v1", Kind: "Lease"},
		ObjectMeta: metav1.ObjectMeta{Name: "worker-1", Namespace: "kube-node-lease"},
		Spec: coordinationv1.LeaseSpec{
			HolderIdentity:       &holder,
			LeaseDurationSeconds: &duration,
			RenewTime:            &renew,
		},
	}
	out, _ := json.Marshal(lease)
	fmt.Println(string(out))
	// Output:
	// {"kind":"Lease","apiVersion":"coordination.k8s.io/v1","metadata":{"name":"worker-1","namespace":"kube-node-lease"},"spec":{"holderIdentity":"worker-1","leaseDurationSeconds":40,"renewTime":"2025-06-02T10:05:14.107551Z"}}
}
