package validation

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

// Talk 003, "Scheduler": a request is what is reserved, a limit what is
// enforced, so a request above its limit is refused.
func TestContainerResources(t *testing.T) {
	q := resource.MustParse
	res := func(limits, requests corev1.ResourceList) func(*corev1.Pod) {
		return func(p *corev1.Pod) {
			p.Spec.Containers[0].Resources = corev1.ResourceRequirements{Limits: limits, Requests: requests}
		}
	}
	runPodCases(t, []podCase{
		{name: "request within the limit", mutate: res(corev1.ResourceList{"cpu": q("1")}, corev1.ResourceList{"cpu": q("500m")})},
		{
			name:   "request above the limit",
			mutate: res(corev1.ResourceList{"cpu": q("100m")}, corev1.ResourceList{"cpu": q("200m")}),
			want:   []string{`spec.containers[0].resources.requests: Invalid value: "200m": must be less than or equal to cpu limit of 100m`},
		},
		{
			name:   "negative amount",
			mutate: res(corev1.ResourceList{"memory": q("-1Gi")}, nil),
			want:   []string{`spec.containers[0].resources.limits[memory]: Invalid value: "-1Gi": must be greater than or equal to 0`},
		},
		{
			name:   "unknown resource without a domain",
			mutate: res(corev1.ResourceList{"gpu": q("1")}, nil),
			want: []string{
				`spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified`,
				`spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers`,
			},
		},
		{
			name:   "extended resource request below its limit",
			mutate: res(corev1.ResourceList{"example.com/gpu": q("2")}, corev1.ResourceList{"example.com/gpu": q("1")}),
			want:   []string{`spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2`},
		},
		{
			name:   "fraction of an extended resource, with no limit",
			mutate: res(nil, corev1.ResourceList{"example.com/gpu": q("500m")}),
			want: []string{
				`spec.containers[0].resources.requests[example.com/gpu]: Invalid value: "500m": must be an integer`,
				"spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources",
			},
		},
		{
			name:   "huge pages alone, not a whole number of pages",
			mutate: res(corev1.ResourceList{"hugepages-2Mi": q("3Mi")}, corev1.ResourceList{"hugepages-2Mi": q("3Mi")}),
			want: []string{
				`spec.containers[0].resources.limits[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi`,
				`spec.containers[0].resources.requests[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi`,
				"spec.containers[0].resources: Forbidden: HugePages require cpu or memory",
			},
		},
		{
			name:   "claim the pod does not declare",
			mutate: func(p *corev1.Pod) { p.Spec.Containers[0].Resources.Claims = []corev1.ResourceClaim{{Name: "gpu"}} },
			want:   []string{`spec.containers[0].resources.claims[0]: Not found: "gpu": must be one of the names in pod.spec.resourceClaims which is empty`},
		},
	})
}
