package podresources

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

func cpu(v string) corev1.ResourceRequirements {
	return corev1.ResourceRequirements{
		Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(v)},
		Limits:   corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(v)},
	}
}

// Talk 003, "Scheduler": a pod asks for the sum of its containers, or its
// largest init container if that is more.
func TestRequests(t *testing.T) {
	always := corev1.ContainerRestartPolicyAlways
	tests := []struct {
		name string
		spec corev1.PodSpec
		want string
	}{
		{name: "containers add up", spec: corev1.PodSpec{Containers: []corev1.Container{
			{Name: "a", Resources: cpu("100m")}, {Name: "b", Resources: cpu("200m")}}}, want: "300m"},
		{name: "a larger init container wins", spec: corev1.PodSpec{
			InitContainers: []corev1.Container{{Name: "i", Resources: cpu("1")}},
			Containers:     []corev1.Container{{Name: "a", Resources: cpu("100m")}}}, want: "1"},
		{name: "a sidecar runs with the containers", spec: corev1.PodSpec{
			InitContainers: []corev1.Container{{Name: "s", RestartPolicy: &always, Resources: cpu("50m")}},
			Containers:     []corev1.Container{{Name: "a", Resources: cpu("100m")}}}, want: "150m"},
		{name: "an init container after a sidecar runs beside it", spec: corev1.PodSpec{
			InitContainers: []corev1.Container{
				{Name: "s", RestartPolicy: &always, Resources: cpu("500m")},
				{Name: "i", Resources: cpu("700m")}},
			Containers: []corev1.Container{{Name: "a", Resources: cpu("100m")}}}, want: "1200m"},
		{name: "pod-level resources replace the sum", spec: corev1.PodSpec{
			Resources:  &corev1.ResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("2")}},
			Containers: []corev1.Container{{Name: "a", Resources: cpu("100m")}}}, want: "2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Requests(&corev1.Pod{Spec: tc.spec})[corev1.ResourceCPU]
			if want := resource.MustParse(tc.want); got.Cmp(want) != 0 {
				t.Errorf("Requests cpu = %s, want %s", got.String(), tc.want)
			}
		})
	}
}

func TestLimitsUseLimits(t *testing.T) {
	pod := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "a", Resources: corev1.ResourceRequirements{
		Limits: corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("64Mi")}}}}}}
	got := Limits(pod)
	if q := got[corev1.ResourceMemory]; q.String() != "64Mi" {
		t.Errorf("Limits memory = %s, want 64Mi", q.String())
	}
	if _, ok := Requests(pod)[corev1.ResourceMemory]; ok {
		t.Errorf("Requests has memory, want none: limits are not requests here")
	}
}
