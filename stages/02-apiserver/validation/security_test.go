package validation

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

func TestSecurityContexts(t *testing.T) {
	runPodCases(t, []podCase{
		{
			name:   "negative user id",
			mutate: func(p *corev1.Pod) { p.Spec.SecurityContext = &corev1.PodSecurityContext{RunAsUser: ptr(int64(-1))} },
			want:   []string{"spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive"},
		},
		{
			name: "shared process namespace with the host's PID namespace",
			mutate: func(p *corev1.Pod) {
				p.Spec.HostPID, p.Spec.ShareProcessNamespace = true, ptr(true)
				p.Spec.SecurityContext = &corev1.PodSecurityContext{}
			},
			want: []string{"spec.securityContext.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled"},
		},
		{
			name: "network sysctl in a hostNetwork pod, and a bad name",
			mutate: func(p *corev1.Pod) {
				p.Spec.HostNetwork = true
				p.Spec.Containers[0].Ports[0].HostPort = 80
				p.Spec.SecurityContext = &corev1.PodSecurityContext{Sysctls: []corev1.Sysctl{
					{Name: "net.core.somaxconn", Value: "1024"}, {Name: "Kernel.Bad!", Value: "1"}}}
			},
			want: []string{
				`spec.securityContext.sysctls[0].name: Invalid value: "net.core.somaxconn": may not be specified when 'hostNetwork' is true`,
				`spec.securityContext.sysctls[1].name: Invalid value: "Kernel.Bad!": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$`,
			},
		},
		{
			name: "localhost seccomp profile without a file",
			mutate: func(p *corev1.Pod) {
				p.Spec.SecurityContext = &corev1.PodSecurityContext{SeccompProfile: &corev1.SeccompProfile{Type: corev1.SeccompProfileTypeLocalhost}}
			},
			want: []string{"spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost"},
		},
		{
			name: "no privilege escalation, yet privileged",
			mutate: func(p *corev1.Pod) {
				p.Spec.Containers[0].SecurityContext = &corev1.SecurityContext{Privileged: ptr(true), AllowPrivilegeEscalation: ptr(false)}
			},
			want: []string{"spec.containers[0].securityContext: Invalid value: {\"privileged\":true,\"allowPrivilegeEscalation\":false}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true"},
		},
	})
}
