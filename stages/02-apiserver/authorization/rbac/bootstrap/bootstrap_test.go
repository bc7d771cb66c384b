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

// The roles and bindings a user finds with kubectl get clusterroles in a
// fresh cluster, under upstream's names.
func TestNames(t *testing.T) {
	var roles, bindings []string
	for _, r := range ClusterRoles() {
		roles = append(roles, r.Name)
	}
	for _, b := range ClusterRoleBindings() {
		bindings = append(bindings, b.Name)
	}
	for _, want := range []string{
		"admin", "cluster-admin", "edit", "view", "system:basic-user", "system:discovery",
		"system:public-info-viewer", "system:kube-scheduler", "system:kube-controller-manager", "system:node",
		"system:node-proxier", "system:kube-dns", "system:auth-delegator", "system:volume-scheduler",
		"system:monitoring", "system:service-account-issuer-discovery",
		"system:aggregate-to-admin", "system:aggregate-to-edit", "system:aggregate-to-view",
	} {
		if !slices.Contains(roles, want) {
			t.Errorf("no ClusterRole %s", want)
		}
	}
	if !slices.IsSorted(roles) || !slices.IsSorted(bindings) {
		t.Errorf("not sorted by name: %v / %v", roles, bindings)
	}
}

// Every bootstrap object is labelled and annotated as upstream's, and
// every binding refers to a role that exists.
func TestMetadataAndReferences(t *testing.T) {
	l := lister()
	check := func(kind, name string, labels, annotations map[string]string) {
		t.Helper()
		if labels[BootstrappingLabel] != BootstrappingLabelValue || annotations[AutoUpdateAnnotation] != "true" {
			t.Errorf("%s %s: labels %v annotations %v", kind, name, labels, annotations)
		}
	}
	for _, r := range l.ClusterRoles {
		check("ClusterRole", r.Name, r.Labels, r.Annotations)
		for _, rule := range r.Rules {
			if len(rule.Verbs) == 0 || (len(rule.Resources) == 0) == (len(rule.NonResourceURLs) == 0) {
				t.Errorf("ClusterRole %s: malformed rule %+v", r.Name, rule)
			}
		}
	}
	for _, b := range l.ClusterRoleBindings {
		check("ClusterRoleBinding", b.Name, b.Labels, b.Annotations)
		if _, err := l.GetClusterRole(b.RoleRef.Name); err != nil || b.RoleRef.Kind != "ClusterRole" {
			t.Errorf("ClusterRoleBinding %s: %v", b.Name, err)
		}
	}
	for _, b := range l.RoleBindings {
		check("RoleBinding", b.Name, b.Labels, b.Annotations)
		if _, err := l.GetRole(b.Namespace, b.RoleRef.Name); err != nil {
			t.Errorf("RoleBinding %s/%s: %v", b.Namespace, b.Name, err)
		}
	}
	for _, r := range l.Roles {
		check("Role", r.Namespace+"/"+r.Name, r.Labels, r.Annotations)
	}
}

