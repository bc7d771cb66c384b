// The named groups: apps, events.k8s.io, batch,
// rbac.authorization.k8s.io, coordination.k8s.io and discovery.k8s.io,
// each at v1.
//
// Interface:
//   - groupResources() returns their entries, groups in the order a
//     server lists them in /apis, resources alphabetical within a group.

package scheme

import (
	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	batchv1 "github.com/kubeworkbook/kubeworkbook/shared/api/batch/v1"
	coordinationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/coordination/v1"
	discoveryv1 "github.com/kubeworkbook/kubeworkbook/shared/api/discovery/v1"
	eventsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/events/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
)

func groupResources() []*Resource {
	in := func(group string) func(Resource) *Resource {
		return func(r Resource) *Resource {
			r.Group, r.Version, r.ListKind = group, "v1", r.Kind+"List"
			return &r
		}
	}
	apps, events, batch := in(appsv1.GroupName), in(eventsv1.GroupName), in(batchv1.GroupName)
	rbac, coordination, discovery := in(rbacv1.GroupName), in(coordinationv1.GroupName), in(discoveryv1.GroupName)
	all := []string{"all"}
	return []*Resource{
		apps(Resource{Resource: "deployments", Singular: "deployment", Kind: "Deployment", ShortNames: []string{"deploy"},
			Categories: all, Namespaced: true, Verbs: VerbsAll,
			New: newOf[appsv1.Deployment](), NewList: newListOf[appsv1.DeploymentList](),
			Subresources: []Subresource{scale, status("Deployment")},
			Columns:      deploymentColumns()}),
		apps(Resource{Resource: "replicasets", Singular: "replicaset", Kind: "ReplicaSet", ShortNames: []string{"rs"},
			Categories: all, Namespaced: true, Verbs: VerbsAll,
			New: newOf[appsv1.ReplicaSet](), NewList: newListOf[appsv1.ReplicaSetList](),
			Subresources: []Subresource{scale, status("ReplicaSet")},
			Columns:      replicaSetColumns()}),
		// The same events as the core group's, under newer field names and
		// in the same storage; "ev" names the core group's, which wins.
		events(Resource{Resource: "events", Singular: "event", Kind: "Event", ShortNames: []string{"ev"},
			Namespaced: true, Verbs: VerbsAll, New: newOf[eventsv1.Event](), NewList: newListOf[eventsv1.EventList](),
			Columns: eventsV1Columns()}),
		batch(Resource{Resource: "jobs", Singular: "job", Kind: "Job",
			Categories: all, Namespaced: true, Verbs: VerbsAll,
			New: newOf[batchv1.Job](), NewList: newListOf[batchv1.JobList](),
			Subresources: []Subresource{status("Job")},
			Columns:      jobColumns()}),
		rbac(Resource{Resource: "clusterrolebindings", Singular: "clusterrolebinding", Kind: "ClusterRoleBinding",
			Verbs: VerbsAll, New: newOf[rbacv1.ClusterRoleBinding](), NewList: newListOf[rbacv1.ClusterRoleBindingList](),
			Columns: bindingColumns(func(b *rbacv1.ClusterRoleBinding) (rbacv1.RoleRef, []rbacv1.Subject) { return b.RoleRef, b.Subjects })}),
		rbac(Resource{Resource: "clusterroles", Singular: "clusterrole", Kind: "ClusterRole",
			Verbs: VerbsAll, New: newOf[rbacv1.ClusterRole](), NewList: newListOf[rbacv1.ClusterRoleList]()}),
		rbac(Resource{Resource: "rolebindings", Singular: "rolebinding", Kind: "RoleBinding", Namespaced: true,
			Verbs: VerbsAll, New: newOf[rbacv1.RoleBinding](), NewList: newListOf[rbacv1.RoleBindingList](),
			Columns: bindingColumns(func(b *rbacv1.RoleBinding) (rbacv1.RoleRef, []rbacv1.Subject) { return b.RoleRef, b.Subjects })}),
		rbac(Resource{Resource: "roles", Singular: "role", Kind: "Role", Namespaced: true,
			Verbs: VerbsAll, New: newOf[rbacv1.Role](), NewList: newListOf[rbacv1.RoleList]()}),
		coordination(Resource{Resource: "leases", Singular: "lease", Kind: "Lease", Namespaced: true,
			Verbs: VerbsAll, New: newOf[coordinationv1.Lease](), NewList: newListOf[coordinationv1.LeaseList](),
			Columns: leaseColumns()}),
		discovery(Resource{Resource: "endpointslices", Singular: "endpointslice", Kind: "EndpointSlice", Namespaced: true,
			Verbs: VerbsAll, New: newOf[discoveryv1.EndpointSlice](), NewList: newListOf[discoveryv1.EndpointSliceList](),
			Columns: endpointSliceColumns()}),
	}
}
