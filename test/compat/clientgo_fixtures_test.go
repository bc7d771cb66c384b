package compat

// One minimal valid object per resource our server serves, built with the
// upstream Go types (k8s.io/api), each wired to its typed client. These
// are test fixtures, not a second copy of the resource table: the list of
// resources to test comes from discovery at run time, and a resource with
// no fixture here fails TestClientGoTypedCRUD.
//
// Interface:
//   - typedFixtures(cs, ns) maps "resource.group" to the CRUD round trip of
//     one object, namespaced ones in ns.

import (
	"testing"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	eventsv1 "k8s.io/api/events/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// typedFixtures returns the CRUD test of each resource, keyed by its
// schema.GroupResource string ("configmaps", "deployments.apps"). Every
// fixture object is named "compat-" + ns, so that runs in two namespaces
// do not meet in the cluster-scoped resources.
func typedFixtures(cs kubernetes.Interface, ns string) map[string]func(*testing.T) {
	fixtureName := "compat-" + ns
	meta := metav1.ObjectMeta{Name: fixtureName}
	labels := map[string]string{"app": fixtureName}
	podSpec := corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "nginx:1.27"}}}
	template := corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels}, Spec: podSpec}
	selector := &metav1.LabelSelector{MatchLabels: labels}
	core, apps := cs.CoreV1(), cs.AppsV1()
	rbac, admission := cs.RbacV1(), cs.AdmissionregistrationV1()
	// The webhook configurations register one webhook for a resource no
	// one serves, failing open, so that no other test's write is sent to
	// its (unreachable) endpoint.
	webhookClient := admissionregistrationv1.WebhookClientConfig{URL: ptr("https://127.0.0.1:1/compat")}
	webhookRules := []admissionregistrationv1.RuleWithOperations{{
		Operations: []admissionregistrationv1.OperationType{admissionregistrationv1.Create},
		Rule: admissionregistrationv1.Rule{APIGroups: []string{"compat.example.com"}, APIVersions: []string{"v1"},
			Resources: []string{"widgets"}},
	}}
	return map[string]func(*testing.T){
		"configmaps": crud[*corev1.ConfigMap, *corev1.ConfigMapList](core.ConfigMaps(ns),
			&corev1.ConfigMap{ObjectMeta: meta, Data: map[string]string{"k": "v"}}),
		"endpoints": crud[*corev1.Endpoints, *corev1.EndpointsList](core.Endpoints(ns),
			&corev1.Endpoints{ObjectMeta: meta, Subsets: []corev1.EndpointSubset{{
				Addresses: []corev1.EndpointAddress{{IP: "10.0.0.1"}},
				Ports:     []corev1.EndpointPort{{Port: 80, Protocol: corev1.ProtocolTCP}},
			}}}),
		"events": crud[*corev1.Event, *corev1.EventList](core.Events(ns),
			&corev1.Event{
				ObjectMeta:     meta,
				InvolvedObject: corev1.ObjectReference{Kind: "Pod", Namespace: ns, Name: "p", APIVersion: "v1"},
				Reason:         "Tested", Message: "by the compatibility suite", Type: corev1.EventTypeNormal,
				Source:         corev1.EventSource{Component: "compat"},
				FirstTimestamp: metav1.Now(), LastTimestamp: metav1.Now(), Count: 1,
			}),
		// Shares storage with core events (as upstream); its own name keeps
		// the two fixtures apart.
		"events.events.k8s.io": crud[*eventsv1.Event, *eventsv1.EventList](cs.EventsV1().Events(ns),
			&eventsv1.Event{
				ObjectMeta: metav1.ObjectMeta{Name: fixtureName + "-v1"},
				EventTime:  metav1.NowMicro(), ReportingController: "compat.example/suite", ReportingInstance: "compat-1",
				Action: "Testing", Reason: "Tested", Note: "by the compatibility suite", Type: corev1.EventTypeNormal,
				Regarding: corev1.ObjectReference{Kind: "Pod", Namespace: ns, Name: "p", APIVersion: "v1"},
			}),
		"limitranges": crud[*corev1.LimitRange, *corev1.LimitRangeList](core.LimitRanges(ns),
			&corev1.LimitRange{ObjectMeta: meta, Spec: corev1.LimitRangeSpec{Limits: []corev1.LimitRangeItem{{
				Type:           corev1.LimitTypeContainer,
				DefaultRequest: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("100m")},
			}}}}),
		"namespaces": crud[*corev1.Namespace, *corev1.NamespaceList](core.Namespaces(),
			&corev1.Namespace{ObjectMeta: meta}),
		"nodes": crud[*corev1.Node, *corev1.NodeList](core.Nodes(),
			&corev1.Node{ObjectMeta: meta}),
		"persistentvolumeclaims": crud[*corev1.PersistentVolumeClaim, *corev1.PersistentVolumeClaimList](core.PersistentVolumeClaims(ns),
			&corev1.PersistentVolumeClaim{ObjectMeta: meta, Spec: corev1.PersistentVolumeClaimSpec{
				AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
				Resources: corev1.VolumeResourceRequirements{
					Requests: corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("1Gi")},
				},
			}}),
		"persistentvolumes": crud[*corev1.PersistentVolume, *corev1.PersistentVolumeList](core.PersistentVolumes(),
			&corev1.PersistentVolume{ObjectMeta: meta, Spec: corev1.PersistentVolumeSpec{
				AccessModes:            []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
				Capacity:               corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("1Gi")},
				PersistentVolumeSource: corev1.PersistentVolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/data"}},
			}}),
		"pods": crud[*corev1.Pod, *corev1.PodList](core.Pods(ns),
			&corev1.Pod{ObjectMeta: meta, Spec: podSpec}),
		"resourcequotas": crud[*corev1.ResourceQuota, *corev1.ResourceQuotaList](core.ResourceQuotas(ns),
			&corev1.ResourceQuota{ObjectMeta: meta, Spec: corev1.ResourceQuotaSpec{
				Hard: corev1.ResourceList{corev1.ResourcePods: resource.MustParse("10")},
			}}),
		"secrets": crud[*corev1.Secret, *corev1.SecretList](core.Secrets(ns),
			&corev1.Secret{ObjectMeta: meta, Data: map[string][]byte{"token": []byte("s3cret")}}),
		"serviceaccounts": crud[*corev1.ServiceAccount, *corev1.ServiceAccountList](core.ServiceAccounts(ns),
			&corev1.ServiceAccount{ObjectMeta: meta}),
		"services": crud[*corev1.Service, *corev1.ServiceList](core.Services(ns),
			&corev1.Service{ObjectMeta: meta, Spec: corev1.ServiceSpec{
				Selector: labels,
				Ports:    []corev1.ServicePort{{Port: 80}},
			}}),
		"deployments.apps": crud[*appsv1.Deployment, *appsv1.DeploymentList](apps.Deployments(ns),
			&appsv1.Deployment{ObjectMeta: meta, Spec: appsv1.DeploymentSpec{Selector: selector, Template: template}}),
		"replicasets.apps": crud[*appsv1.ReplicaSet, *appsv1.ReplicaSetList](apps.ReplicaSets(ns),
			&appsv1.ReplicaSet{ObjectMeta: meta, Spec: appsv1.ReplicaSetSpec{Selector: selector, Template: template}}),
		"jobs.batch": crud[*batchv1.Job, *batchv1.JobList](cs.BatchV1().Jobs(ns),
			&batchv1.Job{ObjectMeta: meta, Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{
				Spec: corev1.PodSpec{Containers: podSpec.Containers, RestartPolicy: corev1.RestartPolicyNever},
			}}}),
		"leases.coordination.k8s.io": crud[*coordinationv1.Lease, *coordinationv1.LeaseList](cs.CoordinationV1().Leases(ns),
			&coordinationv1.Lease{ObjectMeta: meta, Spec: coordinationv1.LeaseSpec{HolderIdentity: ptr("compat")}}),
		"endpointslices.discovery.k8s.io": crud[*discoveryv1.EndpointSlice, *discoveryv1.EndpointSliceList](cs.DiscoveryV1().EndpointSlices(ns),
			&discoveryv1.EndpointSlice{
				ObjectMeta:  meta,
				AddressType: discoveryv1.AddressTypeIPv4,
				Endpoints:   []discoveryv1.Endpoint{{Addresses: []string{"10.0.0.1"}}},
				Ports:       []discoveryv1.EndpointPort{{Port: ptr(int32(80))}},
			}),
		"clusterrolebindings.rbac.authorization.k8s.io": crud[*rbacv1.ClusterRoleBinding, *rbacv1.ClusterRoleBindingList](rbac.ClusterRoleBindings(),
			&rbacv1.ClusterRoleBinding{
				ObjectMeta: meta,
				RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: "view"},
				Subjects:   []rbacv1.Subject{{Kind: rbacv1.UserKind, APIGroup: rbacv1.GroupName, Name: "jane"}},
			}),
		"clusterroles.rbac.authorization.k8s.io": crud[*rbacv1.ClusterRole, *rbacv1.ClusterRoleList](rbac.ClusterRoles(),
			&rbacv1.ClusterRole{ObjectMeta: meta, Rules: []rbacv1.PolicyRule{{
				APIGroups: []string{""}, Resources: []string{"pods"}, Verbs: []string{"get", "list"},
			}}}),
		"rolebindings.rbac.authorization.k8s.io": crud[*rbacv1.RoleBinding, *rbacv1.RoleBindingList](rbac.RoleBindings(ns),
			&rbacv1.RoleBinding{
				ObjectMeta: meta,
				RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "Role", Name: fixtureName},
				Subjects:   []rbacv1.Subject{{Kind: rbacv1.ServiceAccountKind, Name: "default", Namespace: ns}},
			}),
		"mutatingwebhookconfigurations.admissionregistration.k8s.io": crud[*admissionregistrationv1.MutatingWebhookConfiguration,
			*admissionregistrationv1.MutatingWebhookConfigurationList](admission.MutatingWebhookConfigurations(),
			&admissionregistrationv1.MutatingWebhookConfiguration{ObjectMeta: meta, Webhooks: []admissionregistrationv1.MutatingWebhook{{
				Name: "defaults.compat.example.com", ClientConfig: webhookClient, Rules: webhookRules,
				FailurePolicy:           ptr(admissionregistrationv1.Ignore),
				SideEffects:             ptr(admissionregistrationv1.SideEffectClassNone),
				AdmissionReviewVersions: []string{"v1"},
			}}}),
		"validatingwebhookconfigurations.admissionregistration.k8s.io": crud[*admissionregistrationv1.ValidatingWebhookConfiguration,
			*admissionregistrationv1.ValidatingWebhookConfigurationList](admission.ValidatingWebhookConfigurations(),
			&admissionregistrationv1.ValidatingWebhookConfiguration{ObjectMeta: meta, Webhooks: []admissionregistrationv1.ValidatingWebhook{{
				Name: "policy.compat.example.com", ClientConfig: webhookClient, Rules: webhookRules,
				FailurePolicy:           ptr(admissionregistrationv1.Ignore),
				SideEffects:             ptr(admissionregistrationv1.SideEffectClassNone),
				AdmissionReviewVersions: []string{"v1"},
			}}}),
		"roles.rbac.authorization.k8s.io": crud[*rbacv1.Role, *rbacv1.RoleList](rbac.Roles(ns),
			&rbacv1.Role{ObjectMeta: meta, Rules: []rbacv1.PolicyRule{{
				APIGroups: []string{"apps"}, Resources: []string{"deployments"}, Verbs: []string{"get"},
			}}}),
	}
}

// ptr returns a pointer to v, for the optional fields of the API types.
func ptr[T any](v T) *T { return &v }
