package validation

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

var quotaMeta = metav1.ObjectMeta{Name: "limits", Namespace: "default"}

// Talk 000, "Admission controllers": LimitRanger and ResourceQuota
// enforce these objects; validation makes sure they are coherent.
func TestValidateLimitRange(t *testing.T) {
	q := resource.MustParse
	tests := []struct {
		name  string
		items []corev1.LimitRangeItem
		want  []string
	}{
		{name: "container defaults", items: []corev1.LimitRangeItem{{Type: corev1.LimitTypeContainer,
			Max: corev1.ResourceList{"cpu": q("2")}, Default: corev1.ResourceList{"cpu": q("500m")}, DefaultRequest: corev1.ResourceList{"cpu": q("250m")}}}},
		{
			name:  "min above max",
			items: []corev1.LimitRangeItem{{Type: corev1.LimitTypeContainer, Min: corev1.ResourceList{"memory": q("2Gi")}, Max: corev1.ResourceList{"memory": q("1Gi")}}},
			want:  []string{`spec.limits[0].min[memory]: Invalid value: "2Gi": min value 2Gi is greater than max value 1Gi`},
		},
		{
			name: "defaults for a pod, and a repeated type",
			items: []corev1.LimitRangeItem{
				{Type: corev1.LimitTypePod, Default: corev1.ResourceList{"cpu": q("1")}},
				{Type: corev1.LimitTypePod},
			},
			want: []string{
				"spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'",
				`spec.limits[1].type: Duplicate value: "Pod"`,
			},
		},
		{
			name:  "claim limits without storage, unknown type",
			items: []corev1.LimitRangeItem{{Type: corev1.LimitTypePersistentVolumeClaim}, {Type: "Volume"}},
			want: []string{
				"spec.limits[0].limits: Required value: either minimum or maximum storage value is required, but neither was provided",
				`spec.limits[1].type: Invalid value: "Volume": must be a standard limit type or fully qualified`,
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkErrors(t, ValidateCreate(&corev1.LimitRange{ObjectMeta: quotaMeta, Spec: corev1.LimitRangeSpec{Limits: tc.items}}), tc.want...)
		})
	}
}

func TestValidateResourceQuota(t *testing.T) {
	q := resource.MustParse
	tests := []struct {
		name string
		spec corev1.ResourceQuotaSpec
		want []string
	}{
		{name: "counts and compute", spec: corev1.ResourceQuotaSpec{Hard: corev1.ResourceList{
			"pods": q("10"), "requests.cpu": q("4"), "count/deployments.apps": q("5")}}},
		{
			name: "negative, fractional and unknown",
			spec: corev1.ResourceQuotaSpec{Hard: corev1.ResourceList{"pods": q("1500m"), "services": q("-1"), "gpus": q("1")}},
			want: []string{
				`spec.hard[gpus]: Invalid value: "gpus": must be a standard resource type or fully qualified`,
				`spec.hard[gpus]: Invalid value: "gpus": must be a standard resource for quota`,
				`spec.hard[pods]: Invalid value: "1500m": must be an integer`,
				`spec.hard[services]: Invalid value: "-1": must be greater than or equal to 0`,
			},
		},
		{
			name: "conflicting scopes, and a scope that does not fit",
			spec: corev1.ResourceQuotaSpec{
				Hard:   corev1.ResourceList{"services": q("1")},
				Scopes: []corev1.ResourceQuotaScope{corev1.ResourceQuotaScopeBestEffort, corev1.ResourceQuotaScopeNotBestEffort},
			},
			want: []string{
				`spec.scopes: Invalid value: ["BestEffort","NotBestEffort"]: unsupported scope applied to resource`,
				`spec.scopes: Invalid value: ["BestEffort","NotBestEffort"]: unsupported scope applied to resource`,
				`spec.scopes: Invalid value: ["BestEffort","NotBestEffort"]: conflicting scopes`,
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkErrors(t, ValidateCreate(&corev1.ResourceQuota{ObjectMeta: quotaMeta, Spec: tc.spec}), tc.want...)
		})
	}
	old := &corev1.ResourceQuota{ObjectMeta: quotaMeta, Spec: corev1.ResourceQuotaSpec{Hard: corev1.ResourceList{"pods": q("10")}}}
	rq := &corev1.ResourceQuota{ObjectMeta: quotaMeta, Spec: corev1.ResourceQuotaSpec{Hard: corev1.ResourceList{"pods": q("10")},
		Scopes: []corev1.ResourceQuotaScope{corev1.ResourceQuotaScopeBestEffort}}}
	checkErrors(t, ValidateUpdate(rq, old), `spec.scopes: Invalid value: ["BestEffort"]: field is immutable`)
}
