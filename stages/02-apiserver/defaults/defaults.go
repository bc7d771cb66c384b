// Defaulting entry point: one call that fills in every field the API server
// defaults, whatever the kind.
//
// Interface:
//   - Default(obj) dispatches on the object's Go type to the per-kind
//     function (Pod, Deployment, Service, ...); a kind without defaults is
//     left untouched.
//   - The per-kind functions live beside their neighbours: pod.go,
//     container.go, volume.go (the pod spec tree), workloads.go,
//     service.go, namespace.go, persistentvolume.go, resources.go,
//     rbac.go, secret.go.
//
// The REST layer (stages/02-apiserver) calls Default after decoding a
// create or update body and before validation; the typed objects come from
// shared/api and the kind table from shared/scheme.

package defaults

import (
	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	batchv1 "github.com/kubeworkbook/kubeworkbook/shared/api/batch/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	discoveryv1 "github.com/kubeworkbook/kubeworkbook/shared/api/discovery/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
)

// Default fills in the unset fields of obj that upstream Kubernetes v1.37
// defaults when it decodes a request body (the generated
// SetObjectDefaults_<Kind> functions of k8s.io/kubernetes/pkg/apis/*/v1).
//
// obj must be a pointer to one of the shared/api types; any other type,
// and any kind upstream does not default (ConfigMap, Event, Lease, Role,
// ServiceAccount, ...), is returned unchanged. Default never overwrites a
// value that is set, and applying it twice gives the same object as
// applying it once. It never fails: defaults are not validation, and an
// object that is still wrong afterwards is for validation to reject.
func Default(obj metav1.Object) {
	switch o := obj.(type) {
	case *corev1.Pod:
		Pod(o)
	case *corev1.Service:
		Service(o)
	case *corev1.Endpoints:
		Endpoints(o)
	case *corev1.Namespace:
		Namespace(o)
	case *corev1.Secret:
		Secret(o)
	case *corev1.Node:
		Node(o)
	case *corev1.PersistentVolume:
		PersistentVolume(o)
	case *corev1.PersistentVolumeClaim:
		PersistentVolumeClaim(o)
	case *corev1.LimitRange:
		LimitRange(o)
	case *corev1.ResourceQuota:
		ResourceQuota(o)
	case *appsv1.Deployment:
		Deployment(o)
	case *appsv1.ReplicaSet:
		ReplicaSet(o)
	case *batchv1.Job:
		Job(o)
	case *discoveryv1.EndpointSlice:
		EndpointSlice(o)
	case *rbacv1.RoleBinding:
		RoleBinding(o)
	case *rbacv1.ClusterRoleBinding:
		ClusterRoleBinding(o)
	}
}

// ptr returns a pointer to a copy of v. Each default gets its own
// variable, so two objects defaulted from the same constant never share
// memory.
func ptr[T any](v T) *T { return &v }
