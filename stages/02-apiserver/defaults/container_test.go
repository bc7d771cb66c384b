package defaults

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

const testDigest = "sha256:0000000000000000000000000000000000000000000000000000000000000000"

// Talk 000, "Write to etcd!": the stored container carries the pull
// policy the server derived from the image's tag.
func TestImagePullPolicy(t *testing.T) {
	tests := []struct {
		name  string
		image string
		want  corev1.PullPolicy
	}{
		{name: "no tag means latest", image: "nginx", want: corev1.PullAlways},
		{name: "explicit latest", image: "nginx:latest", want: corev1.PullAlways},
		{name: "fixed tag", image: "nginx:1.27", want: corev1.PullIfNotPresent},
		{name: "digest only", image: "nginx@" + testDigest, want: corev1.PullIfNotPresent},
		{name: "latest tag with digest keeps the tag", image: "nginx:latest@" + testDigest, want: corev1.PullAlways},
		{name: "registry with port, no tag", image: "localhost:5000/app", want: corev1.PullAlways},
		{name: "registry with port and tag", image: "localhost:5000/app:v1", want: corev1.PullIfNotPresent},
		{name: "talk 004 manifest image", image: "myapp:1.0.0", want: corev1.PullIfNotPresent},
		{name: "tags are case sensitive", image: "nginx:LATEST", want: corev1.PullIfNotPresent},
		{name: "empty image does not parse", image: "", want: corev1.PullIfNotPresent},
		{name: "upper-case repository does not parse", image: "NGINX", want: corev1.PullIfNotPresent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ImagePullPolicy(tc.image); got != tc.want {
				t.Errorf("ImagePullPolicy(%q) = %s, want %s", tc.image, got, tc.want)
			}
		})
	}
}

