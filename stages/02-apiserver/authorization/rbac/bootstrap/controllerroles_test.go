package bootstrap

import (
	"slices"
	"strings"
	"testing"

	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/rbac"
)

// The controller roles of upstream v1.37 with its default feature gates,
// by the service account each controller runs as.
var upstreamControllers = []string{
	"attachdetach-controller", "certificate-controller", "clusterrole-aggregation-controller",
	"cronjob-controller", "daemon-set-controller", "deployment-controller", "device-taint-eviction-controller",
	"disruption-controller", "endpoint-controller", "endpointslice-controller",
	"endpointslicemirroring-controller", "ephemeral-volume-controller", "expand-controller",
	"generic-garbage-collector", "horizontal-pod-autoscaler", "job-controller",
	"legacy-service-account-token-cleaner", "namespace-controller", "node-controller",
	"persistent-volume-binder", "pod-garbage-collector", "podcertificaterequestcleaner",
	"pv-protection-controller", "pvc-protection-controller", "replicaset-controller",
	"replication-controller", "resource-claim-controller", "resourcequota-controller",
	"root-ca-cert-publisher", "route-controller", "selinux-warning-controller",
	"service-account-controller", "service-cidrs-controller", "service-controller",
	"statefulset-controller", "storage-version-migrator-controller", "ttl-after-finished-controller",
	"ttl-controller", "validatingadmissionpolicy-status-controller",
	"volumeattributesclass-protection-controller",
}

// Every controller has a role named after its service account and a
// binding of the same name to kube-system/NAME, and both are part of the
// policy the server creates.
func TestControllerRolesAndBindings(t *testing.T) {
	var names []string
	for _, r := range ControllerRoles() {
		names = append(names, strings.TrimPrefix(r.Name, ControllerRolePrefix))
	}
	if !slices.Equal(names, upstreamControllers) {
		t.Errorf("controller roles = %v\nwant %v", names, upstreamControllers)
	}
	all := ClusterRoleBindings()
	for _, b := range ControllerRoleBindings() {
		sa := strings.TrimPrefix(b.Name, ControllerRolePrefix)
		want := []rbacv1.Subject{{Kind: rbacv1.ServiceAccountKind, Namespace: "kube-system", Name: sa}}
		if b.RoleRef.Name != b.Name || !slices.Equal(b.Subjects, want) {
			t.Errorf("binding %s: roleRef %s, subjects %+v; want %s and %+v", b.Name, b.RoleRef.Name, b.Subjects, b.Name, want)
		}
		if !slices.ContainsFunc(all, func(c rbacv1.ClusterRoleBinding) bool { return c.Name == b.Name }) {
			t.Errorf("ClusterRoleBindings() lacks %s", b.Name)
		}
	}
	roles := ClusterRoles()
	if !slices.ContainsFunc(roles, func(r rbacv1.ClusterRole) bool { return r.Name == ControllerRolePrefix+"deployment-controller" }) {
		t.Error("ClusterRoles() lacks the controller roles")
	}
}

// Talk 000, "Authorization chain": with --use-service-account-credentials
// each controller may do its own job and nothing else; the same name in
// another namespace is nobody.
func TestWhatEachControllerMayDo(t *testing.T) {
	a := rbac.New(lister())
	sa := func(ns, name string) user.Info {
		return user.Info{Name: user.ServiceAccountUsername(ns, name), Groups: []string{user.ServiceAccountsGroup, user.AllAuthenticated}}
	}
	controller := func(name string) user.Info { return sa("kube-system", name) }
	res := func(u user.Info, verb, group, resource, sub string) authorizer.Attributes {
		return authorizer.Attributes{User: u, Verb: verb, ResourceRequest: true, APIGroup: group,
			Resource: resource, Subresource: sub, Namespace: "default", Name: "x"}
	}
	tests := []struct {
		name  string
		attrs authorizer.Attributes
		want  bool
	}{
		{"deployments create replicasets", res(controller("deployment-controller"), "create", "apps", "replicasets", ""), true},
		{"deployments update their status", res(controller("deployment-controller"), "update", "apps", "deployments", "status"), true},
		{"deployments do not create pods", res(controller("deployment-controller"), "create", "", "pods", ""), false},
		{"replicasets create pods", res(controller("replicaset-controller"), "create", "", "pods", ""), true},
		{"replicasets do not delete deployments", res(controller("replicaset-controller"), "delete", "apps", "deployments", ""), false},
		{"service accounts are created", res(controller("service-account-controller"), "create", "", "serviceaccounts", ""), true},
		{"service accounts are not deleted", res(controller("service-account-controller"), "delete", "", "serviceaccounts", ""), false},
		{"the root CA is published", res(controller("root-ca-cert-publisher"), "update", "", "configmaps", ""), true},
		{"the garbage collector deletes anything", res(controller("generic-garbage-collector"), "delete", "apps", "replicasets", ""), true},
		{"the garbage collector creates nothing", res(controller("generic-garbage-collector"), "create", "", "pods", ""), false},
		{"namespaces are finalized", res(controller("namespace-controller"), "update", "", "namespaces", "finalize"), true},
		{"nodes are tainted", res(controller("node-controller"), "patch", "", "nodes", ""), true},
		{"endpoint slices are written", res(controller("endpointslice-controller"), "create", "discovery.k8s.io", "endpointslices", ""), true},
		{"jobs create pods", res(controller("job-controller"), "create", "", "pods", ""), true},
		{"the CSR signer signs for kubelets", authorizer.Attributes{User: controller("certificate-controller"), Verb: "sign", ResourceRequest: true,
			APIGroup: "certificates.k8s.io", Resource: "signers", Name: "kubernetes.io/kubelet-serving"}, true},
		{"the CSR signer approves only kubelet clients", authorizer.Attributes{User: controller("certificate-controller"), Verb: "approve", ResourceRequest: true,
			APIGroup: "certificates.k8s.io", Resource: "signers", Name: "kubernetes.io/kube-apiserver-client"}, false},
		{"a namesake in another namespace is nobody", res(sa("default", "deployment-controller"), "create", "apps", "replicasets", ""), false},
		{"the scheduler reads resource claims", res(user.Info{Name: user.KubeScheduler}, "watch", "resource.k8s.io", "resourceclaims", ""), true},
		{"the scheduler reads volume attachments", res(user.Info{Name: user.KubeScheduler}, "list", "storage.k8s.io", "volumeattachments", ""), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, reason, _ := a.Authorize(t.Context(), tc.attrs)
			if got := d == authorizer.DecisionAllow; got != tc.want {
				t.Errorf("allowed = %v (%s), want %v", got, reason, tc.want)
			}
		})
	}
}
