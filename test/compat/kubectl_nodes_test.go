package compat

// The upstream kubectl's node commands against our server: cordon and
// taint patch a cluster-scoped object, and the node table shows the
// result. No kubelet runs, so the node has no Ready condition.
//
// Interface: tests only.

import (
	"context"
	"slices"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Talk 003, "kubelet registration": a node object, administered by kubectl
// before any kubelet reports on it.
func TestUpstreamKubectlNodes(t *testing.T) {
	s := startAPIServer(t)
	cs := s.clientset(t)
	mustKubectlWith(t, s, "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n", nil, "apply", "-f", "-")

	// The rows run in order on node n1.
	for _, tc := range []struct {
		name, want, status string
		args               []string
		check              func(*corev1.Node) bool
	}{
		{name: "cordon", args: []string{"cordon", "n1"}, want: "node/n1 cordoned\n", status: "Unknown,SchedulingDisabled",
			check: func(n *corev1.Node) bool { return n.Spec.Unschedulable }},
		{name: "taint", args: []string{"taint", "nodes", "n1", "dedicated=db:NoSchedule"}, want: "node/n1 tainted\n", status: "Unknown,SchedulingDisabled",
			check: func(n *corev1.Node) bool {
				return slices.Contains(n.Spec.Taints, corev1.Taint{Key: "dedicated", Value: "db", Effect: corev1.TaintEffectNoSchedule})
			}},
		{name: "untaint", args: []string{"taint", "nodes", "n1", "dedicated-"}, want: "node/n1 untainted\n", status: "Unknown,SchedulingDisabled",
			check: func(n *corev1.Node) bool { return len(n.Spec.Taints) == 0 }},
		{name: "uncordon", args: []string{"uncordon", "n1"}, want: "node/n1 uncordoned\n", status: "Unknown",
			check: func(n *corev1.Node) bool { return !n.Spec.Unschedulable }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := mustKubectl(t, s, tc.args...); got != tc.want {
				t.Errorf("printed %q, want %q", got, tc.want)
			}
			n, err := cs.CoreV1().Nodes().Get(context.Background(), "n1", metav1.GetOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(n) {
				t.Errorf("node spec after %s: %+v", tc.name, n.Spec)
			}
			tb := parseTable(t, mustKubectl(t, s, "get", "nodes", "-o", "wide"))
			want := []string{"NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"}
			if !slices.Equal(tb.header, want) {
				t.Errorf("header = %q, want %q", tb.header, want)
			}
			if len(tb.rows) != 1 || tb.rows[0]["STATUS"] != tc.status || tb.rows[0]["ROLES"] != "<none>" {
				t.Errorf("rows = %v, want n1 %s with no roles", tb.rows, tc.status)
			}
		})
	}
}
