// Aggregated roles: admin, edit and view, and the roles they gather.
//
// Interface:
//   - aggregatedRoles(): admin, edit, view and system:aggregate-to-*.
//
// Upstream, admin/edit/view have no rules of their own, only an
// aggregationRule; the system:aggregate-to-* roles carry the rules and a
// label that selects them. edit also carries aggregate-to-admin and view
// aggregate-to-edit, so: view = to-view; edit = to-edit + view;
// admin = edit + to-admin. The aggregation controller concatenates the
// selected roles' rules in name order; aggregatedRoles does the same now.
package bootstrap

import (
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
)

func aggregatedRoles() []rbacv1.ClusterRole {
	toAdmin, toEdit, toView := aggregateToAdminRules(), aggregateToEditRules(), aggregateToViewRules()
	view := concat(toView)
	edit := concat(toEdit, view)   // system:aggregate-to-edit < view
	admin := concat(edit, toAdmin) // edit < system:aggregate-to-admin
	return []rbacv1.ClusterRole{
		aggregated("admin", AggregateToAdmin, admin),
		aggregated("edit", AggregateToEdit, edit, AggregateToAdmin),
		aggregated("view", AggregateToView, view, AggregateToEdit),
		{ObjectMeta: objectMeta("", "system:aggregate-to-admin", AggregateToAdmin), Rules: toAdmin},
		{ObjectMeta: objectMeta("", "system:aggregate-to-edit", AggregateToEdit), Rules: toEdit},
		{ObjectMeta: objectMeta("", "system:aggregate-to-view", AggregateToView), Rules: toView},
	}
}

// aggregated builds a role that selects roles labelled selector, filled
// with rules; labels makes it part of a wider role in turn.
func aggregated(name, selector string, rules []rbacv1.PolicyRule, labels ...string) rbacv1.ClusterRole {
	return rbacv1.ClusterRole{
		ObjectMeta: objectMeta("", name, labels...),
		AggregationRule: &rbacv1.AggregationRule{ClusterRoleSelectors: []metav1.LabelSelector{
			{MatchLabels: map[string]string{selector: "true"}},
		}},
		Rules: rules,
	}
}

func concat(lists ...[]rbacv1.PolicyRule) []rbacv1.PolicyRule {
	var out []rbacv1.PolicyRule
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// aggregateToAdminRules: a namespace admin may also grant roles in the
// namespace and ask what others may do there.
func aggregateToAdminRules() []rbacv1.PolicyRule {
	return rules(
		rule("create").groups(authorizationGroup).resources("localsubjectaccessreviews"),
		rule(readWrite...).groups("rbac.authorization.k8s.io").resources("roles", "rolebindings"),
	)
}

// aggregateToEditRules: write access to the workload objects of a
// namespace, but not to its quota, limits or role bindings.
func aggregateToEditRules() []rbacv1.PolicyRule {
	return rules(
		rule(read...).groups(legacyGroup).resources("pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets", "services/proxy"),
		rule("impersonate").groups(legacyGroup).resources("serviceaccounts"),
		rule(write...).groups(legacyGroup).resources("pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"),
		rule("create").groups(legacyGroup).resources("pods/eviction"),
		rule(write...).groups(legacyGroup).resources("replicationcontrollers", "replicationcontrollers/scale",
			"serviceaccounts", "services", "services/proxy", "persistentvolumeclaims", "configmaps", "secrets", "events"),
		rule("create").groups(legacyGroup).resources("serviceaccounts/token"),
		rule(write...).groups(appsGroup).resources("statefulsets", "statefulsets/scale", "daemonsets",
			"deployments", "deployments/scale", "deployments/rollback", "replicasets", "replicasets/scale"),
		rule(write...).groups(autoscalingGroup).resources("horizontalpodautoscalers"),
		rule(write...).groups(batchGroup).resources("jobs", "cronjobs"),
		rule(write...).groups(extensionsGroup).resources("daemonsets", "deployments", "deployments/scale",
			"deployments/rollback", "ingresses", "replicasets", "replicasets/scale", "replicationcontrollers/scale", "networkpolicies"),
		rule(write...).groups(policyGroup).resources("poddisruptionbudgets"),
		rule(write...).groups(networkingGroup).resources("ingresses", "networkpolicies"),
		rule(readWrite...).groups(coordinationGroup).resources("leases"),
	)
}

// aggregateToViewRules: read-only access to what is not secret (no
// secrets, no pods/exec).
func aggregateToViewRules() []rbacv1.PolicyRule {
	return rules(
		rule(read...).groups(legacyGroup).resources("pods", "replicationcontrollers", "replicationcontrollers/scale",
			"serviceaccounts", "services", "services/status", "endpoints", "persistentvolumeclaims",
			"persistentvolumeclaims/status", "configmaps"),
		rule(read...).groups(legacyGroup).resources("limitranges", "resourcequotas", "bindings", "events",
			"pods/status", "resourcequotas/status", "namespaces/status", "replicationcontrollers/status", "pods/log"),
		// Reading a namespace at namespace scope means reading this one.
		rule(read...).groups(legacyGroup).resources("namespaces"),
		rule(read...).groups(discoveryGroup).resources("endpointslices"),
		rule(read...).groups(appsGroup).resources("controllerrevisions", "statefulsets", "statefulsets/scale",
			"statefulsets/status", "daemonsets", "daemonsets/status", "deployments", "deployments/scale",
			"deployments/status", "replicasets", "replicasets/scale", "replicasets/status"),
		rule(read...).groups(autoscalingGroup).resources("horizontalpodautoscalers", "horizontalpodautoscalers/status"),
		rule(read...).groups(batchGroup).resources("jobs", "cronjobs", "cronjobs/status", "jobs/status"),
		rule(read...).groups(extensionsGroup).resources("daemonsets", "daemonsets/status", "deployments",
			"deployments/scale", "deployments/status", "ingresses", "ingresses/status", "replicasets",
			"replicasets/scale", "replicasets/status", "replicationcontrollers/scale", "networkpolicies"),
		rule(read...).groups(policyGroup).resources("poddisruptionbudgets", "poddisruptionbudgets/status"),
		rule(read...).groups(networkingGroup).resources("ingresses", "ingresses/status", "networkpolicies"),
	)
}
