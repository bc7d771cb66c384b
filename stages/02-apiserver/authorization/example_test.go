package authorization_test

import (
	"context"
	"fmt"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/node"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/rbac"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/rbac/bootstrap"
)

// A fresh cluster under --authorization-mode=Node,RBAC: the bootstrap
// policy lets anyone read /healthz, and nobody but the admin list pods.
func Example() {
	chain, err := authorization.New(authorization.Config{
		Modes: []string{authorization.ModeNode, authorization.ModeRBAC},
		RBAC: &rbac.StaticLister{
			ClusterRoles:        bootstrap.ClusterRoles(),
			ClusterRoleBindings: bootstrap.ClusterRoleBindings(),
		},
		Node: &node.StaticGraph{},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	jane := user.Info{Name: "jane", Groups: []string{user.AllAuthenticated}}

	health := authorizer.Attributes{User: jane, Verb: "get", Path: "/healthz"}
	v := chain.Explain(context.Background(), health)
	fmt.Println(v.Decision, "by", v.Authorizer+":", v.Reason)

	pods := authorizer.Attributes{User: jane, Verb: "list", ResourceRequest: true, APIVersion: "v1", Resource: "pods", Namespace: "default"}
	v = chain.Explain(context.Background(), pods)
	fmt.Println(v.Decision, authorization.Forbidden(pods, v.Reason))
	// Output:
	// Allow by RBAC: RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"
	// NoOpinion pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"
}
