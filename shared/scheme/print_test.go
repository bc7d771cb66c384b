package scheme

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	admissionregistrationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admissionregistration/v1"
	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	batchv1 "github.com/kubeworkbook/kubeworkbook/shared/api/batch/v1"
	coordinationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/coordination/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	discoveryv1 "github.com/kubeworkbook/kubeworkbook/shared/api/discovery/v1"
	eventsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/events/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

// meta is the metadata every sample object gets: named, ten minutes old.
func meta(name string) metav1.ObjectMeta {
	return metav1.ObjectMeta{Name: name, Namespace: "default", CreationTimestamp: ago(10 * time.Minute)}
}

var webTemplate = corev1.PodTemplateSpec{Spec: corev1.PodSpec{Containers: []corev1.Container{
	{Name: "web", Image: "nginx:1.25"}, {Name: "log", Image: "busybox"}}}}

var webSelector = &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}}

func TestCells(t *testing.T) {
	// Each row is one object as `kubectl get -o wide` shows it: the cells
	// in column order, wide columns included.
	jobDone := batchv1.Job{ObjectMeta: meta("backup"), Spec: batchv1.JobSpec{Completions: ptr(int32(1)), Template: webTemplate, Selector: webSelector},
		Status: batchv1.JobStatus{Succeeded: 1, StartTime: ptr(ago(9 * time.Minute)), CompletionTime: ptr(ago(8*time.Minute + 30*time.Second)),
			Conditions: []batchv1.JobCondition{{Type: batchv1.JobComplete, Status: corev1.ConditionTrue}}}}
	tests := []struct {
		name     string
		group    string
		resource string
		obj      metav1.Object
		want     []any
	}{
		// Talk 004, step 5: a Deployment whose controllers made 3 pods,
		// 2 of them ready.
		{name: "deployment 2 of 3 ready", group: "apps", resource: "deployments", obj: &appsv1.Deployment{ObjectMeta: meta("myapp"),
			Spec:   appsv1.DeploymentSpec{Replicas: ptr(int32(3)), Selector: webSelector, Template: webTemplate},
			Status: appsv1.DeploymentStatus{ReadyReplicas: 2, UpdatedReplicas: 3, AvailableReplicas: 2}},
			want: []any{"myapp", "2/3", int64(3), int64(2), "10m", "web,log", "nginx:1.25,busybox", "app=web"}},
		{name: "deployment without replicas means one", group: "apps", resource: "deployments", obj: &appsv1.Deployment{ObjectMeta: meta("d")},
			want: []any{"d", "0/1", int64(0), int64(0), "10m", "", "", ""}},
		{name: "replicaset", group: "apps", resource: "replicasets", obj: &appsv1.ReplicaSet{ObjectMeta: meta("myapp-5d4f"),
			Spec:   appsv1.ReplicaSetSpec{Replicas: ptr(int32(3)), Selector: webSelector, Template: webTemplate},
			Status: appsv1.ReplicaSetStatus{Replicas: 3, ReadyReplicas: 1}},
			want: []any{"myapp-5d4f", int64(3), int64(3), int64(1), "10m", "web,log", "nginx:1.25,busybox", "app=web"}},
		{name: "replicaset without selector", group: "apps", resource: "replicasets", obj: &appsv1.ReplicaSet{ObjectMeta: meta("rs")},
			want: []any{"rs", int64(1), int64(0), int64(0), "10m", "", "", "<none>"}},
		{name: "job complete", group: "batch", resource: "jobs", obj: &jobDone,
			want: []any{"backup", "Complete", "1/1", "30s", "10m", "web,log", "nginx:1.25,busybox", "app=web"}},
		{name: "job running in parallel", group: "batch", resource: "jobs", obj: &batchv1.Job{ObjectMeta: meta("crunch"),
			Spec:   batchv1.JobSpec{Parallelism: ptr(int32(3))},
			Status: batchv1.JobStatus{StartTime: ptr(ago(150 * time.Second))}},
			want: []any{"crunch", "Running", "0/1 of 3", "2m30s", "10m", "", "", "<none>"}},
		{name: "job suspended, not started", group: "batch", resource: "jobs", obj: &batchv1.Job{ObjectMeta: meta("later"),
			Status: batchv1.JobStatus{Conditions: []batchv1.JobCondition{{Type: batchv1.JobSuspended, Status: corev1.ConditionTrue}}}},
			want: []any{"later", "Suspended", "0/1", "", "10m", "", "", "<none>"}},
		// Talk 002, "NodePort": the port the Ghost demo's Service got.
		{name: "nodeport service", resource: "services", obj: &corev1.Service{ObjectMeta: meta("ghost"),
			Spec: corev1.ServiceSpec{Type: corev1.ServiceTypeNodePort, ClusterIPs: []string{"10.96.12.7"}, Selector: map[string]string{"run": "ghost"},
				Ports: []corev1.ServicePort{{Port: 2368, NodePort: 31337, Protocol: corev1.ProtocolTCP}}}},
			want: []any{"ghost", "NodePort", "10.96.12.7", "<none>", "2368:31337/TCP", "10m", "run=ghost"}},
		{name: "load balancer pending", resource: "services", obj: &corev1.Service{ObjectMeta: meta("lb"),
			Spec: corev1.ServiceSpec{Type: corev1.ServiceTypeLoadBalancer, ClusterIPs: []string{"10.96.0.9"},
				Ports: []corev1.ServicePort{{Port: 80, Protocol: corev1.ProtocolTCP}, {Port: 443, NodePort: 30443, Protocol: corev1.ProtocolTCP}}}},
			want: []any{"lb", "LoadBalancer", "10.96.0.9", "<pending>", "80/TCP,443:30443/TCP", "10m", "<none>"}},
		{name: "load balancer with addresses", resource: "services", obj: &corev1.Service{ObjectMeta: meta("lb"),
			Spec: corev1.ServiceSpec{Type: corev1.ServiceTypeLoadBalancer, ExternalIPs: []string{"192.0.2.9"}},
			Status: corev1.ServiceStatus{LoadBalancer: corev1.LoadBalancerStatus{Ingress: []corev1.LoadBalancerIngress{
				{IP: "203.0.113.7"}, {Hostname: "lb.example.com"}, {IP: "203.0.113.7"}}}}},
			want: []any{"lb", "LoadBalancer", "<none>", "203.0.113.7,lb.example.com,192.0.2.9", "<none>", "10m", "<none>"}},
		{name: "external name", resource: "services", obj: &corev1.Service{ObjectMeta: meta("db"),
			Spec: corev1.ServiceSpec{Type: corev1.ServiceTypeExternalName, ExternalName: "db.example.com"}},
			want: []any{"db", "ExternalName", "<none>", "db.example.com", "<none>", "10m", "<none>"}},
		{name: "ready control plane node", resource: "nodes", obj: &corev1.Node{
			ObjectMeta: metav1.ObjectMeta{Name: "cp-1", CreationTimestamp: ago(50 * time.Hour),
				Labels: map[string]string{"node-role.kubernetes.io/control-plane": "", "kubernetes.io/role": "etcd"}},
			Status: corev1.NodeStatus{
				Conditions: []corev1.NodeCondition{{Type: corev1.NodeReady, Status: corev1.ConditionTrue}},
				Addresses:  []corev1.NodeAddress{{Type: corev1.NodeHostName, Address: "cp-1"}, {Type: corev1.NodeInternalIP, Address: "172.18.0.2"}},
				NodeInfo: corev1.NodeSystemInfo{KubeletVersion: "v1.37.0", OSImage: "Debian GNU/Linux 12 (bookworm)",
					KernelVersion: "6.1.0", ContainerRuntimeVersion: "containerd://2.0.0"}}},
			want: []any{"cp-1", "Ready", "control-plane,etcd", "2d2h", "v1.37.0", "172.18.0.2", "<none>",
				"Debian GNU/Linux 12 (bookworm)", "6.1.0", "containerd://2.0.0"}},
		{name: "cordoned node that stopped reporting", resource: "nodes", obj: &corev1.Node{ObjectMeta: meta("w-1"),
			Spec:   corev1.NodeSpec{Unschedulable: true},
			Status: corev1.NodeStatus{Conditions: []corev1.NodeCondition{{Type: corev1.NodeReady, Status: corev1.ConditionUnknown}}}},
			want: []any{"w-1", "NotReady,SchedulingDisabled", "<none>", "10m", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"}},
		{name: "new node without conditions", resource: "nodes", obj: &corev1.Node{ObjectMeta: meta("w-2")},
			want: []any{"w-2", "Unknown", "<none>", "10m", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"}},
		{name: "namespace", resource: "namespaces", obj: &corev1.Namespace{ObjectMeta: meta("dev"),
			Status: corev1.NamespaceStatus{Phase: corev1.NamespaceActive}}, want: []any{"dev", "Active", "10m"}},
		{name: "configmap counts both maps", resource: "configmaps", obj: &corev1.ConfigMap{ObjectMeta: meta("nginx"),
			Data: map[string]string{"nginx.conf": "x"}, BinaryData: map[string][]byte{"logo.png": {1}}}, want: []any{"nginx", int64(2), "10m"}},
		{name: "secret", resource: "secrets", obj: &corev1.Secret{ObjectMeta: meta("tls"), Type: "kubernetes.io/tls",
			Data: map[string][]byte{"tls.crt": nil, "tls.key": nil}}, want: []any{"tls", "kubernetes.io/tls", int64(2), "10m"}},
		{name: "service account", resource: "serviceaccounts", obj: &corev1.ServiceAccount{ObjectMeta: meta("default")},
			want: []any{"default", int64(0), "10m"}},
		{name: "endpoints", resource: "endpoints", obj: &corev1.Endpoints{ObjectMeta: meta("web"), Subsets: []corev1.EndpointSubset{
			{Addresses: []corev1.EndpointAddress{{IP: "10.0.0.1"}, {IP: "10.0.0.2"}}, Ports: []corev1.EndpointPort{{Port: 80}, {Port: 443}}},
			{Addresses: []corev1.EndpointAddress{{IP: "fd00::3"}}}}},
			want: []any{"web", "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 2 more...", "10m"}},
		{name: "endpoints without subsets", resource: "endpoints", obj: &corev1.Endpoints{ObjectMeta: meta("none")},
			want: []any{"none", "<none>", "10m"}},
		// Talk 000, "Scheduler": the event a scheduler writes on binding.
		{name: "scheduled event", resource: "events", obj: &corev1.Event{ObjectMeta: meta("web-0.17a"),
			InvolvedObject: corev1.ObjectReference{Kind: "Pod", Name: "web-0"}, Type: "Normal", Reason: "Scheduled",
			Message: "Successfully assigned default/web-0 to node-1\n", ReportingController: "default-scheduler",
			EventTime: metav1.NewMicroTime(now.Add(-90 * time.Second))},
			want: []any{"90s", "Normal", "Scheduled", "pod/web-0", "", "default-scheduler", "Successfully assigned default/web-0 to node-1", "90s", int64(1), "web-0.17a"}},
		{name: "repeated event", resource: "events", obj: &corev1.Event{ObjectMeta: meta("web-0.17b"),
			InvolvedObject: corev1.ObjectReference{Kind: "Pod", Name: "web-0", FieldPath: "spec.containers{web}"}, Type: "Warning", Reason: "BackOff",
			Source: corev1.EventSource{Component: "kubelet", Host: "node-1"}, Count: 7,
			FirstTimestamp: ago(time.Hour), LastTimestamp: ago(30 * time.Second)},
			want: []any{"30s", "Warning", "BackOff", "pod/web-0", "spec.containers{web}", "kubelet, node-1", "", "60m", int64(7), "web-0.17b"}},
		// The same event read through events.k8s.io/v1 prints the same.
		{name: "events.k8s.io event", group: "events.k8s.io", resource: "events", obj: &eventsv1.Event{ObjectMeta: meta("web-0.17b"),
			Regarding: corev1.ObjectReference{Kind: "Pod", Name: "web-0", FieldPath: "spec.containers{web}"}, Type: "Warning", Reason: "BackOff",
			DeprecatedSource: corev1.EventSource{Component: "kubelet", Host: "node-1"}, DeprecatedCount: 7,
			DeprecatedFirstTimestamp: ago(time.Hour), DeprecatedLastTimestamp: ago(30 * time.Second)},
			want: []any{"30s", "Warning", "BackOff", "pod/web-0", "spec.containers{web}", "kubelet, node-1", "", "60m", int64(7), "web-0.17b"}},
		{name: "persistent volume", resource: "persistentvolumes", obj: &corev1.PersistentVolume{ObjectMeta: meta("pv-1"),
			Spec: corev1.PersistentVolumeSpec{Capacity: corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("10Gi")},
				AccessModes:                   []corev1.PersistentVolumeAccessMode{corev1.ReadWriteMany, corev1.ReadWriteOnce},
				PersistentVolumeReclaimPolicy: corev1.PersistentVolumeReclaimRetain, StorageClassName: "nfs",
				ClaimRef: &corev1.ObjectReference{Namespace: "default", Name: "data"}},
			Status: corev1.PersistentVolumeStatus{Phase: corev1.VolumeBound}},
			want: []any{"pv-1", "10Gi", "RWO,RWX", "Retain", "Bound", "default/data", "nfs", "<unset>", "", "10m", "<unset>"}},
		{name: "pending claim", resource: "persistentvolumeclaims", obj: &corev1.PersistentVolumeClaim{ObjectMeta: meta("data"),
			Spec:   corev1.PersistentVolumeClaimSpec{StorageClassName: ptr("nfs")},
			Status: corev1.PersistentVolumeClaimStatus{Phase: corev1.ClaimPending}},
			want: []any{"data", "Pending", "", "", "", "nfs", "<unset>", "10m", "<unset>"}},
		{name: "bound claim", resource: "persistentvolumeclaims", obj: &corev1.PersistentVolumeClaim{ObjectMeta: meta("data"),
			Spec: corev1.PersistentVolumeClaimSpec{VolumeName: "pv-1", VolumeMode: ptr(corev1.PersistentVolumeFilesystem)},
			Status: corev1.PersistentVolumeClaimStatus{Phase: corev1.ClaimBound, AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
				Capacity: corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("10Gi")}}},
			want: []any{"data", "Bound", "pv-1", "10Gi", "RWO", "", "<unset>", "10m", "Filesystem"}},
		{name: "resource quota", resource: "resourcequotas", obj: &corev1.ResourceQuota{ObjectMeta: meta("compute"),
			Status: corev1.ResourceQuotaStatus{
				Hard: corev1.ResourceList{"pods": resource.MustParse("10"), "requests.cpu": resource.MustParse("2"), "limits.memory": resource.MustParse("4Gi")},
				Used: corev1.ResourceList{"pods": resource.MustParse("3"), "requests.cpu": resource.MustParse("500m")}}},
			want: []any{"compute", "10m", "pods: 3/10, requests.cpu: 500m/2", "limits.memory: 0/4Gi"}},
		// Talk 000, "Authorization chain": who a binding grants a role to.
		{name: "role binding", group: "rbac.authorization.k8s.io", resource: "rolebindings", obj: &rbacv1.RoleBinding{ObjectMeta: meta("dev-edit"),
			RoleRef: rbacv1.RoleRef{Kind: "ClusterRole", Name: "edit"},
			Subjects: []rbacv1.Subject{{Kind: "User", Name: "jane"}, {Kind: "Group", Name: "devs"}, {Kind: "User", Name: "joe"},
				{Kind: "ServiceAccount", Namespace: "ci", Name: "deployer"}}},
			want: []any{"dev-edit", "ClusterRole/edit", "10m", "jane, joe", "devs", "ci/deployer"}},
		{name: "cluster role binding", group: "rbac.authorization.k8s.io", resource: "clusterrolebindings", obj: &rbacv1.ClusterRoleBinding{
			ObjectMeta: meta("admins"), RoleRef: rbacv1.RoleRef{Kind: "ClusterRole", Name: "cluster-admin"}},
			want: []any{"admins", "ClusterRole/cluster-admin", "10m", "", "", ""}},
		{name: "role has the default columns", group: "rbac.authorization.k8s.io", resource: "roles", obj: &rbacv1.Role{
			ObjectMeta: metav1.ObjectMeta{Name: "reader", CreationTimestamp: metav1.NewTime(time.Date(2024, 4, 30, 8, 15, 0, 0, time.FixedZone("CEST", 7200)))}},
			want: []any{"reader", "2024-04-30T06:15:00Z"}},
		{name: "lease", group: "coordination.k8s.io", resource: "leases", obj: &coordinationv1.Lease{ObjectMeta: meta("kube-scheduler"),
			Spec: coordinationv1.LeaseSpec{HolderIdentity: ptr("cp-1_5f3a")}}, want: []any{"kube-scheduler", "cp-1_5f3a", "10m"}},
		{name: "endpoint slice", group: "discovery.k8s.io", resource: "endpointslices", obj: &discoveryv1.EndpointSlice{ObjectMeta: meta("web-abc"),
			AddressType: discoveryv1.AddressTypeIPv4,
			Ports:       []discoveryv1.EndpointPort{{Port: ptr(int32(80))}, {Name: ptr("metrics")}, {}, {Port: ptr(int32(9090))}},
			Endpoints:   []discoveryv1.Endpoint{{Addresses: []string{"10.0.0.1"}}, {Addresses: []string{"10.0.0.2"}}}},
			want: []any{"web-abc", "IPv4", "80,metrics,* + 1 more...", "10.0.0.1,10.0.0.2", "10m"}},
		// Talk 000, "Admission": `kubectl get validatingwebhookconfigurations`
		// counts the endpoints each write may be sent to.
		{name: "validating webhooks", group: "admissionregistration.k8s.io", resource: "validatingwebhookconfigurations",
			obj: &admissionregistrationv1.ValidatingWebhookConfiguration{ObjectMeta: meta("pod-policy"),
				Webhooks: []admissionregistrationv1.ValidatingWebhook{{Name: "a.example.com"}, {Name: "b.example.com"}}},
			want: []any{"pod-policy", int64(2), "10m"}},
		{name: "mutating configuration without webhooks", group: "admissionregistration.k8s.io", resource: "mutatingwebhookconfigurations",
			obj: &admissionregistrationv1.MutatingWebhookConfiguration{ObjectMeta: meta("none")}, want: []any{"none", int64(0), "10m"}},
		{name: "empty endpoint slice", group: "discovery.k8s.io", resource: "endpointslices", obj: &discoveryv1.EndpointSlice{ObjectMeta: meta("e")},
			want: []any{"e", "", "<unset>", "<unset>", "10m"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, ok := ByResource(tc.group, tc.resource)
			if !ok {
				t.Fatalf("%s/%s not registered", tc.group, tc.resource)
			}
			got := Row(res, tc.obj, TableOptions{Wide: true, Now: now})
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("cells (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadBalancerAddressesShortened(t *testing.T) {
	in := []corev1.LoadBalancerIngress{{IP: "203.0.113.7"}, {IP: "203.0.113.8"}}
	tests := []struct {
		name string
		wide bool
		want string
	}{
		{name: "wide", wide: true, want: "203.0.113.7,203.0.113.8"},
		{name: "narrow", wide: false, want: "203.0.113.7,2..."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := loadBalancerAddresses(in, tc.wide); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
