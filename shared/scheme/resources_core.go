// The core group ("" / v1): the resources served under /api/v1.
//
// Interface:
//   - coreResources() returns the entries, in discovery's alphabetical
//     order. Names, short names, verbs, subresources and categories are
//     what a v1.3x API server reports in /api/v1.

package scheme

import (
	autoscalingv1 "github.com/kubeworkbook/kubeworkbook/shared/api/autoscaling/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// VerbsNamespaces are the verbs of namespaces: no deletecollection, so
// one request cannot wipe every namespace.
var VerbsNamespaces = []string{"create", "delete", "get", "list", "patch", "update", "watch"}

// status is the status subresource, whose kind is the parent's.
func status(kind string) Subresource {
	return Subresource{Name: "status", Kind: kind, Verbs: VerbsStatus}
}

// scale is the scale subresource, which speaks autoscaling/v1 Scale.
var scale = Subresource{Name: "scale", Group: autoscalingv1.GroupName, Version: "v1", Kind: "Scale", Verbs: VerbsStatus}

// newOf and newListOf adapt a Go type's zero value to Resource.New and
// Resource.NewList.
func newOf[T any, PT interface {
	*T
	metav1.Object
}]() func() metav1.Object {
	return func() metav1.Object { return PT(new(T)) }
}

func newListOf[T any, PT interface {
	*T
	metav1.ListInterface
}]() func() metav1.ListInterface {
	return func() metav1.ListInterface { return PT(new(T)) }
}

func coreResources() []*Resource {
	core := func(r Resource) *Resource {
		r.Group, r.Version = corev1.GroupName, "v1"
		if r.ListKind == "" && r.NewList != nil {
			r.ListKind = r.Kind + "List"
		}
		return &r
	}
	return []*Resource{
		core(Resource{Resource: "bindings", Singular: "binding", Kind: "Binding", Namespaced: true,
			Verbs: VerbsCreate, New: newOf[corev1.Binding]()}),
		core(Resource{Resource: "configmaps", Singular: "configmap", Kind: "ConfigMap", ShortNames: []string{"cm"},
			Namespaced: true, Verbs: VerbsAll, New: newOf[corev1.ConfigMap](), NewList: newListOf[corev1.ConfigMapList](),
			Columns: configMapColumns()}),
		core(Resource{Resource: "endpoints", Singular: "endpoints", Kind: "Endpoints", ShortNames: []string{"ep"},
			Namespaced: true, Verbs: VerbsAll, New: newOf[corev1.Endpoints](), NewList: newListOf[corev1.EndpointsList](),
			Columns: endpointsColumns()}),
		core(Resource{Resource: "events", Singular: "event", Kind: "Event", ShortNames: []string{"ev"},
			Namespaced: true, Verbs: VerbsAll, New: newOf[corev1.Event](), NewList: newListOf[corev1.EventList](),
			Columns: eventColumns()}),
		core(Resource{Resource: "limitranges", Singular: "limitrange", Kind: "LimitRange", ShortNames: []string{"limits"},
			Namespaced: true, Verbs: VerbsAll, New: newOf[corev1.LimitRange](), NewList: newListOf[corev1.LimitRangeList]()}),
		core(Resource{Resource: "namespaces", Singular: "namespace", Kind: "Namespace", ShortNames: []string{"ns"},
			Verbs: VerbsNamespaces, New: newOf[corev1.Namespace](), NewList: newListOf[corev1.NamespaceList](),
			Subresources: []Subresource{
				{Name: "finalize", Kind: "Namespace", Verbs: []string{"update"}},
				status("Namespace"),
			},
			Columns: namespaceColumns()}),
		core(Resource{Resource: "nodes", Singular: "node", Kind: "Node", ShortNames: []string{"no"},
			Verbs: VerbsAll, New: newOf[corev1.Node](), NewList: newListOf[corev1.NodeList](),
			Subresources: []Subresource{
				{Name: "proxy", Kind: "NodeProxyOptions", Verbs: []string{"create", "delete", "get", "patch", "update"}},
				status("Node"),
			},
			Columns: nodeColumns()}),
		core(Resource{Resource: "persistentvolumeclaims", Singular: "persistentvolumeclaim", Kind: "PersistentVolumeClaim",
			ShortNames: []string{"pvc"}, Namespaced: true, Verbs: VerbsAll,
			New: newOf[corev1.PersistentVolumeClaim](), NewList: newListOf[corev1.PersistentVolumeClaimList](),
			Subresources: []Subresource{status("PersistentVolumeClaim")},
			Columns:      persistentVolumeClaimColumns()}),
		core(Resource{Resource: "persistentvolumes", Singular: "persistentvolume", Kind: "PersistentVolume",
			ShortNames: []string{"pv"}, Verbs: VerbsAll,
			New: newOf[corev1.PersistentVolume](), NewList: newListOf[corev1.PersistentVolumeList](),
			Subresources: []Subresource{status("PersistentVolume")},
			Columns:      persistentVolumeColumns()}),
		core(Resource{Resource: "pods", Singular: "pod", Kind: "Pod", ShortNames: []string{"po"}, Categories: []string{"all"},
			Namespaced: true, Verbs: VerbsAll, New: newOf[corev1.Pod](), NewList: newListOf[corev1.PodList](),
			Subresources: []Subresource{
				{Name: "attach", Kind: "PodAttachOptions", Verbs: []string{"create", "get"}},
				{Name: "binding", Kind: "Binding", Verbs: VerbsCreate},
				{Name: "eviction", Group: "policy", Version: "v1", Kind: "Eviction", Verbs: VerbsCreate},
				{Name: "exec", Kind: "PodExecOptions", Verbs: []string{"create", "get"}},
				{Name: "log", Kind: "Pod", Verbs: []string{"get"}},
				{Name: "portforward", Kind: "PodPortForwardOptions", Verbs: []string{"create", "get"}},
				status("Pod"),
			},
			Columns: podColumns()}),
		core(Resource{Resource: "resourcequotas", Singular: "resourcequota", Kind: "ResourceQuota", ShortNames: []string{"quota"},
			Namespaced: true, Verbs: VerbsAll, New: newOf[corev1.ResourceQuota](), NewList: newListOf[corev1.ResourceQuotaList](),
			Subresources: []Subresource{status("ResourceQuota")},
			Columns:      resourceQuotaColumns()}),
		core(Resource{Resource: "secrets", Singular: "secret", Kind: "Secret",
			Namespaced: true, Verbs: VerbsAll, New: newOf[corev1.Secret](), NewList: newListOf[corev1.SecretList](),
			Columns: secretColumns()}),
		core(Resource{Resource: "serviceaccounts", Singular: "serviceaccount", Kind: "ServiceAccount", ShortNames: []string{"sa"},
			Namespaced: true, Verbs: VerbsAll, New: newOf[corev1.ServiceAccount](), NewList: newListOf[corev1.ServiceAccountList](),
			Subresources: []Subresource{
				{Name: "token", Group: "authentication.k8s.io", Version: "v1", Kind: "TokenRequest", Verbs: VerbsCreate},
			},
			Columns: serviceAccountColumns()}),
		core(Resource{Resource: "services", Singular: "service", Kind: "Service", ShortNames: []string{"svc"}, Categories: []string{"all"},
			Namespaced: true, Verbs: VerbsAll, New: newOf[corev1.Service](), NewList: newListOf[corev1.ServiceList](),
			Subresources: []Subresource{status("Service")},
			Columns:      serviceColumns()}),
	}
}
