// Objects: the realistic objects of the golden files.
//
// Interface:
//   - goldens() returns the objects written as NAME.pb / NAME.json pairs.
//   - watchEvents() returns the events of watch.pb / watch.json, the event
//     type in name.
//
// Each object uses only fields this project's types have (the protobuf
// package's gap list names the others), and sets its TypeMeta, which the
// envelope carries.
package main

import (
	"time"

	appsv1 "k8s.io/api/apps/v1"
	authorizationv1 "k8s.io/api/authorization/v1"
	batchv1 "k8s.io/api/batch/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	k8stypes "k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// created is every object's creationTimestamp.
var created = metav1.NewTime(time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC))

func ptr[T any](v T) *T { return &v }

// meta returns the metadata of a namespaced object named name.
func meta(name string, labels map[string]string) metav1.ObjectMeta {
	return metav1.ObjectMeta{
		Name: name, Namespace: "default", UID: "6d0b7a52-8a4b-4f0e-9c53-0f7e1c2a9b10",
		ResourceVersion: "4711", Generation: 2, CreationTimestamp: created, Labels: labels,
		Annotations: map[string]string{"kubeworkbook.io/note": "golden"},
	}
}

func goldens() []golden {
	return []golden{
		{"deployment", deployment()},
		{"pod", pod()},
		{"configmap", &corev1.ConfigMap{
			TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "ConfigMap"},
			ObjectMeta: meta("settings", nil),
			Data:       map[string]string{"app.properties": "color=blue\nsize=3\n", "empty": ""},
			BinaryData: map[string][]byte{"logo.bin": {0x00, 0xff, 0x10, 0x80}},
			Immutable:  ptr(true),
		}},
		{"secret", &corev1.Secret{
			TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Secret"},
			ObjectMeta: meta("db-credentials", nil),
			Type:       corev1.SecretTypeOpaque,
			Data:       map[string][]byte{"password": []byte("s3cr3t"), "user": []byte("admin")},
		}},
		{"service", &corev1.Service{
			TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Service"},
			ObjectMeta: meta("web", map[string]string{"app": "web"}),
			Spec: corev1.ServiceSpec{
				Type:     corev1.ServiceTypeNodePort,
				Selector: map[string]string{"app": "web"},
				Ports: []corev1.ServicePort{
					{Name: "http", Protocol: corev1.ProtocolTCP, Port: 80, TargetPort: intstr.FromString("http"), NodePort: 30080},
					{Name: "metrics", Protocol: corev1.ProtocolTCP, Port: 9090, TargetPort: intstr.FromInt32(9090)},
				},
				ClusterIP: "10.96.0.20", ClusterIPs: []string{"10.96.0.20"},
				SessionAffinity: corev1.ServiceAffinityNone, IPFamilies: []corev1.IPFamily{corev1.IPv4Protocol},
				IPFamilyPolicy: ptr(corev1.IPFamilyPolicySingleStack), ExternalTrafficPolicy: corev1.ServiceExternalTrafficPolicyCluster,
				InternalTrafficPolicy: ptr(corev1.ServiceInternalTrafficPolicyCluster),
			},
		}},
		{"job", &batchv1.Job{
			TypeMeta:   metav1.TypeMeta{APIVersion: "batch/v1", Kind: "Job"},
			ObjectMeta: meta("pi", nil),
			Spec: batchv1.JobSpec{
				Parallelism: ptr[int32](2), Completions: ptr[int32](4), BackoffLimit: ptr[int32](6),
				ActiveDeadlineSeconds: ptr[int64](600), TTLSecondsAfterFinished: ptr[int32](100),
				Template: corev1.PodTemplateSpec{
					ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"job-name": "pi"}},
					Spec: corev1.PodSpec{
						RestartPolicy: corev1.RestartPolicyNever,
						Containers: []corev1.Container{{
							Name: "pi", Image: "perl:5.34", Command: []string{"perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"},
						}},
					},
				},
			},
			Status: batchv1.JobStatus{Active: 2, Succeeded: 1, StartTime: &created, Ready: ptr[int32](2)},
		}},
		{"role", &rbacv1.Role{
			TypeMeta:   metav1.TypeMeta{APIVersion: "rbac.authorization.k8s.io/v1", Kind: "Role"},
			ObjectMeta: meta("pod-reader", nil),
			Rules: []rbacv1.PolicyRule{
				{Verbs: []string{"get", "list", "watch"}, APIGroups: []string{""}, Resources: []string{"pods", "pods/log"}},
				{Verbs: []string{"update"}, APIGroups: []string{"apps"}, Resources: []string{"deployments"}, ResourceNames: []string{"web"}},
			},
		}},
		{"namespace", &corev1.Namespace{
			TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Namespace"},
			ObjectMeta: metav1.ObjectMeta{Name: "team-a", CreationTimestamp: created, Labels: map[string]string{"kubernetes.io/metadata.name": "team-a"}},
			Spec:       corev1.NamespaceSpec{Finalizers: []corev1.FinalizerName{corev1.FinalizerKubernetes}},
			Status:     corev1.NamespaceStatus{Phase: corev1.NamespaceActive},
		}},
		{"lease", &coordinationv1.Lease{
			TypeMeta:   metav1.TypeMeta{APIVersion: "coordination.k8s.io/v1", Kind: "Lease"},
			ObjectMeta: meta("kube-controller-manager", nil),
			Spec: coordinationv1.LeaseSpec{
				HolderIdentity: ptr("node-1_4f3c"), LeaseDurationSeconds: ptr[int32](15),
				AcquireTime:      ptr(metav1.NewMicroTime(time.Date(2026, 11, 25, 9, 30, 1, 123456000, time.UTC))),
				RenewTime:        ptr(metav1.NewMicroTime(time.Date(2026, 11, 25, 9, 31, 2, 654321000, time.UTC))),
				LeaseTransitions: ptr[int32](3),
			},
		}},
		{"event", &corev1.Event{
			TypeMeta:       metav1.TypeMeta{APIVersion: "v1", Kind: "Event"},
			ObjectMeta:     meta("web-7d4b9c-x2x1.1870a", nil),
			InvolvedObject: corev1.ObjectReference{Kind: "Pod", Namespace: "default", Name: "web-7d4b9c-x2x1", UID: "1b2c", APIVersion: "v1", ResourceVersion: "4700", FieldPath: "spec.containers{web}"},
			Reason:         "Pulled", Message: `Successfully pulled image "nginx:1.27"`,
			Source:         corev1.EventSource{Component: "kubelet", Host: "node-1"},
			FirstTimestamp: created, LastTimestamp: created, Count: 3, Type: corev1.EventTypeNormal,
			EventTime:           metav1.NewMicroTime(time.Date(2026, 11, 25, 9, 30, 0, 500000000, time.UTC)),
			ReportingController: "kubelet", ReportingInstance: "node-1",
		}},
		// A webhook authorizer's question: the map of extra values is
		// map<string, ExtraValue>, each value a message of its own.
		{"subjectaccessreview", &authorizationv1.SubjectAccessReview{
			TypeMeta: metav1.TypeMeta{APIVersion: "authorization.k8s.io/v1", Kind: "SubjectAccessReview"},
			Spec: authorizationv1.SubjectAccessReviewSpec{
				ResourceAttributes: &authorizationv1.ResourceAttributes{Namespace: "default", Verb: "list", Resource: "pods"},
				User:               "system:serviceaccount:default:builder", Groups: []string{"system:serviceaccounts", "system:authenticated"},
				UID: "7c1e", Extra: map[string]authorizationv1.ExtraValue{
					"authentication.kubernetes.io/pod-name": {"builder-5f7d"},
					"scopes.example.com/granted":            {"read", "list"},
				},
			},
			Status: authorizationv1.SubjectAccessReviewStatus{Allowed: true, Reason: `RBAC: allowed by RoleBinding "builder/default"`},
		}},
		{"deleteoptions", &metav1.DeleteOptions{
			TypeMeta:           metav1.TypeMeta{APIVersion: "v1", Kind: "DeleteOptions"},
			GracePeriodSeconds: ptr[int64](0),
			Preconditions:      &metav1.Preconditions{UID: ptr(k8stypes.UID("6d0b7a52")), ResourceVersion: ptr("4711")},
			PropagationPolicy:  ptr(metav1.DeletePropagationForeground),
			DryRun:             []string{"All"},
		}},
	}
}

