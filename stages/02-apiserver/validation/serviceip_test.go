package validation

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

// An allocated cluster IP stays the Service's for its whole life.
func TestServiceUpdate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*corev1.Service)
		want   []string
	}{
		{name: "selector changed", mutate: func(s *corev1.Service) { s.Spec.Selector = map[string]string{"app": "web2"} }},
		{
			name:   "cluster IP changed",
			mutate: func(s *corev1.Service) { s.Spec.ClusterIP, s.Spec.ClusterIPs = "10.96.0.11", []string{"10.96.0.11"} },
			want:   []string{`spec.clusterIPs[0]: Invalid value: ["10.96.0.11"]: may not change once set`},
		},
		{
			name:   "cluster IP left out",
			mutate: func(s *corev1.Service) { s.Spec.ClusterIP, s.Spec.ClusterIPs = "", nil },
			want:   []string{"spec.clusterIPs[0]: Invalid value: null: primary clusterIP can not be unset"},
		},
		{
			name:   "changed to ExternalName",
			mutate: func(s *corev1.Service) { *s = *externalNameFixture() },
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := validService()
			tc.mutate(s)
			checkErrors(t, ValidateUpdate(s, validService()), tc.want...)
		})
	}
}
