// Controller roles: one ClusterRole per controller of
// kube-controller-manager, for --use-service-account-credentials.
//
// Interface:
//   - ControllerRoles() []rbacv1.ClusterRole: the system:controller:NAME
//     roles, sorted by name.
//   - ControllerRoleBindings() []rbacv1.ClusterRoleBinding: each role bound
//     to the service account kube-system/NAME, sorted by name.
//   - ControllerRolePrefix, the "system:controller:" every name starts with.
//
// With --use-service-account-credentials the controller manager's own
// identity (system:kube-controller-manager) only creates a service account
// per controller in kube-system and asks TokenRequest for its token; each
// controller then calls the API as system:serviceaccount:kube-system:NAME
// and may do exactly what its role says. The rules are upstream's for
// v1.37 with the default feature gates (dynamic resource allocation and
// device taints on, the alpha and off-by-default features' roles left
// out). Talk 000, "Authorization chain": least privilege per controller.
package bootstrap

import (
	"slices"
	"strings"

	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
)

// ControllerRolePrefix starts the name of every controller's ClusterRole;
// the rest of the name is the controller's service account in kube-system.
const ControllerRolePrefix = "system:controller:"

// ControllerRoles returns the roles of the controllers, sorted by name.
// Each call returns fresh objects the caller may change.
func ControllerRoles() []rbacv1.ClusterRole {
	var out []rbacv1.ClusterRole
	for name, bs := range controllerRules() {
		out = append(out, clusterRole(ControllerRolePrefix+name, bs...))
	}
	slices.SortFunc(out, func(a, b rbacv1.ClusterRole) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// ControllerRoleBindings binds each controller role to its service account,
// kube-system/NAME for system:controller:NAME, sorted by name.
func ControllerRoleBindings() []rbacv1.ClusterRoleBinding {
	var out []rbacv1.ClusterRoleBinding
	for _, r := range ControllerRoles() {
		sa := strings.TrimPrefix(r.Name, ControllerRolePrefix)
		out = append(out, clusterBinding(r.Name, []rbacv1.Subject{serviceAccount("kube-system", sa)}))
	}
	return out
}

// controllerRules maps each controller's service account name to the rules
// of its role. Workload controllers are here; the volume, node and
// cluster-wide ones in controllerroles_infra.go.
func controllerRules() map[string][]ruleBuilder {
	rules := map[string][]ruleBuilder{
		"deployment-controller": {
			rule("get", "list", "watch", "update").groups(extensionsGroup, appsGroup).resources("deployments"),
			rule("update").groups(extensionsGroup, appsGroup).resources("deployments/status"),
			rule("update").groups(extensionsGroup, appsGroup).resources("deployments/finalizers"),
			rule("get", "list", "watch", "create", "update", "patch", "delete").groups(appsGroup, extensionsGroup).resources("replicasets"),
			rule("get", "list", "watch", "update").groups(legacyGroup).resources("pods"),
			eventsRule(),
		},
		"replicaset-controller": {
			rule("get", "list", "watch", "update").groups(appsGroup, extensionsGroup).resources("replicasets"),
			rule("update").groups(appsGroup, extensionsGroup).resources("replicasets/status"),
			rule("update").groups(appsGroup, extensionsGroup).resources("replicasets/finalizers"),
			rule("list", "watch", "patch", "create", "delete").groups(legacyGroup).resources("pods"),
			eventsRule(),
		},
		"replication-controller": {
			rule("get", "list", "watch", "update").groups(legacyGroup).resources("replicationcontrollers"),
			rule("update").groups(legacyGroup).resources("replicationcontrollers/status"),
			rule("update").groups(legacyGroup).resources("replicationcontrollers/finalizers"),
			rule("list", "watch", "patch", "create", "delete").groups(legacyGroup).resources("pods"),
			eventsRule(),
		},
		"statefulset-controller": {
			rule("list", "watch").groups(legacyGroup).resources("pods"),
			rule("get", "list", "watch").groups(appsGroup).resources("statefulsets"),
			rule("update").groups(appsGroup).resources("statefulsets/status"),
			rule("update").groups(appsGroup).resources("statefulsets/finalizers"),
			rule("get", "create", "delete", "update", "patch").groups(legacyGroup).resources("pods"),
			rule("get", "create", "delete", "update", "patch", "list", "watch").groups(appsGroup).resources("controllerrevisions"),
			rule("get", "create", "list", "watch").groups(legacyGroup).resources("persistentvolumeclaims"),
			rule("update", "delete").groups(legacyGroup).resources("persistentvolumeclaims"),
			rule("update").groups(legacyGroup).resources("pods/finalizers"),
			eventsRule(),
		},
		"daemon-set-controller": {
			rule("get", "list", "watch").groups(extensionsGroup, appsGroup).resources("daemonsets"),
			rule("update").groups(extensionsGroup, appsGroup).resources("daemonsets/status"),
			rule("update").groups(extensionsGroup, appsGroup).resources("daemonsets/finalizers"),
			rule("list", "watch").groups(legacyGroup).resources("nodes"),
			rule("list", "watch", "create", "delete", "patch").groups(legacyGroup).resources("pods"),
			rule("create").groups(legacyGroup).resources("pods/binding"),
			rule("get", "list", "watch", "create", "delete", "update", "patch").groups(appsGroup).resources("controllerrevisions"),
			eventsRule(),
		},
		"job-controller": {
			rule("get", "list", "watch", "update", "patch").groups(batchGroup).resources("jobs"),
			rule("update").groups(batchGroup).resources("jobs/status"),
			rule("update").groups(batchGroup).resources("jobs/finalizers"),
			rule("list", "watch", "create", "delete", "patch").groups(legacyGroup).resources("pods"),
			eventsRule(),
		},
		"cronjob-controller": {
			rule("get", "list", "watch", "update").groups(batchGroup).resources("cronjobs"),
			rule("get", "list", "watch", "create", "update", "delete", "patch").groups(batchGroup).resources("jobs"),
			rule("update").groups(batchGroup).resources("cronjobs/status"),
			rule("update").groups(batchGroup).resources("cronjobs/finalizers"),
			rule("list", "watch", "delete").groups(legacyGroup).resources("pods"),
			eventsRule(),
		},
		"ttl-after-finished-controller": {
			rule("get", "list", "watch", "delete").groups(batchGroup).resources("jobs"),
			eventsRule(),
		},
		"disruption-controller": {
			rule(read...).groups(extensionsGroup, appsGroup).resources("deployments"),
			rule(read...).groups(appsGroup, extensionsGroup).resources("replicasets"),
			rule(read...).groups(legacyGroup).resources("replicationcontrollers"),
			rule(read...).groups(policyGroup).resources("poddisruptionbudgets"),
			rule(read...).groups(appsGroup).resources("statefulsets"),
			rule("update").groups(policyGroup).resources("poddisruptionbudgets/status"),
			rule("patch", "update").groups(legacyGroup).resources("pods/status"),
			rule("get").groups("*").resources("*/scale"),
			eventsRule(),
		},
		"horizontal-pod-autoscaler": {
			rule(read...).groups(autoscalingGroup).resources("horizontalpodautoscalers"),
			rule("update").groups(autoscalingGroup).resources("horizontalpodautoscalers/status"),
			rule("get", "update").groups("*").resources("*/scale"),
			rule("list", "watch").groups(legacyGroup).resources("pods"),
			rule("list", "watch").groups(resourceMetricsGroup).resources("pods"),
			rule(read...).groups(customMetricsGroup).resources("*"),
			rule(read...).groups(externalMetricsGroup).resources("*"),
			eventsRule(),
		},
		"endpoint-controller": {
			rule(read...).groups(legacyGroup).resources("services", "pods"),
			rule("get", "list", "watch", "create", "update", "delete").groups(legacyGroup).resources("endpoints"),
			rule("create").groups(legacyGroup).resources("endpoints/restricted"),
			eventsRule(),
		},
		"endpointslice-controller": {
			rule(read...).groups(legacyGroup).resources("services", "pods", "nodes"),
			// Owning a slice with blockOwnerDeletion needs update on the
			// owner's finalizers.
			rule("update").groups(legacyGroup).resources("services/finalizers"),
			rule("get", "list", "watch", "create", "update", "delete").groups(discoveryGroup).resources("endpointslices"),
			eventsRule(),
		},
		"endpointslicemirroring-controller": {
			rule(read...).groups(legacyGroup).resources("services", "endpoints"),
			rule("update").groups(legacyGroup).resources("services/finalizers"),
			rule("update").groups(legacyGroup).resources("endpoints/finalizers"),
			rule("get", "list", "watch", "create", "update", "delete").groups(discoveryGroup).resources("endpointslices"),
			eventsRule(),
		},
		"service-account-controller": {
			rule("create").groups(legacyGroup).resources("serviceaccounts"),
			eventsRule(),
		},
		"root-ca-cert-publisher": {
			rule("create", "update").groups(legacyGroup).resources("configmaps"),
			eventsRule(),
		},
		"legacy-service-account-token-cleaner": {
			rule("get").groups(legacyGroup).resources("configmaps").names("kube-apiserver-legacy-service-account-token-tracking"),
			rule("patch", "delete").groups(legacyGroup).resources("secrets"),
		},
	}
	for name, bs := range infraControllerRules() {
		rules[name] = bs
	}
	return rules
}