func watchEvents() []golden {
	return []golden{
		{"ADDED", &corev1.ConfigMap{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "ConfigMap"}, ObjectMeta: meta("settings", nil), Data: map[string]string{"a": "1"}}},
		{"DELETED", &corev1.Namespace{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Namespace"}, ObjectMeta: metav1.ObjectMeta{Name: "team-a", ResourceVersion: "4712"}}},
	}
}

func deployment() *appsv1.Deployment {
	labels := map[string]string{"app": "web"}
	return &appsv1.Deployment{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		ObjectMeta: meta("web", labels),
		Spec: appsv1.DeploymentSpec{
			Replicas: ptr[int32](3),
			Selector: &metav1.LabelSelector{
				MatchLabels:      labels,
				MatchExpressions: []metav1.LabelSelectorRequirement{{Key: "tier", Operator: metav1.LabelSelectorOpIn, Values: []string{"frontend", "edge"}}},
			},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec: corev1.PodSpec{
					Containers: []corev1.Container{{
						Name: "web", Image: "nginx:1.27", ImagePullPolicy: corev1.PullIfNotPresent,
						Ports: []corev1.ContainerPort{{Name: "http", ContainerPort: 80, Protocol: corev1.ProtocolTCP}},
						Env: []corev1.EnvVar{
							{Name: "MODE", Value: "production"},
							{Name: "POD_IP", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "status.podIP"}}},
							{Name: "LIMIT", ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.memory", Divisor: resource.MustParse("1Mi")}}},
						},
						Resources: corev1.ResourceRequirements{
							Limits:   corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("500m"), corev1.ResourceMemory: resource.MustParse("256Mi")},
							Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("100m"), corev1.ResourceMemory: resource.MustParse("64Mi")},
						},
						LivenessProbe: &corev1.Probe{
							ProbeHandler:        corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/healthz", Port: intstr.FromString("http"), Scheme: corev1.URISchemeHTTP}},
							InitialDelaySeconds: 5, PeriodSeconds: 10, TimeoutSeconds: 1, SuccessThreshold: 1, FailureThreshold: 3,
						},
						ReadinessProbe: &corev1.Probe{
							ProbeHandler:  corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromInt32(80)}},
							PeriodSeconds: 5, TimeoutSeconds: 1, SuccessThreshold: 1, FailureThreshold: 3,
						},
						TerminationMessagePath: "/dev/termination-log", TerminationMessagePolicy: corev1.TerminationMessageReadFile,
					}},
					RestartPolicy: corev1.RestartPolicyAlways, TerminationGracePeriodSeconds: ptr[int64](30),
					DNSPolicy: corev1.DNSClusterFirst, SchedulerName: "default-scheduler",
					Affinity: &corev1.Affinity{
						NodeAffinity: &corev1.NodeAffinity{RequiredDuringSchedulingIgnoredDuringExecution: &corev1.NodeSelector{
							NodeSelectorTerms: []corev1.NodeSelectorTerm{{MatchExpressions: []corev1.NodeSelectorRequirement{
								{Key: "kubernetes.io/arch", Operator: corev1.NodeSelectorOpIn, Values: []string{"amd64", "arm64"}},
							}}},
						}},
						PodAntiAffinity: &corev1.PodAntiAffinity{PreferredDuringSchedulingIgnoredDuringExecution: []corev1.WeightedPodAffinityTerm{{
							Weight:          100,
							PodAffinityTerm: corev1.PodAffinityTerm{LabelSelector: &metav1.LabelSelector{MatchLabels: labels}, TopologyKey: "kubernetes.io/hostname"},
						}}},
					},
				},
			},
			Strategy: appsv1.DeploymentStrategy{
				Type:          appsv1.RollingUpdateDeploymentStrategyType,
				RollingUpdate: &appsv1.RollingUpdateDeployment{MaxUnavailable: ptr(intstr.FromString("25%")), MaxSurge: ptr(intstr.FromInt32(1))},
			},
			RevisionHistoryLimit: ptr[int32](10), ProgressDeadlineSeconds: ptr[int32](600),
		},
		Status: appsv1.DeploymentStatus{
			ObservedGeneration: 2, Replicas: 3, UpdatedReplicas: 3, ReadyReplicas: 2, AvailableReplicas: 2, UnavailableReplicas: 1,
			Conditions: []appsv1.DeploymentCondition{{
				Type: appsv1.DeploymentAvailable, Status: corev1.ConditionTrue, LastUpdateTime: created, LastTransitionTime: created,
				Reason: "MinimumReplicasAvailable", Message: "Deployment has minimum availability.",
			}},
		},
	}
}

