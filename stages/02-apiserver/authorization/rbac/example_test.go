package rbac_test

import (
	"context"
	"fmt"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/rbac"
)

// kubectl create rolebinding jane-view --clusterrole=view --user=jane -n
// dev, then jane lists pods in dev and in prod.
func Example() {
	lister := &rbac.StaticLister{
		ClusterRoles: []rbacv1.ClusterRole{{
			ObjectMeta: metav1.ObjectMeta{Name: "view"},
			Rules:      []rbacv1.PolicyRule{{Verbs: []string{"get", "list", "watch"}, APIGroups: []string{""}, Resources: []string{"pods"}}},
		}},
		RoleBindings: []rbacv1.RoleBinding{{
			ObjectMeta: metav1.ObjectMeta{Name: "jane-view", Namespace: "dev"},
			RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: "view"},
			Subjects:   []rbacv1.Subject{{APIGroup: rbacv1.GroupName, Kind: rbacv1.UserKind, Name: "jane"}},
		}},
	}
	a := rbac.New(lister)
	jane := user.Info{Name: "jane", Groups: []string{user.AllAuthenticated}}
	for _, ns := range []string{"dev", "prod"} {
		d, reason, _ := a.Authorize(context.Background(), authorizer.Attributes{
			User: jane, Verb: "list", ResourceRequest: true, Resource: "pods", Namespace: ns,
		})
		fmt.Printf("%s: %v %s\n", ns, d, reason)
	}
	// Output:
	// dev: Allow RBAC: allowed by RoleBinding "jane-view/dev" of ClusterRole "view" to User "jane"
	// prod: NoOpinion
}
