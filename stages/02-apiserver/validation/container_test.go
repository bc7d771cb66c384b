package validation

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

// podCase is one row of the pod-spec tables: a change to a valid pod and
// the errors the server answers with.
type podCase struct {
	name   string
	mutate func(*corev1.Pod)
	want   []string
}

func runPodCases(t *testing.T, tests []podCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := validPod()
			tc.mutate(p)
			defaultSpec(&p.Spec)
			checkErrors(t, ValidateCreate(p), tc.want...)
		})
	}
}

// Talk 003, "Request validation": container names, ports and mounts.
func TestContainers(t *testing.T) {
	c0 := func(p *corev1.Pod) *corev1.Container { return &p.Spec.Containers[0] }
	runPodCases(t, []podCase{
		{
			name:   "container port missing",
			mutate: func(p *corev1.Pod) { c0(p).Ports[0].ContainerPort = 0 },
			want:   []string{"spec.containers[0].ports[0].containerPort: Required value"},
		},
		{
			name:   "container port out of range",
			mutate: func(p *corev1.Pod) { c0(p).Ports[0].ContainerPort = 70000 },
			want:   []string{"spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"},
		},
		{
			name:   "unsupported protocol",
			mutate: func(p *corev1.Pod) { c0(p).Ports[0].Protocol = "HTTP" },
			want:   []string{`spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"`},
		},
		{
			name:   "port name with an underscore",
			mutate: func(p *corev1.Pod) { c0(p).Ports[0].Name = "http_web" },
			want:   []string{`spec.containers[0].ports[0].name: Invalid value: "http_web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`},
		},
		{
			name: "port names repeat",
			mutate: func(p *corev1.Pod) {
				c0(p).Ports = []corev1.ContainerPort{{Name: "http", ContainerPort: 80}, {Name: "http", ContainerPort: 8080}}
			},
			want: []string{`spec.containers[0].ports[1].name: Duplicate value: "http"`},
		},
		{
			name: "two containers claim one host port",
			mutate: func(p *corev1.Pod) {
				c0(p).Ports[0].HostPort = 8080
				p.Spec.Containers = append(p.Spec.Containers, corev1.Container{Name: "proxy", Image: "envoy",
					Ports: []corev1.ContainerPort{{ContainerPort: 9090, HostPort: 8080}}})
			},
			want: []string{`spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"`},
		},
		{
			name: "mount of a volume the pod does not have",
			mutate: func(p *corev1.Pod) {
				c0(p).VolumeMounts = []corev1.VolumeMount{{Name: "config", MountPath: "/etc/nginx"}}
			},
			want: []string{`spec.containers[0].volumeMounts[0].name: Not found: "config"`},
		},
		{
			name: "mount without a path, and a mount path used twice",
			mutate: func(p *corev1.Pod) {
				p.Spec.Volumes = []corev1.Volume{{Name: "data", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}}}
				c0(p).VolumeMounts = []corev1.VolumeMount{{Name: "data"}, {Name: "data", MountPath: "/d"}, {Name: "data", MountPath: "/d"}}
			},
			want: []string{
				"spec.containers[0].volumeMounts[0].mountPath: Required value",
				`spec.containers[0].volumeMounts[2].mountPath: Invalid value: "/d": must be unique`,
			},
		},
		{
			name: "subPath climbing out of the volume",
			mutate: func(p *corev1.Pod) {
				p.Spec.Volumes = []corev1.Volume{{Name: "data", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}}}
				c0(p).VolumeMounts = []corev1.VolumeMount{{Name: "data", MountPath: "/d", SubPath: "../etc"}}
			},
			want: []string{`spec.containers[0].volumeMounts.subPath: Invalid value: "../etc": must not contain '..'`},
		},
		{
			name: "bidirectional propagation in an unprivileged container",
			mutate: func(p *corev1.Pod) {
				p.Spec.Volumes = []corev1.Volume{{Name: "data", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}}}
				c0(p).VolumeMounts = []corev1.VolumeMount{{Name: "data", MountPath: "/d", MountPropagation: ptr(corev1.MountPropagationBidirectional)}}
			},
			want: []string{"spec.containers[0].volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers"},
		},
		{
			name:   "unsupported pull policy",
			mutate: func(p *corev1.Pod) { c0(p).ImagePullPolicy = "Sometimes" },
			want:   []string{`spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"`},
		},
		{
			name:   "restart policy on a regular container",
			mutate: func(p *corev1.Pod) { c0(p).RestartPolicy = ptr(corev1.ContainerRestartPolicyAlways) },
			want:   []string{"spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers"},
		},
		{
			name: "init container restart policy other than Always",
			mutate: func(p *corev1.Pod) {
				p.Spec.InitContainers = []corev1.Container{{Name: "init", Image: "busybox", RestartPolicy: ptr(corev1.ContainerRestartPolicyOnFailure)}}
			},
			want: []string{`spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"`},
		},
		{
			name: "probe on an init container that is not a sidecar",
			mutate: func(p *corev1.Pod) {
				p.Spec.InitContainers = []corev1.Container{{Name: "init", Image: "busybox", ReadinessProbe: execProbe()}}
			},
			want: []string{"spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"},
		},
		{
			name: "probe on a sidecar",
			mutate: func(p *corev1.Pod) {
				p.Spec.InitContainers = []corev1.Container{{Name: "log-shipper", Image: "fluent-bit",
					RestartPolicy: ptr(corev1.ContainerRestartPolicyAlways), ReadinessProbe: execProbe()}}
			},
		},
	})
}