func pod() *corev1.Pod {
	return &corev1.Pod{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: meta("web-7d4b9c-x2x1", map[string]string{"app": "web"}),
		Spec: corev1.PodSpec{
			Volumes: []corev1.Volume{
				{Name: "config", VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{
					LocalObjectReference: corev1.LocalObjectReference{Name: "settings"}, DefaultMode: ptr[int32](0o644),
					Items: []corev1.KeyToPath{{Key: "app.properties", Path: "app.properties"}},
				}}},
				{Name: "cache", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{Medium: corev1.StorageMediumMemory, SizeLimit: ptr(resource.MustParse("1Gi"))}}},
				{Name: "data", VolumeSource: corev1.VolumeSource{PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: "data-web-0"}}},
			},
			InitContainers: []corev1.Container{{Name: "init", Image: "busybox:1.36", Command: []string{"sh", "-c", "echo ready"}}},
			Containers: []corev1.Container{{
				Name: "web", Image: "nginx:1.27",
				Ports:        []corev1.ContainerPort{{Name: "http", ContainerPort: 8080, HostPort: 80, Protocol: corev1.ProtocolTCP}},
				VolumeMounts: []corev1.VolumeMount{{Name: "config", MountPath: "/etc/app", ReadOnly: true}, {Name: "cache", MountPath: "/cache"}},
				SecurityContext: &corev1.SecurityContext{
					RunAsUser: ptr[int64](1000), RunAsNonRoot: ptr(true), ReadOnlyRootFilesystem: ptr(true), AllowPrivilegeEscalation: ptr(false),
					Capabilities: &corev1.Capabilities{Drop: []corev1.Capability{"ALL"}, Add: []corev1.Capability{"NET_BIND_SERVICE"}},
				},
				StartupProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"cat", "/tmp/ready"}}}, FailureThreshold: 30, PeriodSeconds: 2},
			}},
			NodeName: "node-1", ServiceAccountName: "default", Hostname: "web",
			SecurityContext: &corev1.PodSecurityContext{RunAsUser: ptr[int64](1000), RunAsGroup: ptr[int64](3000), FSGroup: ptr[int64](2000), SupplementalGroups: []int64{4000, 5000}},
			Tolerations:     []corev1.Toleration{{Key: "node.kubernetes.io/not-ready", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: ptr[int64](300)}},
			Priority:        ptr[int32](-5),
		},
		Status: corev1.PodStatus{
			Phase: corev1.PodRunning, HostIP: "192.168.1.10", PodIP: "10.244.1.7", PodIPs: []corev1.PodIP{{IP: "10.244.1.7"}},
			StartTime: &created, QOSClass: corev1.PodQOSBestEffort,
			Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue, LastTransitionTime: created}},
			ContainerStatuses: []corev1.ContainerStatus{{
				Name: "web", Ready: true, RestartCount: 1, Image: "nginx:1.27", ImageID: "docker.io/library/nginx@sha256:0123", ContainerID: "containerd://abc",
				State:   corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: created}},
				Started: ptr(true),
			}},
		},
	}
}
