package kubectl

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

var (
	describeNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	started     = metav1.Time{Time: describeNow.Add(-16 * time.Second)}
	yes         = true
	two         = int32(2)
)

// Talk 000, "Pod status": the pod a Deployment made, running, with the
// events the scheduler and kubelet recorded.
func ghostPod() *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{
			Name: "ghost-7cbd79df7d-6shhh", Namespace: "default", UID: "pod-uid",
			Labels:          map[string]string{"app": "ghost", "pod-template-hash": "7cbd79df7d"},
			OwnerReferences: []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "ghost-7cbd79df7d", UID: "rs-uid", Controller: &yes}},
		},
		Spec: corev1.PodSpec{
			NodeName: "node-1", ServiceAccountName: "default",
			Containers: []corev1.Container{{
				Name: "ghost", Image: "ghost:0.9", Ports: []corev1.ContainerPort{{ContainerPort: 2368, Protocol: corev1.ProtocolTCP}},
				Resources:    corev1.ResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("100m")}},
				Env:          []corev1.EnvVar{{Name: "NODE_ENV", Value: "production"}},
				VolumeMounts: []corev1.VolumeMount{{Name: "content", MountPath: "/var/lib/ghost"}},
			}},
			Volumes:     []corev1.Volume{{Name: "content", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}}},
			Tolerations: []corev1.Toleration{{Key: "node.kubernetes.io/not-ready", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: ptr(int64(300))}},
		},
		Status: corev1.PodStatus{
			Phase: corev1.PodRunning, HostIP: "10.0.0.1", PodIP: "10.244.0.5", PodIPs: []corev1.PodIP{{IP: "10.244.0.5"}},
			StartTime: &started, QOSClass: corev1.PodQOSBurstable,
			Conditions: []corev1.PodCondition{{Type: corev1.PodScheduled, Status: corev1.ConditionTrue}, {Type: corev1.PodReady, Status: corev1.ConditionTrue}},
			ContainerStatuses: []corev1.ContainerStatus{{
				Name: "ghost", Ready: true, Image: "ghost:0.9", ImageID: "docker.io/library/ghost@sha256:abc", ContainerID: "containerd://123",
				State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: started}},
			}},
		},
	}
}

func ptr[T any](v T) *T { return &v }

func ghostEvents() []corev1.Event {
	at := func(ago time.Duration) metav1.Time { return metav1.Time{Time: describeNow.Add(-ago)} }
	return []corev1.Event{
		{Type: "Normal", Reason: "Pulled", Message: "Container image \"ghost:0.9\" already present on machine", Source: corev1.EventSource{Component: "kubelet"}, LastTimestamp: at(14 * time.Second), FirstTimestamp: at(14 * time.Second), Count: 1},
		{Type: "Normal", Reason: "Scheduled", Message: "Successfully assigned default/ghost-7cbd79df7d-6shhh to node-1", Source: corev1.EventSource{Component: "default-scheduler"}, LastTimestamp: at(16 * time.Second), FirstTimestamp: at(16 * time.Second), Count: 1},
		{Type: "Warning", Reason: "BackOff", Message: "Back-off pulling image", Source: corev1.EventSource{Component: "kubelet"}, LastTimestamp: at(5 * time.Second), FirstTimestamp: at(3 * time.Minute), Count: 4},
	}
}

