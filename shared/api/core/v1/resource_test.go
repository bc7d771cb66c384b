package corev1

import (
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

// Talk 003, "Scheduler": requests are read by name; a missing name is zero.
func TestResourceListAccessors(t *testing.T) {
	rl := ResourceList{
		ResourceCPU:              resource.MustParse("250m"),
		ResourceMemory:           resource.MustParse("64Mi"),
		ResourcePods:             resource.MustParse("110"),
		ResourceEphemeralStorage: resource.MustParse("1Gi"),
	}
	tests := []struct {
		name string
		get  func(*ResourceList) *resource.Quantity
		list ResourceList
		want string
	}{
		{name: "cpu", get: (*ResourceList).Cpu, list: rl, want: "250m"},
		{name: "memory", get: (*ResourceList).Memory, list: rl, want: "64Mi"},
		{name: "pods", get: (*ResourceList).Pods, list: rl, want: "110"},
		{name: "ephemeral storage", get: (*ResourceList).StorageEphemeral, list: rl, want: "1Gi"},
		{name: "missing storage is zero", get: (*ResourceList).Storage, list: rl, want: "0"},
		{name: "nil list is zero", get: (*ResourceList).Cpu, list: nil, want: "0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.get(&tc.list).String(); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestResourceListNameDefaultFormat(t *testing.T) {
	var rl ResourceList
	if got := rl.Memory().Format; got != resource.BinarySI {
		t.Errorf("missing memory format = %q, want %q", got, resource.BinarySI)
	}
	if got := rl.Cpu().Format; got != resource.DecimalSI {
		t.Errorf("missing cpu format = %q, want %q", got, resource.DecimalSI)
	}
}

// The accessors return a copy: a scheduler summing into it must not change
// the pod it read from.
func TestResourceListNameReturnsCopy(t *testing.T) {
	rl := ResourceList{ResourceCPU: resource.MustParse("100m")}
	q := rl.Cpu()
	q.Add(resource.MustParse("1"))
	if got := rl[ResourceCPU]; got.String() != "100m" {
		t.Errorf("list changed to %s after adding to the returned quantity", got.String())
	}
}