// admin, edit and view are filled as the aggregation controller fills
// them: each larger role holds every rule of the smaller one, and keeps
// its aggregationRule and label.
func TestAggregatedRoles(t *testing.T) {
	l := lister()
	get := func(name string) *rbacv1.ClusterRole {
		r, err := l.GetClusterRole(name)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	admin, edit, view := get("admin"), get("edit"), get("view")
	contains := func(big, small *rbacv1.ClusterRole) {
		for _, rule := range small.Rules {
			if !slices.ContainsFunc(big.Rules, func(r rbacv1.PolicyRule) bool {
				return slices.Equal(r.Resources, rule.Resources) && slices.Equal(r.Verbs, rule.Verbs)
			}) {
				t.Errorf("%s lacks %s's rule %+v", big.Name, small.Name, rule)
			}
		}
	}
	contains(edit, view)
	contains(admin, edit)
	if edit.Labels[AggregateToAdmin] != "true" || view.Labels[AggregateToEdit] != "true" {
		t.Errorf("edit labels %v, view labels %v: want them aggregated upward", edit.Labels, view.Labels)
	}
	if admin.AggregationRule == nil || admin.AggregationRule.ClusterRoleSelectors[0].MatchLabels[AggregateToAdmin] != "true" {
		t.Errorf("admin aggregationRule = %+v", admin.AggregationRule)
	}
}

// Talk 000, "Authorization chain": what the bootstrap policy grants, for
// the people and components a fresh cluster knows.
func TestWhatTheDefaultPolicyGrants(t *testing.T) {
	a := rbac.New(lister())
	authed := []string{user.AllAuthenticated}
	res := func(name string, groups []string, verb, group, resource, sub, ns string) authorizer.Attributes {
		return authorizer.Attributes{User: user.Info{Name: name, Groups: groups}, Verb: verb, ResourceRequest: true,
			APIGroup: group, Resource: resource, Subresource: sub, Namespace: ns, Name: "x"}
	}
	path := func(name string, groups []string, p string) authorizer.Attributes {
		return authorizer.Attributes{User: user.Info{Name: name, Groups: groups}, Verb: "get", Path: p}
	}
	tests := []struct {
		name  string
		attrs authorizer.Attributes
		want  bool
	}{
		{"system:masters may do anything", res("root", []string{user.SystemPrivilegedGroup}, "escalate", "rbac.authorization.k8s.io", "clusterroles", "", ""), true},
		{"anyone may ask can-i", res("jane", authed, "create", "authorization.k8s.io", "selfsubjectaccessreviews", "", ""), true},
		{"anyone may ask whoami", res("jane", authed, "create", "authentication.k8s.io", "selfsubjectreviews", "", ""), true},
		{"users may discover the API", path("jane", authed, "/apis/apps/v1"), true},
		{"anonymous may read /version", path(user.Anonymous, []string{user.AllUnauthenticated}, "/version"), true},
		{"anonymous may not discover the API", path(user.Anonymous, []string{user.AllUnauthenticated}, "/apis"), false},
		{"users may not read /metrics", path("jane", authed, "/metrics"), false},
		{"monitoring may read /metrics", path("prometheus", []string{MonitoringGroup}, "/metrics"), true},
		{"scheduler binds pods", res(user.KubeScheduler, authed, "create", "", "pods", "binding", "default"), true},
		{"scheduler renews its lease", authorizer.Attributes{User: user.Info{Name: user.KubeScheduler}, Verb: "update", ResourceRequest: true,
			APIGroup: "coordination.k8s.io", Resource: "leases", Namespace: "kube-system", Name: "kube-scheduler"}, true},
		// Outside kube-system (where system::leader-locking-kube-scheduler
		// grants every lease) only the lease named kube-scheduler.
		{"scheduler may not take another lease", authorizer.Attributes{User: user.Info{Name: user.KubeScheduler}, Verb: "update", ResourceRequest: true,
			APIGroup: "coordination.k8s.io", Resource: "leases", Namespace: "default", Name: "kube-controller-manager"}, false},
		{"scheduler reads the authentication configmap", authorizer.Attributes{User: user.Info{Name: user.KubeScheduler}, Verb: "get", ResourceRequest: true,
			Resource: "configmaps", Namespace: "kube-system", Name: AuthenticationConfigMap}, true},
		{"scheduler may not create pods", res(user.KubeScheduler, authed, "create", "", "pods", "", "default"), false},
		{"controller manager watches everything", res(user.KubeControllerManager, authed, "watch", "apps", "replicasets", "", ""), true},
		{"controller manager creates tokens", res(user.KubeControllerManager, authed, "create", "", "serviceaccounts", "token", "default"), true},
		{"kube-proxy watches endpointslices", res(user.KubeProxy, authed, "watch", "discovery.k8s.io", "endpointslices", "", ""), true},
		{"system:node is bound to nobody", res("system:node:worker-1", []string{user.NodesGroup}, "get", "", "nodes", "", ""), false},
		{"service accounts read OIDC discovery", path("system:serviceaccount:default:app", []string{user.ServiceAccountsGroup}, "/openid/v1/jwks"), true},
		{"kube-dns lists services", authorizer.Attributes{User: user.Info{Name: "system:serviceaccount:kube-system:kube-dns"}, Verb: "list", ResourceRequest: true, Resource: "services"}, true},
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

// What view, edit and admin mean, bound in a namespace.
func TestUserFacingRoles(t *testing.T) {
	tests := []struct {
		role     string
		verb     string
		group    string
		resource string
		want     bool
	}{
		{"view", "list", "", "pods", true},
		{"view", "get", "", "pods/log", true},
		{"view", "get", "", "secrets", false},
		{"view", "create", "apps", "deployments", false},
		{"view", "get", "discovery.k8s.io", "endpointslices", true},
		{"edit", "create", "apps", "deployments", true},
		{"edit", "update", "apps", "deployments/scale", true},
		{"edit", "create", "", "pods/exec", true},
		{"edit", "get", "", "secrets", true},
		{"edit", "impersonate", "", "serviceaccounts", true},
		{"edit", "create", "rbac.authorization.k8s.io", "rolebindings", false},
		{"edit", "update", "", "resourcequotas", false},
		{"admin", "create", "rbac.authorization.k8s.io", "rolebindings", true},
		{"admin", "create", "authorization.k8s.io", "localsubjectaccessreviews", true},
		{"admin", "delete", "batch", "cronjobs", true},
		{"admin", "update", "", "resourcequotas", false},
	}
	for _, tc := range tests {
		t.Run(tc.role+" "+tc.verb+" "+tc.resource, func(t *testing.T) {
			l := lister()
			l.RoleBindings = append(l.RoleBindings, rbacv1.RoleBinding{
				ObjectMeta: objectMeta("dev", "jane"),
				RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: tc.role},
				Subjects:   users("jane"),
			})
			resource, sub, _ := strings.Cut(tc.resource, "/")
			d, _, _ := rbac.New(l).Authorize(t.Context(), authorizer.Attributes{
				User: user.Info{Name: "jane"}, Verb: tc.verb, ResourceRequest: true, APIGroup: tc.group,
				Resource: resource, Subresource: sub, Namespace: "dev", Name: "x",
			})
			if got := d == authorizer.DecisionAllow; got != tc.want {
				t.Errorf("allowed = %v, want %v", got, tc.want)
			}
		})
	}
}

// The Node authorizer's static rules: a kubelet's everyday writes.
func TestNodeRules(t *testing.T) {
	kubelet := user.Info{Name: "system:node:worker-1"}
	tests := []struct {
		name  string
		attrs authorizer.Attributes
		want  bool
	}{
		{"record events", authorizer.Attributes{User: kubelet, Verb: "create", ResourceRequest: true, Resource: "events"}, true},
		{"update pod status", authorizer.Attributes{User: kubelet, Verb: "patch", ResourceRequest: true, Resource: "pods", Subresource: "status"}, true},
		{"read services", authorizer.Attributes{User: kubelet, Verb: "watch", ResourceRequest: true, Resource: "services"}, true},
		{"delete deployments", authorizer.Attributes{User: kubelet, Verb: "delete", ResourceRequest: true, APIGroup: "apps", Resource: "deployments"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := rbac.RulesAllow(tc.attrs, NodeRules()...); got != tc.want {
				t.Errorf("RulesAllow = %v, want %v", got, tc.want)
			}
		})
	}
}

func lister() *rbac.StaticLister {
	return &rbac.StaticLister{
		Roles: Roles(), RoleBindings: RoleBindings(),
		ClusterRoles: ClusterRoles(), ClusterRoleBindings: ClusterRoleBindings(),
	}
}