// The describe layouts, one golden file each (testdata/describe_*.txt).
func TestDescribeLayouts(t *testing.T) {
	dep := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "ghost", Namespace: "default", UID: "dep-uid", CreationTimestamp: metav1.Time{Time: describeNow.Add(-time.Hour)},
			Labels: map[string]string{"app": "ghost"}, Annotations: map[string]string{"deployment.kubernetes.io/revision": "1", lastAppliedAnnotation: "{}"}},
		Spec: appsv1.DeploymentSpec{
			Replicas: &two, Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "ghost"}},
			Strategy: appsv1.DeploymentStrategy{Type: appsv1.RollingUpdateDeploymentStrategyType, RollingUpdate: &appsv1.RollingUpdateDeployment{
				MaxUnavailable: ptr(intstr.FromString("25%")), MaxSurge: ptr(intstr.FromString("25%"))}},
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "ghost"}}, Spec: ghostPod().Spec},
		},
		Status: appsv1.DeploymentStatus{Replicas: 2, UpdatedReplicas: 2, AvailableReplicas: 2,
			Conditions: []appsv1.DeploymentCondition{{Type: appsv1.DeploymentAvailable, Status: corev1.ConditionTrue, Reason: "MinimumReplicasAvailable"}}},
	}
	rs := appsv1.ReplicaSet{ObjectMeta: metav1.ObjectMeta{Name: "ghost-7cbd79df7d", Namespace: "default",
		OwnerReferences: []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "Deployment", Name: "ghost", UID: "dep-uid", Controller: &yes}}},
		Spec:   appsv1.ReplicaSetSpec{Replicas: &two, Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "ghost", "pod-template-hash": "7cbd79df7d"}}, Template: dep.Spec.Template},
		Status: appsv1.ReplicaSetStatus{Replicas: 2}}
	svc := &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: "ghost", Namespace: "default", Labels: map[string]string{"app": "ghost"}},
		Spec: corev1.ServiceSpec{Type: corev1.ServiceTypeNodePort, Selector: map[string]string{"app": "ghost"}, ClusterIP: "10.96.12.7", ClusterIPs: []string{"10.96.12.7"},
			IPFamilies: []corev1.IPFamily{"IPv4"}, IPFamilyPolicy: ptr(corev1.IPFamilyPolicySingleStack), SessionAffinity: corev1.ServiceAffinityNone,
			ExternalTrafficPolicy: corev1.ServiceExternalTrafficPolicyCluster,
			Ports:                 []corev1.ServicePort{{Port: 2368, Protocol: corev1.ProtocolTCP, TargetPort: intstr.FromInt32(2368), NodePort: 31234}}},
	}
	node := &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: "node-1", CreationTimestamp: metav1.Time{Time: describeNow.Add(-48 * time.Hour)},
			Labels: map[string]string{"kubernetes.io/hostname": "node-1", "node-role.kubernetes.io/control-plane": ""}},
		Spec: corev1.NodeSpec{PodCIDR: "10.244.0.0/24", PodCIDRs: []string{"10.244.0.0/24"}},
		Status: corev1.NodeStatus{
			Capacity:    corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("2"), corev1.ResourceMemory: resource.MustParse("4Gi"), corev1.ResourcePods: resource.MustParse("110")},
			Allocatable: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("2"), corev1.ResourceMemory: resource.MustParse("4Gi"), corev1.ResourcePods: resource.MustParse("110")},
			Conditions:  []corev1.NodeCondition{{Type: corev1.NodeReady, Status: corev1.ConditionTrue, Reason: "KubeletReady", Message: "kubelet is posting ready status", LastHeartbeatTime: started, LastTransitionTime: started}},
			Addresses:   []corev1.NodeAddress{{Type: "InternalIP", Address: "10.0.0.1"}, {Type: "Hostname", Address: "node-1"}},
			NodeInfo:    corev1.NodeSystemInfo{KernelVersion: "6.8.0", OSImage: "Debian GNU/Linux 12", OperatingSystem: "linux", Architecture: "amd64", ContainerRuntimeVersion: "containerd://2.0.0", KubeletVersion: "v1.37.2"},
		},
	}
	tests := []struct {
		name  string
		write func(w *prefixWriter)
	}{
		{"describe_pod.txt", func(w *prefixWriter) { describePod(w, ghostPod(), ghostEvents(), describeNow) }},
		{"describe_deployment.txt", func(w *prefixWriter) { describeDeployment(w, dep, nil, &rs, nil, describeNow) }},
		{"describe_replicaset.txt", func(w *prefixWriter) {
			describeReplicaSet(w, &rs, countPods([]corev1.Pod{*ghostPod()}), nil, describeNow)
		}},
		{"describe_service.txt", func(w *prefixWriter) {
			describeService(w, svc, map[string][]string{"": {"10.244.0.5:2368", "10.244.0.6:2368", "10.244.0.7:2368", "10.244.0.8:2368"}}, nil, describeNow)
		}},
		{"describe_node.txt", func(w *prefixWriter) { describeNode(w, node, []corev1.Pod{*ghostPod()}, nil, describeNow) }},
		{"describe_generic.txt", func(w *prefixWriter) {
			obj := map[string]any{"apiVersion": "example.com/v1", "kind": "Blog", "metadata": map[string]any{"name": "ghost", "namespace": "default", "uid": "u1"},
				"spec": map[string]any{"replicas": int64(2), "apiURL": "https://ghost.example", "themes": []any{map[string]any{"name": "casper"}}}}
			describeGeneric(w, obj, nil, describeNow)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			w := newPrefixWriter(&out)
			tc.write(w)
			w.Flush()
			golden(t, tc.name, out.String())
		})
	}
}

// describe against a server: the object is fetched, its events listed with
// upstream's field selector, and a NAME that matches nothing is a prefix.
func TestDescribeCommand(t *testing.T) {
	c := newCluster(t, testserver.WithObjects(pod("ghost-7cbd79df7d-6shhh", map[string]string{"app": "ghost"})))
	r := c.run(t, "describe", "pods", "ghost")
	mustSucceed(t, r)
	if !strings.HasPrefix(r.out, "Name:         ghost-7cbd79df7d-6shhh\nNamespace:    default\n") {
		t.Errorf("describe output:\n%s", r.out)
	}
	var eventQuery string
	for _, req := range c.srv.Requests() {
		if req.Path == "/api/v1/namespaces/default/events" {
			eventQuery = req.Query.Get("fieldSelector")
		}
	}
	if !strings.HasPrefix(eventQuery, "involvedObject.kind=Pod,involvedObject.name=ghost-7cbd79df7d-6shhh,involvedObject.namespace=default,involvedObject.uid=") {
		t.Errorf("events field selector %q", eventQuery)
	}
	r = c.run(t, "describe", "pods", "nothing")
	if r.message() != `Error from server (NotFound): pods "nothing" not found` {
		t.Errorf("error %q", r.message())
	}
	// A selector that matches nothing is not an error; stderr says so.
	for args, want := range map[string]string{
		"deploy -l app=none":    "No resources found in default namespace.\n",
		"deploy -l app=none -A": "No resources found\n",
	} {
		r = c.run(t, append([]string{"describe"}, strings.Fields(args)...)...)
		mustSucceed(t, r)
		if r.out != "" || r.errOut != want {
			t.Errorf("describe %s: stdout %q stderr %q, want stderr %q", args, r.out, r.errOut, want)
		}
	}
}

func TestSmartLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"apiVersion", "API Version"},
		{"creationTimestamp", "Creation Timestamp"},
		{"uid", "UID"},
		{"podIPs", "Pod IPs"},
		{"replicas", "Replicas"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := smartLabel(tc.in); got != tc.want {
				t.Errorf("smartLabel(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
