package defaults

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

// defaultedSpec is what PodSpec makes of a spec with only containers.
func defaultedSpec(containers ...corev1.Container) corev1.PodSpec {
	return corev1.PodSpec{
		Containers:                    containers,
		RestartPolicy:                 corev1.RestartPolicyAlways,
		TerminationGracePeriodSeconds: ptr(int64(30)),
		DNSPolicy:                     corev1.DNSClusterFirst,
		SecurityContext:               &corev1.PodSecurityContext{},
		SchedulerName:                 "default-scheduler",
	}
}

func defaultedContainer(name, image string, policy corev1.PullPolicy) corev1.Container {
	return corev1.Container{Name: name, Image: image, ImagePullPolicy: policy,
		TerminationMessagePath: "/dev/termination-log", TerminationMessagePolicy: corev1.TerminationMessageReadFile}
}

// Talk 000, "Write to etcd!" and talk 004, step 2: the pod spec the server
// stores has its restart, DNS, grace and scheduler fields filled in.
func TestPodSpec(t *testing.T) {
	tests := []struct {
		name string
		in   corev1.PodSpec
		want corev1.PodSpec
	}{
		{
			name: "bare spec",
			in:   corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx"}}},
			want: defaultedSpec(defaultedContainer("nginx", "nginx", corev1.PullAlways)),
		},
		{
			name: "user values are kept, zero grace period included",
			in: corev1.PodSpec{
				Containers:                    []corev1.Container{defaultedContainer("c", "app:1", corev1.PullIfNotPresent)},
				RestartPolicy:                 corev1.RestartPolicyNever,
				TerminationGracePeriodSeconds: ptr(int64(0)),
				DNSPolicy:                     corev1.DNSNone,
				SecurityContext:               &corev1.PodSecurityContext{RunAsNonRoot: ptr(true)},
				SchedulerName:                 "my-scheduler",
			},
			want: corev1.PodSpec{
				Containers:                    []corev1.Container{defaultedContainer("c", "app:1", corev1.PullIfNotPresent)},
				RestartPolicy:                 corev1.RestartPolicyNever,
				TerminationGracePeriodSeconds: ptr(int64(0)),
				DNSPolicy:                     corev1.DNSNone,
				SecurityContext:               &corev1.PodSecurityContext{RunAsNonRoot: ptr(true)},
				SchedulerName:                 "my-scheduler",
			},
		},
		{
			name: "init containers are defaulted like containers",
			in: corev1.PodSpec{
				InitContainers: []corev1.Container{{Name: "init", Image: "busybox:1.36"}},
				Containers:     []corev1.Container{{Name: "app", Image: "app:latest"}},
			},
			want: func() corev1.PodSpec {
				s := defaultedSpec(defaultedContainer("app", "app:latest", corev1.PullAlways))
				s.InitContainers = []corev1.Container{defaultedContainer("init", "busybox:1.36", corev1.PullIfNotPresent)}
				return s
			}(),
		},
		{
			name: "overhead is rounded",
			in: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "app:1"}},
				Overhead: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("250.5m")}},
			want: func() corev1.PodSpec {
				s := defaultedSpec(defaultedContainer("c", "app:1", corev1.PullIfNotPresent))
				s.Overhead = corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("251m")}
				return s
			}(),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.in
			PodSpec(&got)
			if diff := cmp.Diff(tc.want, got, quantityCmp); diff != "" {
				t.Errorf("PodSpec() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// Talk 000, "Create Pod" (the ReplicaSet controller's pods are saved like
// any other): pod-only defaults apply to a Pod and never to a template.
func TestPodOnlyDefaults(t *testing.T) {
	limits := corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("500m"), corev1.ResourceMemory: resource.MustParse("128Mi")}
	spec := func() corev1.PodSpec {
		return corev1.PodSpec{
			HostNetwork: true,
			Containers: []corev1.Container{{Name: "c", Image: "app:1",
				Ports: []corev1.ContainerPort{{ContainerPort: 8080}, {ContainerPort: 9090, HostPort: 19090}},
				Resources: corev1.ResourceRequirements{Limits: limits,
					Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("100m")}}}},
			InitContainers: []corev1.Container{{Name: "i", Image: "app:1",
				Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("1")}}}},
		}
	}

	pod := &corev1.Pod{Spec: spec()}
	Pod(pod)
	tmpl := &corev1.PodTemplateSpec{Spec: spec()}
	PodTemplateSpec(tmpl)
	requests := func(s *corev1.PodSpec, init bool) corev1.ResourceList {
		if init {
			return s.InitContainers[0].Resources.Requests
		}
		return s.Containers[0].Resources.Requests
	}

	// Each row checks one default: applied on the Pod (onPod) and absent
	// from the template (onTemplate).
	tests := []struct {
		name       string
		onPod      func(s *corev1.PodSpec) bool
		onTemplate func(s *corev1.PodSpec) bool
	}{
		{
			name:       "enableServiceLinks true",
			onPod:      func(s *corev1.PodSpec) bool { return s.EnableServiceLinks != nil && *s.EnableServiceLinks },
			onTemplate: func(s *corev1.PodSpec) bool { return s.EnableServiceLinks == nil },
		},
		{
			name: "missing memory request copied from limit, cpu request kept",
			onPod: func(s *corev1.PodSpec) bool {
				r := requests(s, false)
				return r.Memory().String() == "128Mi" && r.Cpu().String() == "100m"
			},
			onTemplate: func(s *corev1.PodSpec) bool { return len(requests(s, false)) == 1 },
		},
		{
			name:       "init container requests from limits",
			onPod:      func(s *corev1.PodSpec) bool { r := requests(s, true); return r.Cpu().String() == "1" },
			onTemplate: func(s *corev1.PodSpec) bool { return requests(s, true) == nil },
		},
		{
			name: "hostNetwork: unset hostPort takes containerPort, set one is kept",
			onPod: func(s *corev1.PodSpec) bool {
				return s.Containers[0].Ports[0].HostPort == 8080 && s.Containers[0].Ports[1].HostPort == 19090
			},
			onTemplate: func(s *corev1.PodSpec) bool { return s.Containers[0].Ports[0].HostPort == 0 },
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !tc.onPod(&pod.Spec) {
				t.Error("pod: default not applied, though upstream SetDefaults_Pod applies it")
			}
			if !tc.onTemplate(&tmpl.Spec) {
				t.Error("template: a pod-only default leaked into the template")
			}
		})
	}
	if pod.Spec.SchedulerName != corev1.DefaultSchedulerName || tmpl.Spec.SchedulerName != corev1.DefaultSchedulerName {
		t.Errorf("spec defaults missing: pod %q, template %q", pod.Spec.SchedulerName, tmpl.Spec.SchedulerName)
	}
}

