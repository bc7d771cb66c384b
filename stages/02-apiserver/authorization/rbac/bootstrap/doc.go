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
// The controllers of kube-controller-manager each get a role of their own,
// system:controller:NAME, bound to the service account kube-system/NAME:
// with --use-service-account-credentials (kubeadm's default) every
// controller calls the API under that account, so a bug in one controller
// cannot write what another owns. The rules follow upstream v1.37 with
// its default feature gates.
//
// Left out, for now: the roles of optional components (system:heapster,
// system:kube-aggregator, system:node-bootstrapper, the certificate
// approvers, ...) and those of alpha or off-by-default features.
//
// Talk 000, "Authorization chain": the roles RBAC starts with.
package bootstrap
