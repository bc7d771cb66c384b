package validation

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

// Talk 003, "Request validation": the server checks every pod it is
// asked to store and answers with one error per broken field.
func TestValidatePod(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*corev1.Pod)
		want   []string
	}{
		{name: "valid pod", mutate: func(*corev1.Pod) {}},
		{
			// Talk 002's manifest writes the image with a space for a
			// colon. Upstream only rejects whitespace at the ends, so the
			// server stores it and the kubelet fails the pull; stage 1's
			// client-side check is what catches it.
			name:   "talk 002 image with an inner space is accepted",
			mutate: func(p *corev1.Pod) { p.Spec.Containers[0].Image = "nginx 1.23.2-alpine" },
		},
		{
			name:   "leading whitespace in a pod's image",
			mutate: func(p *corev1.Pod) { p.Spec.Containers[0].Image = " nginx:1.27" },
			want:   []string{`spec.containers[0].image: Invalid value: " nginx:1.27": must not have leading or trailing whitespace`},
		},
		{
			name:   "missing image",
			mutate: func(p *corev1.Pod) { p.Spec.Containers[0].Image = "" },
			want:   []string{"spec.containers[0].image: Required value"},
		},
		{
			name:   "no containers",
			mutate: func(p *corev1.Pod) { p.Spec.Containers = nil },
			want:   []string{"spec.containers: Required value"},
		},
		{
			name:   "container name is not a DNS label",
			mutate: func(p *corev1.Pod) { p.Spec.Containers[0].Name = "Nginx_1" },
			want:   []string{`spec.containers[0].name: Invalid value: "Nginx_1": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`},
		},
		{
			name: "init container reuses a container's name",
			mutate: func(p *corev1.Pod) {
				p.Spec.InitContainers = []corev1.Container{{Name: "nginx", Image: "busybox"}}
				defaultSpec(&p.Spec)
			},
			want: []string{`spec.initContainers[0].name: Duplicate value: "nginx"`},
		},
		{
			name:   "unsupported restart policy",
			mutate: func(p *corev1.Pod) { p.Spec.RestartPolicy = "Sometimes" },
			want:   []string{`spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"`},
		},
		{
			name:   "dnsPolicy not defaulted",
			mutate: func(p *corev1.Pod) { p.Spec.DNSPolicy = "" },
			want:   []string{"spec.dnsPolicy: Required value"},
		},
		{
			name:   "grace period not defaulted",
			mutate: func(p *corev1.Pod) { p.Spec.TerminationGracePeriodSeconds = nil },
			want:   []string{"spec.terminationGracePeriodSeconds: Required value"},
		},
		{
			name:   "missing namespace",
			mutate: func(p *corev1.Pod) { p.Namespace = "" },
			want:   []string{"metadata.namespace: Required value"},
		},
		{
			name:   "node selector value with a space",
			mutate: func(p *corev1.Pod) { p.Spec.NodeSelector = map[string]string{"disk": "ssd drive"} },
			want:   []string{`spec.nodeSelector: Invalid value: "ssd drive": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`},
		},
		{
			name:   "zero active deadline",
			mutate: func(p *corev1.Pod) { p.Spec.ActiveDeadlineSeconds = ptr(int64(0)) },
			want:   []string{"spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"},
		},
		{
			name:   "mirror pod without a node",
			mutate: func(p *corev1.Pod) { p.Annotations = map[string]string{mirrorPodAnnotation: "abc"} },
			want:   []string{`metadata.annotations[kubernetes.io/config.mirror]: Invalid value: "abc": must set spec.nodeName if mirror pod annotation is set`},
		},
		{
			name: "token volume without a service account",
			mutate: func(p *corev1.Pod) {
				p.Spec.Volumes = []corev1.Volume{{Name: "token", VolumeSource: corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{
					Sources: []corev1.VolumeProjection{{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{Path: "token"}}},
				}}}}
			},
			want: []string{"spec.volumes[0].projected.sources[0].serviceAccountToken: Forbidden: must not be specified when serviceAccountName is not set"},
		},
		{
			name: "hostNetwork pod with a different hostPort",
			mutate: func(p *corev1.Pod) {
				p.Spec.HostNetwork = true
				p.Spec.Containers[0].Ports[0].HostPort = 8080
			},
			want: []string{"spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true"},
		},
		{
			name:   "unsupported os",
			mutate: func(p *corev1.Pod) { p.Spec.OS = &corev1.PodOS{Name: "plan9"} },
			want:   []string{`spec.os: Unsupported value: "plan9": supported values: "linux", "windows"`},
		},
		{
			name:   "invalid node name",
			mutate: func(p *corev1.Pod) { p.Spec.NodeName = "Node_1" },
			want:   []string{`spec.nodeName: Invalid value: "Node_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := validPod()
			tc.mutate(p)
			checkErrors(t, ValidateCreate(p), tc.want...)
		})
	}
}

// Pod-level resources (beta since v1.34): a budget the containers share,
// which must cover what they request together.
func TestPodLevelResources(t *testing.T) {
	q := resource.MustParse
	tests := []struct {
		name      string
		pod       corev1.ResourceRequirements
		container corev1.ResourceList
		want      []string
	}{
		{
			name:      "budget covers the containers",
			pod:       corev1.ResourceRequirements{Requests: corev1.ResourceList{"cpu": q("1"), "memory": q("1Gi")}},
			container: corev1.ResourceList{"cpu": q("500m")},
		},
		{
			name:      "budget below the containers' requests",
			pod:       corev1.ResourceRequirements{Requests: corev1.ResourceList{"cpu": q("500m")}},
			container: corev1.ResourceList{"cpu": q("1")},
			want:      []string{`spec.resources.requests[cpu]: Invalid value: "500m": must be greater than or equal to aggregate container requests of 1`},
		},
		{
			name: "ephemeral storage is not a pod-level resource",
			pod:  corev1.ResourceRequirements{Limits: corev1.ResourceList{"ephemeral-storage": q("1Gi")}},
			want: []string{`spec.resources.limits[ephemeral-storage]: Unsupported value: "ephemeral-storage": supported values: "cpu", "hugepages-", "memory"`},
		},
		{
			name: "claims are container-only",
			pod:  corev1.ResourceRequirements{Claims: []corev1.ResourceClaim{{Name: "gpu"}}},
			want: []string{"spec.resources.claims: Forbidden: claims cannot be set for Resources at pod-level"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := validPod()
			p.Spec.Resources = &tc.pod
			p.Spec.Containers[0].Resources.Requests = tc.container
			checkErrors(t, ValidateCreate(p), tc.want...)
		})
	}
}

// Talk 000, "Scheduler" and "Binding": the scheduler posts a Binding
// that must name a node.
func TestValidateBinding(t *testing.T) {
	tests := []struct {
		name   string
		target corev1.ObjectReference
		want   []string
	}{
		{name: "node target", target: corev1.ObjectReference{Kind: "Node", Name: "worker-1"}},
		{name: "kind may be left out", target: corev1.ObjectReference{Name: "worker-1"}},
		{name: "no node name", target: corev1.ObjectReference{Kind: "Node"}, want: []string{"target.name: Required value"}},
		{
			name:   "target is not a node",
			target: corev1.ObjectReference{Kind: "Pod", Name: "web"},
			want:   []string{`target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := &corev1.Binding{Target: tc.target}
			b.Name, b.Namespace = "web", "default"
			checkErrors(t, ValidateCreate(b), tc.want...)
		})
	}
}
