package validation

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

// Talk 003, "Worker nodes": what a kubelet registers.
func TestValidateNode(t *testing.T) {
	meta := metav1.ObjectMeta{Name: "worker-1"}
	tests := []struct {
		name string
		spec corev1.NodeSpec
		cap  corev1.ResourceList
		want []string
	}{
		{name: "cordoned node", spec: corev1.NodeSpec{PodCIDR: "10.244.1.0/24", Unschedulable: true,
			Taints: []corev1.Taint{{Key: corev1.TaintNodeUnschedulable, Effect: corev1.TaintEffectNoSchedule}}}},
		{
			name: "taint without an effect, and twice",
			spec: corev1.NodeSpec{Taints: []corev1.Taint{{Key: "gpu", Effect: corev1.TaintEffectNoSchedule}, {Key: "gpu", Effect: corev1.TaintEffectNoSchedule}, {Key: "ssd"}}},
			want: []string{
				`metadata.taints[1]: Duplicate value: {"key":"gpu","effect":"NoSchedule"}: taints must be unique by key and effect pair`,
				"metadata.taints[2].effect: Required value",
			},
		},
		{
			name: "pod CIDR that is an address",
			spec: corev1.NodeSpec{PodCIDR: "10.244.1.0"},
			want: []string{`spec.podCIDRs[0]: Invalid value: "10.244.1.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)`},
		},
		{
			name: "two IPv4 pod CIDRs",
			spec: corev1.NodeSpec{PodCIDRs: []string{"10.244.1.0/24", "10.244.2.0/24"}},
			want: []string{`spec.podCIDRs: Invalid value: ["10.244.1.0/24","10.244.2.0/24"]: may specify no more than one CIDR for each IP family`},
		},
		{
			name: "negative capacity",
			cap:  corev1.ResourceList{"pods": resource.MustParse("-1")},
			want: []string{`status.capacity.pods: Invalid value: "-1": must be greater than or equal to 0`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := &corev1.Node{ObjectMeta: meta, Spec: tc.spec, Status: corev1.NodeStatus{Capacity: tc.cap}}
			checkErrors(t, ValidateCreate(n), tc.want...)
		})
	}
}

// The node IPAM controller assigns a pod CIDR once.
func TestNodeUpdate(t *testing.T) {
	node := func(cidr, provider string) *corev1.Node {
		return &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "worker-1"}, Spec: corev1.NodeSpec{PodCIDR: cidr, ProviderID: provider}}
	}
	checkErrors(t, ValidateUpdate(node("10.244.1.0/24", "kind://w1"), node("", "")))
	checkErrors(t, ValidateUpdate(node("10.244.2.0/24", "kind://w2"), node("10.244.1.0/24", "kind://w1")),
		`spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid`,
		`spec.providerID: Forbidden: node updates may not change providerID except from "" to valid`)
}