// Talk 004, step 2 ("Save Objects"): each container of the saved object
// is complete.
func TestContainer(t *testing.T) {
	tests := []struct {
		name string
		in   corev1.Container
		want corev1.Container
	}{
		{
			name: "minimal container",
			in:   corev1.Container{Name: "web", Image: "nginx"},
			want: corev1.Container{Name: "web", Image: "nginx", ImagePullPolicy: corev1.PullAlways,
				TerminationMessagePath: "/dev/termination-log", TerminationMessagePolicy: corev1.TerminationMessageReadFile},
		},
		{
			name: "user values are kept",
			in: corev1.Container{Name: "web", Image: "nginx", ImagePullPolicy: corev1.PullNever,
				TerminationMessagePath: "/tmp/msg", TerminationMessagePolicy: corev1.TerminationMessageFallbackToLogsOnError},
			want: corev1.Container{Name: "web", Image: "nginx", ImagePullPolicy: corev1.PullNever,
				TerminationMessagePath: "/tmp/msg", TerminationMessagePolicy: corev1.TerminationMessageFallbackToLogsOnError},
		},
		{
			name: "ports get TCP unless set",
			in: corev1.Container{Name: "dns", Image: "coredns:1.11", Ports: []corev1.ContainerPort{
				{ContainerPort: 53, Protocol: corev1.ProtocolUDP}, {ContainerPort: 53}}},
			want: corev1.Container{Name: "dns", Image: "coredns:1.11", ImagePullPolicy: corev1.PullIfNotPresent,
				TerminationMessagePath: "/dev/termination-log", TerminationMessagePolicy: corev1.TerminationMessageReadFile,
				Ports: []corev1.ContainerPort{{ContainerPort: 53, Protocol: corev1.ProtocolUDP}, {ContainerPort: 53, Protocol: corev1.ProtocolTCP}}},
		},
		{
			name: "env fieldRef gets apiVersion v1",
			in: corev1.Container{Name: "c", Image: "app:1", Env: []corev1.EnvVar{
				{Name: "A", Value: "x"},
				{Name: "POD", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.name"}}},
				{Name: "CPU", ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.cpu"}}}}},
			want: corev1.Container{Name: "c", Image: "app:1", ImagePullPolicy: corev1.PullIfNotPresent,
				TerminationMessagePath: "/dev/termination-log", TerminationMessagePolicy: corev1.TerminationMessageReadFile,
				Env: []corev1.EnvVar{
					{Name: "A", Value: "x"},
					{Name: "POD", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.name"}}},
					{Name: "CPU", ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.cpu"}}}}},
		},
		{
			name: "lifecycle httpGet gets path and scheme",
			in: corev1.Container{Name: "c", Image: "app:1", ImagePullPolicy: corev1.PullIfNotPresent,
				TerminationMessagePath: "/dev/termination-log", TerminationMessagePolicy: corev1.TerminationMessageReadFile,
				Lifecycle: &corev1.Lifecycle{PreStop: &corev1.LifecycleHandler{HTTPGet: &corev1.HTTPGetAction{Port: intstr.FromInt32(8080)}}}},
			want: corev1.Container{Name: "c", Image: "app:1", ImagePullPolicy: corev1.PullIfNotPresent,
				TerminationMessagePath: "/dev/termination-log", TerminationMessagePolicy: corev1.TerminationMessageReadFile,
				Lifecycle: &corev1.Lifecycle{PreStop: &corev1.LifecycleHandler{HTTPGet: &corev1.HTTPGetAction{
					Path: "/", Port: intstr.FromInt32(8080), Scheme: corev1.URISchemeHTTP}}}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.in
			Container(&got)
			if diff := cmp.Diff(tc.want, got, quantityCmp); diff != "" {
				t.Errorf("Container() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// Talk 000, "Write to etcd!": resource amounts are stored rounded to
// whole millis; a container template does not get requests from limits.
func TestContainerResourcesRounded(t *testing.T) {
	c := corev1.Container{Name: "c", Image: "app:1", Resources: corev1.ResourceRequirements{
		Limits: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("0.0005"), corev1.ResourceMemory: resource.MustParse("64Mi")},
	}}
	Container(&c)
	if got := c.Resources.Limits[corev1.ResourceCPU]; got.String() != "1m" {
		t.Errorf("cpu limit = %s, want 1m", got.String())
	}
	if got := c.Resources.Limits[corev1.ResourceMemory]; got.String() != "64Mi" {
		t.Errorf("memory limit = %s, want 64Mi unchanged", got.String())
	}
	if c.Resources.Requests != nil {
		t.Errorf("requests = %v, want none: only a Pod copies limits into requests", c.Resources.Requests)
	}
}

func TestProbe(t *testing.T) {
	tests := []struct {
		name string
		in   corev1.Probe
		want corev1.Probe
	}{
		{
			name: "httpGet probe with nothing else",
			in:   corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Port: intstr.FromString("http")}}},
			want: corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/", Port: intstr.FromString("http"), Scheme: corev1.URISchemeHTTP}},
				TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3},
		},
		{
			name: "user timing and scheme kept",
			in: corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/healthz", Port: intstr.FromInt32(443), Scheme: corev1.URISchemeHTTPS}},
				InitialDelaySeconds: 5, TimeoutSeconds: 2, PeriodSeconds: 3, SuccessThreshold: 2, FailureThreshold: 7},
			want: corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/healthz", Port: intstr.FromInt32(443), Scheme: corev1.URISchemeHTTPS}},
				InitialDelaySeconds: 5, TimeoutSeconds: 2, PeriodSeconds: 3, SuccessThreshold: 2, FailureThreshold: 7},
		},
		{
			name: "grpc probe gets an empty service name",
			in:   corev1.Probe{ProbeHandler: corev1.ProbeHandler{GRPC: &corev1.GRPCAction{Port: 9090}}},
			want: corev1.Probe{ProbeHandler: corev1.ProbeHandler{GRPC: &corev1.GRPCAction{Port: 9090, Service: ptr("")}},
				TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3},
		},
		{
			name: "exec probe has no handler defaults",
			in:   corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"true"}}}},
			want: corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"true"}}},
				TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.in
			Probe(&got)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Probe() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// quantityCmp compares Quantities by value and text, since their fields
// are unexported.
var quantityCmp = cmp.Comparer(func(a, b resource.Quantity) bool {
	return a.Cmp(b) == 0 && a.String() == b.String()
})
