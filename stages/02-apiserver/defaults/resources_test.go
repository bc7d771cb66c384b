package defaults

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

// Talk 003, "kube-scheduler" (resource requirements / limits): the amounts
// the scheduler compares are stored in whole millis.
func TestResourceList(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "whole units kept", in: "2", want: "2"},
		{name: "millis kept", in: "250m", want: "250m"},
		{name: "binary suffix kept", in: "512Mi", want: "512Mi"},
		{name: "a whole number of millis is not changed", in: "0.5", want: "500m"},
		{name: "half a milli rounds up", in: "0.5m", want: "1m"},
		{name: "a little over a unit", in: "1.0001", want: "1001m"},
		{name: "microunits", in: "100u", want: "1m"},
		{name: "negative rounds away from zero", in: "-1.5m", want: "-2m"},
		{name: "zero", in: "0", want: "0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rl := corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(tc.in)}
			ResourceList(rl)
			if got := rl[corev1.ResourceCPU]; got.String() != tc.want {
				t.Errorf("ResourceList(%s) = %s, want %s", tc.in, got.String(), tc.want)
			}
		})
	}
	ResourceList(nil) // a nil list is allowed
}

func TestLimitRange(t *testing.T) {
	q := resource.MustParse
	tests := []struct {
		name                    string
		in                      corev1.LimitRangeItem
		wantDefault, wantDefReq corev1.ResourceList
	}{
		{
			name:        "max becomes the default limit and the default request",
			in:          corev1.LimitRangeItem{Type: corev1.LimitTypeContainer, Max: corev1.ResourceList{"cpu": q("2")}},
			wantDefault: corev1.ResourceList{"cpu": q("2")}, wantDefReq: corev1.ResourceList{"cpu": q("2")},
		},
		{
			name: "default request from the default limit before the min",
			in: corev1.LimitRangeItem{Type: corev1.LimitTypeContainer,
				Default: corev1.ResourceList{"cpu": q("1")}, Min: corev1.ResourceList{"cpu": q("100m"), "memory": q("64Mi")}},
			wantDefault: corev1.ResourceList{"cpu": q("1")},
			wantDefReq:  corev1.ResourceList{"cpu": q("1"), "memory": q("64Mi")},
		},
		{
			name: "user defaults kept",
			in: corev1.LimitRangeItem{Type: corev1.LimitTypeContainer, Max: corev1.ResourceList{"cpu": q("4")},
				Default: corev1.ResourceList{"cpu": q("1")}, DefaultRequest: corev1.ResourceList{"cpu": q("500m")}},
			wantDefault: corev1.ResourceList{"cpu": q("1")}, wantDefReq: corev1.ResourceList{"cpu": q("500m")},
		},
		{
			name: "pod limits get no defaults",
			in:   corev1.LimitRangeItem{Type: corev1.LimitTypePod, Max: corev1.ResourceList{"cpu": q("4")}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lr := &corev1.LimitRange{Spec: corev1.LimitRangeSpec{Limits: []corev1.LimitRangeItem{tc.in}}}
			LimitRange(lr)
			got := lr.Spec.Limits[0]
			if diff := cmp.Diff(tc.wantDefault, got.Default, quantityCmp); diff != "" {
				t.Errorf("default (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantDefReq, got.DefaultRequest, quantityCmp); diff != "" {
				t.Errorf("defaultRequest (-want +got):\n%s", diff)
			}
		})
	}
}

// Talk 003, "kubelet" (registers the node, reports its status): a node
// that reports only its capacity has all of it allocatable.
func TestNode(t *testing.T) {
	n := &corev1.Node{Status: corev1.NodeStatus{Capacity: corev1.ResourceList{"cpu": resource.MustParse("4"), "pods": resource.MustParse("110")}}}
	Node(n)
	if diff := cmp.Diff(n.Status.Capacity, n.Status.Allocatable, quantityCmp); diff != "" {
		t.Errorf("allocatable differs from capacity (-capacity +allocatable):\n%s", diff)
	}
	n.Status.Allocatable["cpu"] = resource.MustParse("3")
	if c := n.Status.Capacity["cpu"]; c.String() != "4" {
		t.Errorf("capacity changed with allocatable: %s", c.String())
	}

	reserved := &corev1.Node{Status: corev1.NodeStatus{Capacity: corev1.ResourceList{"cpu": resource.MustParse("4")},
		Allocatable: corev1.ResourceList{"cpu": resource.MustParse("3500m")}}}
	Node(reserved)
	if a := reserved.Status.Allocatable["cpu"]; a.String() != "3500m" {
		t.Errorf("reported allocatable overwritten: %s", a.String())
	}
}

func TestResourceQuota(t *testing.T) {
	rq := &corev1.ResourceQuota{Spec: corev1.ResourceQuotaSpec{Hard: corev1.ResourceList{"requests.cpu": resource.MustParse("0.0001")}}}
	ResourceQuota(rq)
	if got := rq.Spec.Hard["requests.cpu"]; got.String() != "1m" {
		t.Errorf("hard requests.cpu = %s, want 1m", got.String())
	}
}