// A limits-only copy must not share the limit's memory with the request.
func TestPodRequestsAreCopies(t *testing.T) {
	pod := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "app:1",
		Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("2")}}}}}}
	Pod(pod)
	res := &pod.Spec.Containers[0].Resources
	res.Limits[corev1.ResourceCPU] = resource.MustParse("3")
	if got := res.Requests[corev1.ResourceCPU]; got.String() != "2" {
		t.Errorf("request = %s after changing the limit, want 2", got.String())
	}
}

// podWithEverything is a Pod that sets, to non-default values, every field
// this package defaults, for the property tests in defaults_test.go.
func podWithEverything() *corev1.Pod {
	mode := int32(0o400)
	probe := &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{
		Path: "/ready", Port: intstr.FromInt32(8443), Scheme: corev1.URISchemeHTTPS}},
		TimeoutSeconds: 5, PeriodSeconds: 20, SuccessThreshold: 2, FailureThreshold: 9}
	container := corev1.Container{
		Name: "app", Image: "app:latest", ImagePullPolicy: corev1.PullNever,
		TerminationMessagePath: "/tmp/msg", TerminationMessagePolicy: corev1.TerminationMessageFallbackToLogsOnError,
		Ports: []corev1.ContainerPort{{ContainerPort: 53, HostPort: 1053, Protocol: corev1.ProtocolUDP}},
		Env: []corev1.EnvVar{{Name: "NODE", ValueFrom: &corev1.EnvVarSource{
			FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v2", FieldPath: "spec.nodeName"}}}},
		Resources: corev1.ResourceRequirements{
			Limits:   corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("2")},
			Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("1")}},
		LivenessProbe: probe, ReadinessProbe: probe, StartupProbe: probe,
		Lifecycle: &corev1.Lifecycle{PreStop: &corev1.LifecycleHandler{HTTPGet: &corev1.HTTPGetAction{
			Path: "/stop", Port: intstr.FromInt32(8080), Scheme: corev1.URISchemeHTTPS}}},
	}
	return &corev1.Pod{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{Name: "everything", Namespace: "default"},
		Spec: corev1.PodSpec{
			InitContainers:                []corev1.Container{container},
			Containers:                    []corev1.Container{container},
			RestartPolicy:                 corev1.RestartPolicyOnFailure,
			TerminationGracePeriodSeconds: ptr(int64(5)),
			DNSPolicy:                     corev1.DNSDefault,
			SecurityContext:               &corev1.PodSecurityContext{RunAsUser: ptr(int64(1000))},
			SchedulerName:                 "other-scheduler",
			EnableServiceLinks:            ptr(false),
			HostNetwork:                   true,
			Volumes: []corev1.Volume{
				{Name: "h", VolumeSource: corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/x", Type: ptr(corev1.HostPathDirectory)}}},
				{Name: "s", VolumeSource: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "s", DefaultMode: &mode}}},
				{Name: "c", VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{
					LocalObjectReference: corev1.LocalObjectReference{Name: "c"}, DefaultMode: &mode}}},
				{Name: "p", VolumeSource: corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{DefaultMode: &mode,
					Sources: []corev1.VolumeProjection{{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{
						Path: "token", ExpirationSeconds: ptr(int64(7200))}}}}}},
			},
		},
	}
}
