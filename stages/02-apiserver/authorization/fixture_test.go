package authorization

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/node"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/rbac"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/rbac/bootstrap"
)

// The people of the authorization tests.
var (
	admin     = user.Info{Name: "kubernetes-admin", Groups: []string{user.SystemPrivilegedGroup, user.AllAuthenticated}}
	viewer    = user.Info{Name: "victor", Groups: []string{user.AllAuthenticated}}
	editor    = user.Info{Name: "erin", Groups: []string{user.AllAuthenticated}}
	nsAdmin   = user.Info{Name: "nadia", Groups: []string{user.AllAuthenticated}}
	kubelet   = user.Info{Name: "system:node:worker-1", Groups: []string{user.NodesGroup, user.AllAuthenticated}}
	scheduler = user.Info{Name: user.KubeScheduler, Groups: []string{user.AllAuthenticated}}
	anonymous = user.Info{Name: user.Anonymous, Groups: []string{user.AllUnauthenticated}}
)

// testLister is the bootstrap policy plus: victor may view everything,
// erin may edit default, nadia administers team-a.
func testLister() *rbac.StaticLister {
	l := &rbac.StaticLister{
		Roles:               bootstrap.Roles(),
		RoleBindings:        bootstrap.RoleBindings(),
		ClusterRoles:        bootstrap.ClusterRoles(),
		ClusterRoleBindings: bootstrap.ClusterRoleBindings(),
	}
	l.ClusterRoleBindings = append(l.ClusterRoleBindings, rbacv1.ClusterRoleBinding{
		ObjectMeta: metav1.ObjectMeta{Name: "victor-view"},
		RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: "view"},
		Subjects:   []rbacv1.Subject{{APIGroup: rbacv1.GroupName, Kind: rbacv1.UserKind, Name: "victor"}},
	})
	l.RoleBindings = append(l.RoleBindings,
		rbacv1.RoleBinding{
			ObjectMeta: metav1.ObjectMeta{Name: "erin-edit", Namespace: "default"},
			RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: "edit"},
			Subjects:   []rbacv1.Subject{{APIGroup: rbacv1.GroupName, Kind: rbacv1.UserKind, Name: "erin"}},
		},
		rbacv1.RoleBinding{
			ObjectMeta: metav1.ObjectMeta{Name: "nadia-admin", Namespace: "team-a"},
			RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: "admin"},
			Subjects:   []rbacv1.Subject{{APIGroup: rbacv1.GroupName, Kind: rbacv1.UserKind, Name: "nadia"}},
		},
	)
	return l
}

// testGraph: web-0 (default) runs on worker-1 with a secret and a
// configmap; api-0 (team-a) runs on worker-2.
func testGraph() *node.StaticGraph {
	return &node.StaticGraph{Pods: []corev1.Pod{
		{
			ObjectMeta: metav1.ObjectMeta{Name: "web-0", Namespace: "default"},
			Spec: corev1.PodSpec{NodeName: "worker-1", ServiceAccountName: "web", Volumes: []corev1.Volume{
				{Name: "password", VolumeSource: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "db-password"}}},
				{Name: "config", VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{
					LocalObjectReference: corev1.LocalObjectReference{Name: "web-config"}}}},
			}},
		},
		{
			ObjectMeta: metav1.ObjectMeta{Name: "api-0", Namespace: "team-a"},
			Spec: corev1.PodSpec{NodeName: "worker-2", Volumes: []corev1.Volume{
				{Name: "secret", VolumeSource: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "api-secret"}}},
			}},
		},
	}}
}

// testPolicy is the ABAC file of the matrix: roughly the same people,
// written as ABAC policies. There is no policy for kubelets or anonymous
// requests.
const testPolicy = `# ABAC policy of the authorization matrix
{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"user": "victor", "namespace": "*", "resource": "*", "apiGroup": "*", "readonly": true}}
{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"user": "erin", "namespace": "default", "resource": "*", "apiGroup": "*"}}
{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"user": "nadia", "namespace": "team-a", "resource": "*", "apiGroup": "*"}}
{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"user": "system:kube-scheduler", "namespace": "*", "resource": "*", "apiGroup": "*", "readonly": true}}
{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"user": "system:kube-scheduler", "namespace": "*", "resource": "pods", "apiGroup": ""}}

{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"group": "system:authenticated", "readonly": true, "nonResourcePath": "*"}}
`

// newChain builds the chain of modes over the test fixtures.
func newChain(t *testing.T, modes ...string) *authorizer.Union {
	t.Helper()
	policy := filepath.Join(t.TempDir(), "abac.jsonl")
	if err := os.WriteFile(policy, []byte(testPolicy), 0o600); err != nil {
		t.Fatal(err)
	}
	chain, err := New(Config{Modes: modes, RBAC: testLister(), Node: testGraph(), PolicyFile: policy})
	if err != nil {
		t.Fatalf("New(%v): %v", modes, err)
	}
	return chain
}

// res describes a resource request; nonRes a non-resource one.
func res(u user.Info, verb, group, resource, subresource, namespace, name string) authorizer.Attributes {
	return authorizer.Attributes{
		User: u, Verb: verb, ResourceRequest: true, APIGroup: group, APIVersion: "v1",
		Resource: resource, Subresource: subresource, Namespace: namespace, Name: name,
	}
}

func nonRes(u user.Info, verb, path string) authorizer.Attributes {
	return authorizer.Attributes{User: u, Verb: verb, Path: path}
}

func decision(t *testing.T, a authorizer.Authorizer, attrs authorizer.Attributes) authorizer.Decision {
	t.Helper()
	d, _, err := a.Authorize(context.Background(), attrs)
	if err != nil {
		t.Fatalf("Authorize: %v", err)
	}
	return d
}
