// Bindings: who gets the bootstrap roles.
//
// Interface:
//   - ClusterRoleBindings() []rbacv1.ClusterRoleBinding, sorted by name,
//     the controllers' bindings (controllerroles.go) included.
//   - Roles() and RoleBindings(): the kube-system Roles for leader
//     election and for reading the extension-apiserver-authentication
//     ConfigMap, and their bindings.
//
// Each ClusterRoleBinding is named after the ClusterRole it grants, as
// upstream's are.
package bootstrap

import (
	"slices"
	"strings"

	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// ClusterRoleBindings returns the bootstrap ClusterRoleBindings, sorted by
// name.
func ClusterRoleBindings() []rbacv1.ClusterRoleBinding {
	out := []rbacv1.ClusterRoleBinding{
		clusterBinding("cluster-admin", groups(user.SystemPrivilegedGroup)),
		clusterBinding("system:discovery", groups(user.AllAuthenticated)),
		clusterBinding("system:basic-user", groups(user.AllAuthenticated)),
		clusterBinding("system:public-info-viewer", groups(user.AllAuthenticated, user.AllUnauthenticated)),
		clusterBinding("system:monitoring", groups(MonitoringGroup)),
		clusterBinding("system:node-proxier", users(user.KubeProxy)),
		clusterBinding("system:kube-controller-manager", users(user.KubeControllerManager)),
		clusterBinding("system:kube-dns", []rbacv1.Subject{serviceAccount("kube-system", "kube-dns")}),
		clusterBinding("system:kube-scheduler", users(user.KubeScheduler)),
		clusterBinding("system:volume-scheduler", users(user.KubeScheduler)),
		// Kept without subjects since the Node authorizer took over (1.8),
		// so that an upgraded cluster drops the old system:nodes subject.
		clusterBinding("system:node", nil),
		// Workloads may read the service-account issuer's OIDC discovery.
		clusterBinding("system:service-account-issuer-discovery", groups(user.ServiceAccountsGroup)),
	}
	out = append(out, ControllerRoleBindings()...)
	slices.SortFunc(out, func(a, b rbacv1.ClusterRoleBinding) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// MonitoringGroup is the group system:monitoring is bound to: members may
// read /metrics and the health endpoints.
const MonitoringGroup = "system:monitoring"

// AuthenticationConfigMap is the kube-system ConfigMap that tells
// extension servers and components how to check client certificates and
// front-proxy headers.
const AuthenticationConfigMap = "extension-apiserver-authentication"

// Roles returns the bootstrap Roles of kube-system.
func Roles() []rbacv1.Role {
	leaderLocking := rules(
		rule("create", "get", "list", "update", "watch").groups(coordinationGroup).resources("leases"),
		rule("create", "get", "list", "update", "watch").groups(coordinationGroup).resources("leasecandidates"),
	)
	return []rbacv1.Role{
		{ObjectMeta: objectMeta("kube-system", "extension-apiserver-authentication-reader"), Rules: rules(
			rule(read...).groups(legacyGroup).resources("configmaps").names(AuthenticationConfigMap),
		)},
		{ObjectMeta: objectMeta("kube-system", "system::leader-locking-kube-controller-manager"), Rules: leaderLocking},
		{ObjectMeta: objectMeta("kube-system", "system::leader-locking-kube-scheduler"), Rules: leaderLocking},
	}
}

// RoleBindings returns the bootstrap RoleBindings of kube-system.
func RoleBindings() []rbacv1.RoleBinding {
	return []rbacv1.RoleBinding{
		roleBinding("system::extension-apiserver-authentication-reader", "extension-apiserver-authentication-reader",
			users(user.KubeControllerManager, user.KubeScheduler)),
		roleBinding("system::leader-locking-kube-controller-manager", "system::leader-locking-kube-controller-manager",
			append(users(user.KubeControllerManager),
				serviceAccount("kube-system", "kube-controller-manager"),
				serviceAccount("kube-system", "leader-election-controller"))),
		roleBinding("system::leader-locking-kube-scheduler", "system::leader-locking-kube-scheduler",
			append(users(user.KubeScheduler), serviceAccount("kube-system", "kube-scheduler"))),
	}
}

func clusterBinding(role string, subjects []rbacv1.Subject) rbacv1.ClusterRoleBinding {
	return rbacv1.ClusterRoleBinding{
		ObjectMeta: objectMeta("", role),
		RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: role},
		Subjects:   subjects,
	}
}

func roleBinding(name, role string, subjects []rbacv1.Subject) rbacv1.RoleBinding {
	return rbacv1.RoleBinding{
		ObjectMeta: objectMeta("kube-system", name),
		RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "Role", Name: role},
		Subjects:   subjects,
	}
}

func groups(names ...string) []rbacv1.Subject {
	out := make([]rbacv1.Subject, len(names))
	for i, n := range names {
		out[i] = rbacv1.Subject{APIGroup: rbacv1.GroupName, Kind: rbacv1.GroupKind, Name: n}
	}
	return out
}

func users(names ...string) []rbacv1.Subject {
	out := make([]rbacv1.Subject, len(names))
	for i, n := range names {
		out[i] = rbacv1.Subject{APIGroup: rbacv1.GroupName, Kind: rbacv1.UserKind, Name: n}
	}
	return out
}

func serviceAccount(namespace, name string) rbacv1.Subject {
	return rbacv1.Subject{Kind: rbacv1.ServiceAccountKind, Namespace: namespace, Name: name}
}
