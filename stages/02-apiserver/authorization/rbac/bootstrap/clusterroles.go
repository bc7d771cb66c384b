// Cluster roles: the ClusterRoles of upstream's default policy.
//
// Interface:
//   - ClusterRoles() []rbacv1.ClusterRole, sorted by name, the
//     controllers' roles (controllerroles.go) included.
//   - NodeRules(): the rules of system:node, which the Node authorizer
//     grants every kubelet for the resources it does not check by graph.
//
// The user-facing roles (admin, edit, view) are built in aggregate.go;
// the bindings are in bindings.go.
package bootstrap

import (
	"slices"
	"strings"

	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
)

// ClusterRoles returns the bootstrap ClusterRoles, sorted by name. Each
// call returns fresh objects the caller may change.
func ClusterRoles() []rbacv1.ClusterRole {
	roles := append(aggregatedRoles(), componentRoles()...)
	roles = append(roles, ControllerRoles()...)
	roles = append(roles,
		clusterRole("cluster-admin", // every verb on everything
			rule("*").groups("*").resources("*"),
			rule("*").urls("*"),
		),
		clusterRole("system:basic-user", // every user may ask about themselves
			rule("create").groups(authorizationGroup).resources("selfsubjectaccessreviews", "selfsubjectrulesreviews"),
			rule("create").groups(authenticationGroup).resources("selfsubjectreviews"),
		),
		clusterRole("system:discovery", // enough to negotiate API versions
			rule("get").urls("/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez",
				"/openapi", "/openapi/*", "/readyz", "/version", "/version/"),
		),
		clusterRole("system:public-info-viewer", // safe to show the anonymous
			rule("get").urls("/healthz", "/livez", "/readyz", "/version", "/version/"),
		),
		clusterRole("system:monitoring", // control-plane health and metrics
			rule("get").urls("/healthz", "/healthz/*", "/livez", "/livez/*", "/metrics",
				"/metrics/slis", "/readyz", "/readyz/*"),
		),
		clusterRole("system:service-account-issuer-discovery", // OIDC discovery
			rule("get").urls("/.well-known/openid-configuration", "/openid/v1/jwks"),
		),
		clusterRole("system:auth-delegator", // extension servers delegate authn/authz
			rule("create").groups(authenticationGroup).resources("tokenreviews"),
			rule("create").groups(authorizationGroup).resources("subjectaccessreviews"),
		),
	)
	slices.SortFunc(roles, func(a, b rbacv1.ClusterRole) int { return strings.Compare(a.Name, b.Name) })
	return roles
}

// componentRoles are the roles of the control-plane components.
func componentRoles() []rbacv1.ClusterRole {
	return []rbacv1.ClusterRole{
		{ObjectMeta: objectMeta("", "system:kube-scheduler"), Rules: schedulerRules()},
		{ObjectMeta: objectMeta("", "system:kube-controller-manager"), Rules: controllerManagerRules()},
		{ObjectMeta: objectMeta("", "system:node"), Rules: NodeRules()},
		clusterRole("system:node-proxier", // kube-proxy
			rule("list", "watch").groups(legacyGroup).resources("services", "endpoints"),
			rule(read...).groups(legacyGroup).resources("nodes"),
			eventsRule(),
			rule("list", "watch").groups(discoveryGroup).resources("endpointslices"),
		),
		clusterRole("system:kube-dns",
			rule("list", "watch").groups(legacyGroup).resources("endpoints", "services"),
		),
		clusterRole("system:volume-scheduler", // the scheduler's volume binding
			rule("get", "list", "watch", "update", "patch").groups(legacyGroup).resources("persistentvolumes"),
			rule(read...).groups(storageGroup).resources("storageclasses"),
			rule("get", "list", "watch", "update", "patch").groups(legacyGroup).resources("persistentvolumeclaims"),
		),
	}
}

