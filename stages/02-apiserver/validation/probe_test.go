package validation

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
)

// execProbe is a defaulted probe running a command.
func execProbe() *corev1.Probe {
	return &corev1.Probe{
		ProbeHandler:   corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"true"}}},
		TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3,
	}
}

// httpProbe is a defaulted HTTP probe on port.
func httpProbe(port intstr.IntOrString) *corev1.Probe {
	p := execProbe()
	p.Exec = nil
	p.HTTPGet = &corev1.HTTPGetAction{Path: "/healthz", Port: port, Scheme: corev1.URISchemeHTTP}
	return p
}

// Probes and hooks name exactly one action, and probe timing is never
// negative.
func TestProbesAndHooks(t *testing.T) {
	c0 := func(p *corev1.Pod) *corev1.Container { return &p.Spec.Containers[0] }
	runPodCases(t, []podCase{
		{name: "named port", mutate: func(p *corev1.Pod) { c0(p).LivenessProbe = httpProbe(intstr.FromString("http")) }},
		{
			name:   "no handler",
			mutate: func(p *corev1.Pod) { c0(p).LivenessProbe = &corev1.Probe{SuccessThreshold: 1} },
			want:   []string{"spec.containers[0].livenessProbe: Required value: must specify a handler type"},
		},
		{
			name: "two handlers",
			mutate: func(p *corev1.Pod) {
				pr := httpProbe(intstr.FromInt32(80))
				pr.Exec = &corev1.ExecAction{Command: []string{"true"}}
				c0(p).LivenessProbe = pr
			},
			want: []string{"spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type"},
		},
		{
			name:   "exec without a command",
			mutate: func(p *corev1.Pod) { pr := execProbe(); pr.Exec.Command = nil; c0(p).ReadinessProbe = pr },
			want:   []string{"spec.containers[0].readinessProbe.exec.command: Required value"},
		},
		{
			name:   "liveness success threshold above 1",
			mutate: func(p *corev1.Pod) { pr := execProbe(); pr.SuccessThreshold = 2; c0(p).LivenessProbe = pr },
			want:   []string{"spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"},
		},
		{
			name: "grace period on a readiness probe",
			mutate: func(p *corev1.Pod) {
				pr := execProbe()
				pr.TerminationGracePeriodSeconds = ptr(int64(5))
				c0(p).ReadinessProbe = pr
			},
			want: []string{"spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes"},
		},
		{
			name:   "negative period",
			mutate: func(p *corev1.Pod) { pr := execProbe(); pr.PeriodSeconds = -1; c0(p).StartupProbe = pr },
			want:   []string{"spec.containers[0].startupProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0"},
		},
		{
			name:   "port zero",
			mutate: func(p *corev1.Pod) { c0(p).LivenessProbe = httpProbe(intstr.FromInt32(0)) },
			want:   []string{"spec.containers[0].livenessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive"},
		},
		{
			name: "unsupported scheme and bad header name",
			mutate: func(p *corev1.Pod) {
				pr := httpProbe(intstr.FromInt32(80))
				pr.HTTPGet.Scheme = "FTP"
				pr.HTTPGet.HTTPHeaders = []corev1.HTTPHeader{{Name: "X Custom", Value: "1"}}
				c0(p).LivenessProbe = pr
			},
			want: []string{
				`spec.containers[0].livenessProbe.httpGet.scheme: Unsupported value: "FTP": supported values: "HTTP", "HTTPS"`,
				`spec.containers[0].livenessProbe.httpGet.httpHeaders: Invalid value: "X Custom": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')`,
			},
		},
		{
			name: "preStop sleep longer than the grace period",
			mutate: func(p *corev1.Pod) {
				c0(p).Lifecycle = &corev1.Lifecycle{PreStop: &corev1.LifecycleHandler{Sleep: &corev1.SleepAction{Seconds: 40}}}
			},
			want: []string{"spec.containers[0].lifecycle.preStop.sleep: Invalid value: 40: must be greater than 0 and less than terminationGracePeriodSeconds (30)"},
		},
		{
			name: "hook without an action",
			mutate: func(p *corev1.Pod) {
				c0(p).Lifecycle = &corev1.Lifecycle{PostStart: &corev1.LifecycleHandler{}}
			},
			want: []string{"spec.containers[0].lifecycle.postStart: Required value: must specify a handler type"},
		},
	})
}
