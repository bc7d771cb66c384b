// Package bootstrap holds the RBAC policy an API server creates at start:
// the ClusterRoles, ClusterRoleBindings, Roles and RoleBindings a user finds
// in a fresh cluster (kubectl get clusterroles).
//
//	for _, role := range bootstrap.ClusterRoles() {
//		// create it unless it exists
//	}
//
// The contents are upstream's default policy, rule for rule: cluster-admin
// for system:masters; admin, edit and view for users; system:basic-user,
// system:discovery and system:public-info-viewer for everyone; a role for
// each control-plane component (system:kube-scheduler,
// system:kube-controller-manager, system:node-proxier, system:node,
// system:kube-dns, system:volume-scheduler, system:monitoring, ...); and
// the kube-system Roles the scheduler and the controller manager use for
// leader election and to read the extension-apiserver-authentication
// ConfigMap. Every object carries the label kubernetes.io/bootstrapping:
// rbac-defaults and the annotation rbac.authorization.kubernetes.io/
// autoupdate: "true", as upstream's.
//
// admin, edit and view are aggregated roles: upstream creates them empty
// and the clusterrole-aggregation controller fills in the rules of the
// roles their aggregationRule selects. Until stage 3 has that controller,
// ClusterRoles returns them already filled, with the same rules the
// controller would produce.
//
// Left out, for now: the per-controller roles system:controller:* (used
// when kube-controller-manager runs with --use-service-account-credentials)
// and the roles of optional components (system:heapster,
// system:kube-aggregator, system:node-bootstrapper, the certificate
// approvers, ...).
//
// Talk 000, "Authorization chain": the roles RBAC starts with.
package bootstrap
