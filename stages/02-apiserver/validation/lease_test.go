package validation

import (
	"testing"

	coordinationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/coordination/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

func TestValidateLease(t *testing.T) {
	tests := []struct {
		name string
		spec coordinationv1.LeaseSpec
		want []string
	}{
		{name: "node heartbeat", spec: coordinationv1.LeaseSpec{HolderIdentity: ptr("worker-1"), LeaseDurationSeconds: ptr(int32(40))}},
		{
			name: "zero duration, negative transitions",
			spec: coordinationv1.LeaseSpec{LeaseDurationSeconds: ptr(int32(0)), LeaseTransitions: ptr(int32(-1))},
			want: []string{
				"spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
				"spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0",
			},
		},
		{
			name: "unknown strategy",
			spec: coordinationv1.LeaseSpec{Strategy: ptr(coordinationv1.CoordinatedLeaseStrategy("Newest"))},
			want: []string{`spec.strategy: Unsupported value: "Newest": supported values: "OldestEmulationVersion"`},
		},
		{
			name: "preferred holder without a strategy",
			spec: coordinationv1.LeaseSpec{PreferredHolder: ptr("b")},
			want: []string{"spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := &coordinationv1.Lease{ObjectMeta: metav1.ObjectMeta{Name: "worker-1", Namespace: "kube-node-lease"}, Spec: tc.spec}
			checkErrors(t, ValidateCreate(l), tc.want...)
		})
	}
}
