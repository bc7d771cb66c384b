package defaults

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

// Talk 000, "Write to etcd!": a Secret without a type is stored as Opaque.
func TestSecret(t *testing.T) {
	tests := []struct {
		name string
		in   corev1.SecretType
		want corev1.SecretType
	}{
		{name: "unset is Opaque", in: "", want: corev1.SecretTypeOpaque},
		{name: "TLS kept", in: corev1.SecretTypeTLS, want: corev1.SecretTypeTLS},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &corev1.Secret{Type: tc.in}
			Secret(s)
			if s.Type != tc.want {
				t.Errorf("type = %q, want %q", s.Type, tc.want)
			}
		})
	}
}
