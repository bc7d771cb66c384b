package server

import (
	"context"
	"net/http"
	"testing"
	"time"

	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/rbac"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/rbac/bootstrap"
)

// The adapters read what the caches hold, and a miss is a NotFound
// naming the resource in the singular, as upstream's listers do.
func TestAdapters(t *testing.T) {
	s := startServer(t, testConfig(t))
	reg := s.api.registry
	l := reg.rbacLister()
	if r, err := l.GetClusterRole("view"); err != nil || r.Name != "view" || len(r.Rules) == 0 {
		t.Errorf("GetClusterRole(view) = %v, %v; want the bootstrap role with rules", r, err)
	}
	if _, err := l.GetClusterRole("no-such-role"); !apierrors.IsNotFound(err) || err.Error() != `clusterrole.rbac.authorization.k8s.io "no-such-role" not found` {
		t.Errorf("GetClusterRole(no-such-role) error = %v, want upstream's lister NotFound", err)
	}
	crbs, err := l.ListClusterRoleBindings()
	if err != nil || len(crbs) != len(bootstrap.ClusterRoleBindings()) {
		t.Errorf("ListClusterRoleBindings() = %d bindings, %v; want the %d of the bootstrap policy", len(crbs), err, len(bootstrap.ClusterRoleBindings()))
	}
	rbs, err := l.ListRoleBindings("kube-system")
	if err != nil || len(rbs) == 0 {
		t.Errorf("ListRoleBindings(kube-system) = %d bindings, %v; want the bootstrap ones", len(rbs), err)
	}

	mustDo(t, client(t, s), s, http.MethodPost, "/api/v1/namespaces/default/serviceaccounts", serviceAccountJSON("default"), http.StatusCreated)
	mustDo(t, client(t, s), s, http.MethodPost, "/api/v1/namespaces/default/pods", podJSON("web-1", "worker-1"), http.StatusCreated)
	eventually(t, func() string {
		pods, err := reg.nodeGraph().PodsOnNode("worker-1")
		if err != nil || len(pods) != 1 || pods[0].Name != "web-1" {
			return "PodsOnNode(worker-1) does not return web-1 alone"
		}
		return ""
	})
	if pods, err := reg.nodeGraph().PodsOnNode("worker-2"); err != nil || len(pods) != 0 {
		t.Errorf("PodsOnNode(worker-2) = %d pods, %v; want none", len(pods), err)
	}

	// A miss in the cache is read from etcd before it is called missing.
	g := reg.serviceAccountGetter()
	if ns, err := g.Node(context.Background(), "worker-1"); !apierrors.IsNotFound(err) {
		t.Errorf("Node(worker-1) = %v, %v; want NotFound", ns, err)
	}
	if p, err := g.Pod(context.Background(), "default", "web-1"); err != nil || p.Spec.NodeName != "worker-1" {
		t.Errorf("Pod(default/web-1) = %v, %v", p, err)
	}
}

// benchAttrs is the request every RBAC benchmark authorizes: a viewer's
// create, which no rule allows, so the authorizer walks every binding.
func benchAttrs() authorizer.Attributes {
	return authorizer.Attributes{
		User: user.Info{Name: "viewer", Groups: []string{user.AllAuthenticated}}, Verb: "create",
		ResourceRequest: true, Namespace: "default", APIVersion: "v1", Resource: "configmaps",
	}
}

// staticPolicy is the bootstrap policy plus the viewer's binding, as
// rbac.StaticLister holds it.
func staticPolicy() *rbac.StaticLister {
	l := &rbac.StaticLister{
		Roles: bootstrap.Roles(), RoleBindings: bootstrap.RoleBindings(),
		ClusterRoles: bootstrap.ClusterRoles(), ClusterRoleBindings: bootstrap.ClusterRoleBindings(),
	}
	b := rbacv1.ClusterRoleBinding{
		RoleRef:  rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: "view"},
		Subjects: []rbacv1.Subject{{APIGroup: rbacv1.GroupName, Kind: rbacv1.UserKind, Name: "viewer"}},
	}
	b.Name = "viewer-view"
	l.ClusterRoleBindings = append(l.ClusterRoleBindings, b)
	return l
}

// authorize asks r about benchAttrs n times and returns the time per
// decision.
func authorize(b *testing.B, r *rbac.Authorizer, n int) time.Duration {
	attrs := benchAttrs()
	ctx := context.Background()
	start := time.Now()
	for range n {
		if d, _, _ := r.Authorize(ctx, attrs); d == authorizer.DecisionAllow {
			b.Fatal("viewer may create configmaps")
		}
	}
	return time.Since(start) / time.Duration(n)
}

// RBAC runs on every request: reading roles and bindings from the watch
// caches should cost little more than reading them from plain slices.
// The benchmark times the watch caches; the metric x-static is that time
// over rbac.StaticLister's for the same policy and request (run: go test
// -run X -bench AuthorizeRBAC ./stages/02-apiserver/server/).
func BenchmarkAuthorizeRBAC(b *testing.B) {
	s := benchServer(b)
	if err := send(context.Background(), benchClient(b, s), http.MethodPost, s.URL()+"/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
		clusterRoleBindingJSON("viewer-view", "view", "viewer"), http.StatusCreated); err != nil {
		b.Fatal(err)
	}
	cached := rbac.New(s.api.registry.rbacLister())
	attrs := benchAttrs()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if d, _, _ := cached.Authorize(ctx, attrs); d == authorizer.DecisionAllow {
			b.Fatal("viewer may create configmaps")
		}
	}
	perOp := b.Elapsed() / time.Duration(b.N)
	static := authorize(b, rbac.New(staticPolicy()), b.N)
	b.ReportMetric(float64(static.Nanoseconds()), "static-ns/op")
	b.ReportMetric(float64(perOp)/float64(static), "x-static")
}
