// The named groups: apps, events.k8s.io, authentication.k8s.io,
// authorization.k8s.io, batch, rbac.authorization.k8s.io,
// admissionregistration.k8s.io, coordination.k8s.io and discovery.k8s.io,
// each at v1.
//
// Interface:
//   - groupResources() returns their entries, groups in the order a
//     server lists them in /apis (upstream's group priorities),
//     resources alphabetical within a group.
//
// The reviews of authentication.k8s.io and authorization.k8s.io are
// questions, not objects: they can only be created, the answer comes back
// in the created object's status, and nothing is stored (NewList is nil,
// so no storage is built for them). Talk 000, "Authorization chain".

package scheme

import (
	admissionregistrationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admissionregistration/v1"
	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	authorizationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authorization/v1"
	batchv1 "github.com/kubeworkbook/kubeworkbook/shared/api/batch/v1"
	coordinationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/coordination/v1"
	discoveryv1 "github.com/kubeworkbook/kubeworkbook/shared/api/discovery/v1"
	eventsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/events/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
)

func groupResources() []*Resource {
	in := func(group string) func(Resource) *Resource {
		return func(r Resource) *Resource {
			r.Group, r.Version = group, "v1"
			if r.NewList != nil {
				r.ListKind = r.Kind + "List"
			}
			return &r
		}
	}
	apps, events, batch := in(appsv1.GroupName), in(eventsv1.GroupName), in(batchv1.GroupName)
	rbac, coordination, discovery := in(rbacv1.GroupName), in(coordinationv1.GroupName), in(discoveryv1.GroupName)
	authn, authz := in(authenticationv1.GroupName), in(authorizationv1.GroupName)
	admission := in(admissionregistrationv1.GroupName)
	all, apiExtensions := []string{"all"}, []string{"api-extensions"}
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
		authn(Resource{Resource: "selfsubjectreviews", Singular: "selfsubjectreview", Kind: "SelfSubjectReview",
			Verbs: VerbsCreate, New: newOf[authenticationv1.SelfSubjectReview]()}),
		authn(Resource{Resource: "tokenreviews", Singular: "tokenreview", Kind: "TokenReview",
			Verbs: VerbsCreate, New: newOf[authenticationv1.TokenReview]()}),
		authz(Resource{Resource: "localsubjectaccessreviews", Singular: "localsubjectaccessreview", Kind: "LocalSubjectAccessReview",
			Namespaced: true, Verbs: VerbsCreate, New: newOf[authorizationv1.LocalSubjectAccessReview]()}),
		authz(Resource{Resource: "selfsubjectaccessreviews", Singular: "selfsubjectaccessreview", Kind: "SelfSubjectAccessReview",
			Verbs: VerbsCreate, New: newOf[authorizationv1.SelfSubjectAccessReview]()}),
		authz(Resource{Resource: "selfsubjectrulesreviews", Singular: "selfsubjectrulesreview", Kind: "SelfSubjectRulesReview",
			Verbs: VerbsCreate, New: newOf[authorizationv1.SelfSubjectRulesReview]()}),
		authz(Resource{Resource: "subjectaccessreviews", Singular: "subjectaccessreview", Kind: "SubjectAccessReview",
			Verbs: VerbsCreate, New: newOf[authorizationv1.SubjectAccessReview]()}),
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
		admission(Resource{Resource: "mutatingwebhookconfigurations", Singular: "mutatingwebhookconfiguration",
			Kind: "MutatingWebhookConfiguration", Categories: apiExtensions, Verbs: VerbsAll,
			New:     newOf[admissionregistrationv1.MutatingWebhookConfiguration](),
			NewList: newListOf[admissionregistrationv1.MutatingWebhookConfigurationList](),
			Columns: webhookConfigurationColumns(func(c *admissionregistrationv1.MutatingWebhookConfiguration) int { return len(c.Webhooks) })}),
		admission(Resource{Resource: "validatingwebhookconfigurations", Singular: "validatingwebhookconfiguration",
			Kind: "ValidatingWebhookConfiguration", Categories: apiExtensions, Verbs: VerbsAll,
			New:     newOf[admissionregistrationv1.ValidatingWebhookConfiguration](),
			NewList: newListOf[admissionregistrationv1.ValidatingWebhookConfigurationList](),
			Columns: webhookConfigurationColumns(func(c *admissionregistrationv1.ValidatingWebhookConfiguration) int { return len(c.Webhooks) })}),
		coordination(Resource{Resource: "leases", Singular: "lease", Kind: "Lease", Namespaced: true,
			Verbs: VerbsAll, New: newOf[coordinationv1.Lease](), NewList: newListOf[coordinationv1.LeaseList](),
			Columns: leaseColumns()}),
		discovery(Resource{Resource: "endpointslices", Singular: "endpointslice", Kind: "EndpointSlice", Namespaced: true,
			Verbs: VerbsAll, New: newOf[discoveryv1.EndpointSlice](), NewList: newListOf[discoveryv1.EndpointSliceList](),
			Columns: endpointSliceColumns()}),
	}
}