// schedulerRules: read what placement depends on, bind pods, record
// events, hold the kube-scheduler lease; and, since dynamic resource
// allocation is on by default (v1.34), read device classes and slices and
// write the resource claims it allocates.
func schedulerRules() []rbacv1.PolicyRule {
	return rules(
		eventsRule(),
		rule("create").groups(coordinationGroup).resources("leases"),
		rule("get", "update", "list", "watch").groups(coordinationGroup).resources("leases").names("kube-scheduler"),
		rule(readWrite...).groups(coordinationGroup).resources("leasecandidates"),
		rule(read...).groups(legacyGroup).resources("nodes"),
		rule("get", "list", "watch", "delete").groups(legacyGroup).resources("pods"),
		rule("create").groups(legacyGroup).resources("pods/binding", "bindings"),
		rule("patch", "update").groups(legacyGroup).resources("pods/status"),
		rule(read...).groups(legacyGroup).resources("services", "replicationcontrollers"),
		rule(read...).groups(appsGroup, extensionsGroup).resources("replicasets"),
		rule(read...).groups(appsGroup).resources("statefulsets"),
		rule(read...).groups(policyGroup).resources("poddisruptionbudgets"),
		rule(read...).groups(legacyGroup).resources("persistentvolumeclaims", "persistentvolumes"),
		rule("create").groups(authenticationGroup).resources("tokenreviews"),
		rule("create").groups(authorizationGroup).resources("subjectaccessreviews"),
		rule(read...).groups(storageGroup).resources("csinodes"),
		rule(read...).groups(storageGroup).resources("volumeattachments"),
		rule(read...).groups(legacyGroup).resources("namespaces"),
		rule(read...).groups(storageGroup).resources("csidrivers"),
		rule(read...).groups(storageGroup).resources("csistoragecapacities"),
		// Dynamic resource allocation.
		rule(read...).groups(resourceGroup).resources("deviceclasses"),
		rule(readUpdate...).groups(resourceGroup).resources("resourceclaims"),
		rule(readUpdate...).groups(resourceGroup).resources("resourceclaims/status"),
		rule("update").groups(legacyGroup).resources("pods/finalizers"),
		rule(read...).groups(resourceGroup).resources("resourceslices"),
		rule("create", "delete").groups(resourceGroup).resources("resourceclaims"), // extended resources
		rule(read...).groups(resourceGroup).resources("devicetaintrules"),
	)
}

// controllerManagerRules: enough to start the shared informers (list and
// watch everything), create the service accounts and tokens the
// controllers run as, and hold the kube-controller-manager lease.
func controllerManagerRules() []rbacv1.PolicyRule {
	return rules(
		eventsRule(),
		rule("create").groups(coordinationGroup).resources("leases"),
		rule("get", "update").groups(coordinationGroup).resources("leases").names("kube-controller-manager"),
		rule("create").groups(legacyGroup).resources("secrets", "serviceaccounts"),
		rule("delete").groups(legacyGroup).resources("secrets"),
		rule("get").groups(legacyGroup).resources("namespaces", "secrets", "serviceaccounts", "configmaps"),
		rule("update").groups(legacyGroup).resources("secrets", "serviceaccounts"),
		rule("create").groups(authenticationGroup).resources("tokenreviews"),
		rule("create").groups(authorizationGroup).resources("subjectaccessreviews"),
		rule("list", "watch").groups("*").resources("*"),
		rule("create").groups(legacyGroup).resources("serviceaccounts/token"),
	)
}

// NodeRules returns the rules of the system:node role. The role is no
// longer bound to anyone; the Node authorizer grants these rules to every
// kubelet for the resources it does not check against its graph.
func NodeRules() []rbacv1.PolicyRule {
	return rules(
		// Checking API access; these creates change nothing.
		rule("create").groups(authenticationGroup).resources("tokenreviews"),
		rule("create").groups(authorizationGroup).resources("subjectaccessreviews", "localsubjectaccessreviews"),
		// Services, for the environment variables of containers.
		rule(read...).groups(legacyGroup).resources("services"),
		// Registering and updating its own Node.
		rule("create", "get", "list", "watch").groups(legacyGroup).resources("nodes"),
		rule("update", "patch").groups(legacyGroup).resources("nodes/status"),
		rule("update", "patch").groups(legacyGroup).resources("nodes"),
		rule("create", "update", "patch").groups(legacyGroup).resources("events"),
		// Pods: read, mirror pods, status, eviction.
		rule(read...).groups(legacyGroup).resources("pods"),
		rule("create", "delete").groups(legacyGroup).resources("pods"),
		rule("update", "patch").groups(legacyGroup).resources("pods/status"),
		rule("create").groups(legacyGroup).resources("pods/eviction"),
		// What pods reference (the Node authorizer narrows these by graph).
		rule(read...).groups(legacyGroup).resources("secrets", "configmaps"),
		rule("get").groups(legacyGroup).resources("persistentvolumeclaims", "persistentvolumes"),
		rule("get").groups(legacyGroup).resources("endpoints"),
		rule("create", "get", "list", "watch").groups(certificatesGroup).resources("certificatesigningrequests"),
		rule("get", "create", "update", "patch", "delete").groups(coordinationGroup).resources("leases"),
		rule("get").groups(storageGroup).resources("volumeattachments"),
		rule("create").groups(legacyGroup).resources("serviceaccounts/token"),
		rule("get", "update", "patch").groups(legacyGroup).resources("persistentvolumeclaims/status"),
		rule(read...).groups(storageGroup).resources("csidrivers"),
		rule("get", "create", "update", "patch", "delete").groups(storageGroup).resources("csinodes"),
		rule(read...).groups(nodeGroup).resources("runtimeclasses"),
	)
}

// eventsRule lets a component record events, through either events API.
func eventsRule() ruleBuilder {
	return rule("create", "update", "patch").groups(legacyGroup, eventsGroup).resources("events")
}

// clusterRole builds a bootstrap ClusterRole.
func clusterRole(name string, bs ...ruleBuilder) rbacv1.ClusterRole {
	return rbacv1.ClusterRole{ObjectMeta: objectMeta("", name), Rules: rules(bs...)}
}
