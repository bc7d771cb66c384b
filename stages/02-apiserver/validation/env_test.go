package validation

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

// Environment variables: relaxed names (v1.34+) and one value source.
func TestEnv(t *testing.T) {
	env := func(vars ...corev1.EnvVar) func(*corev1.Pod) {
		return func(p *corev1.Pod) { p.Spec.Containers[0].Env = vars }
	}
	from := func(src corev1.EnvVarSource) corev1.EnvVar { return corev1.EnvVar{Name: "V", ValueFrom: &src} }
	runPodCases(t, []podCase{
		{name: "relaxed name with dots and dashes", mutate: env(corev1.EnvVar{Name: "my.var-1", Value: "x"})},
		{name: "missing name", mutate: env(corev1.EnvVar{Value: "x"}), want: []string{"spec.containers[0].env[0].name: Required value"}},
		{
			name:   "name with '='",
			mutate: env(corev1.EnvVar{Name: "A=B"}),
			want:   []string{`spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`},
		},
		{
			name:   "valueFrom without a source",
			mutate: env(from(corev1.EnvVarSource{})),
			want:   []string{"spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"},
		},
		{
			name: "value and valueFrom together",
			mutate: env(corev1.EnvVar{Name: "V", Value: "x", ValueFrom: &corev1.EnvVarSource{
				FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.name"}}}),
			want: []string{"spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty"},
		},
		{
			name:   "label subscript",
			mutate: env(from(corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.labels['app']"}})),
		},
		{
			name:   "field the downward API does not know",
			mutate: env(from(corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "spec.hostname"}})),
			want:   []string{`spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "spec.hostname": error converting fieldPath: field label not supported: spec.hostname`},
		},
		{
			name:   "field not available to env vars",
			mutate: env(from(corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "status.phase"}})),
			want:   []string{`spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"`},
		},
		{
			name: "config map key with a space",
			mutate: env(from(corev1.EnvVarSource{ConfigMapKeyRef: &corev1.ConfigMapKeySelector{
				LocalObjectReference: corev1.LocalObjectReference{Name: "app"}, Key: "log level"}})),
			want: []string{`spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Invalid value: "log level": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`},
		},
		{
			name:   "secret key missing",
			mutate: env(from(corev1.EnvVarSource{SecretKeyRef: &corev1.SecretKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: "db"}}})),
			want:   []string{"spec.containers[0].env[0].valueFrom.secretKeyRef.key: Required value"},
		},
		{
			name:   "unknown container resource",
			mutate: env(from(corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.gpu"}})),
			want:   []string{`spec.containers[0].env[0].valueFrom.resourceFieldRef.resource: Unsupported value: "limits.gpu": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"`},
		},
		{
			name: "memory divisor for cpu",
			mutate: env(from(corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{
				Resource: "limits.cpu", Divisor: resource.MustParse("1Mi")}})),
			want: []string{`spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor: Invalid value: "limits.cpu": only divisor's values 1m and 1 are supported with the cpu resource`},
		},
		{
			name:   "envFrom without a source",
			mutate: func(p *corev1.Pod) { p.Spec.Containers[0].EnvFrom = []corev1.EnvFromSource{{Prefix: "APP_"}} },
			want:   []string{"spec.containers[0].envFrom: Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`"},
		},
	})
}
