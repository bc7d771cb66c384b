package validation

import (
	"strings"
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

var configMeta = metav1.ObjectMeta{Name: "app-config", Namespace: "default"}

func TestValidateConfigMap(t *testing.T) {
	tests := []struct {
		name string
		cm   corev1.ConfigMap
		want []string
	}{
		{name: "file-like keys", cm: corev1.ConfigMap{Data: map[string]string{"nginx.conf": "...", "LOG_LEVEL": "info"}}},
		{
			name: "key with a slash",
			cm:   corev1.ConfigMap{Data: map[string]string{"conf/nginx.conf": "..."}},
			want: []string{`data[conf/nginx.conf]: Invalid value: "conf/nginx.conf": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`},
		},
		{
			name: "key in both maps, and '..'",
			cm:   corev1.ConfigMap{Data: map[string]string{"logo": ""}, BinaryData: map[string][]byte{"logo": {1}, "..": {2}}},
			want: []string{
				`data[logo]: Invalid value: "logo": duplicate of key present in binaryData`,
				`binaryData[..]: Invalid value: "..": must not be '..'`,
			},
		},
		{
			name: "over 1 MiB",
			cm:   corev1.ConfigMap{Data: map[string]string{"big": strings.Repeat("x", corev1.MaxSecretSize+1)}},
			want: []string{"Too long: must have at most 1048576 bytes"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.cm.ObjectMeta = configMeta
			checkErrors(t, ValidateCreate(&tc.cm), tc.want...)
		})
	}
}

func TestValidateSecret(t *testing.T) {
	tests := []struct {
		name string
		s    corev1.Secret
		want []string
	}{
		{name: "opaque", s: corev1.Secret{Type: corev1.SecretTypeOpaque, Data: map[string][]byte{"password": []byte("s3cret")}}},
		{
			name: "tls without its key",
			s:    corev1.Secret{Type: corev1.SecretTypeTLS, Data: map[string][]byte{"tls.crt": []byte("...")}},
			want: []string{"data[tls.key]: Required value"},
		},
		{
			name: "registry credentials that are not JSON",
			s:    corev1.Secret{Type: corev1.SecretTypeDockerConfigJson, Data: map[string][]byte{".dockerconfigjson": []byte("auths:")}},
			want: []string{`data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character 'a' looking for beginning of value`},
		},
		{
			name: "service account token without the account",
			s:    corev1.Secret{Type: corev1.SecretTypeServiceAccountToken},
			want: []string{"metadata.annotations[kubernetes.io/service-account.name]: Required value"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.s.ObjectMeta = configMeta
			checkErrors(t, ValidateCreate(&tc.s), tc.want...)
		})
	}
}

// An immutable ConfigMap or Secret never changes again: kubelets stop
// watching it.
func TestImmutableConfig(t *testing.T) {
	cm := func(value string, immutable *bool) *corev1.ConfigMap {
		return &corev1.ConfigMap{ObjectMeta: configMeta, Immutable: immutable, Data: map[string]string{"k": value}}
	}
	checkErrors(t, ValidateUpdate(cm("2", nil), cm("1", nil)))
	checkErrors(t, ValidateUpdate(cm("2", ptr(true)), cm("1", ptr(true))),
		"data: Forbidden: field is immutable when `immutable` is set")
	checkErrors(t, ValidateUpdate(cm("1", ptr(false)), cm("1", ptr(true))),
		"immutable: Forbidden: field is immutable when `immutable` is set")

	secret := func(typ corev1.SecretType, value string) *corev1.Secret {
		return &corev1.Secret{ObjectMeta: configMeta, Immutable: ptr(true), Type: typ, Data: map[string][]byte{"k": []byte(value)}}
	}
	checkErrors(t, ValidateUpdate(secret("example.com/token", "2"), secret(corev1.SecretTypeOpaque, "1")),
		`type: Invalid value: "example.com/token": field is immutable`,
		"data: Forbidden: field is immutable when `immutable` is set")
}
