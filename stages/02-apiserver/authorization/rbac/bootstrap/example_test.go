package bootstrap_test

import (
	"fmt"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/rbac/bootstrap"
)

// Who the default ClusterRoleBindings grant what, as kubectl get
// clusterrolebindings -o wide would list them.
func Example() {
	for _, b := range bootstrap.ClusterRoleBindings() {
		var who []string
		for _, s := range b.Subjects {
			who = append(who, s.Kind+":"+s.Name)
		}
		fmt.Println(b.Name, "->", b.RoleRef.Name, who)
	}
	// Output:
	// cluster-admin -> cluster-admin [Group:system:masters]
	// system:basic-user -> system:basic-user [Group:system:authenticated]
	// system:discovery -> system:discovery [Group:system:authenticated]
	// system:kube-controller-manager -> system:kube-controller-manager [User:system:kube-controller-manager]
	// system:kube-dns -> system:kube-dns [ServiceAccount:kube-dns]
	// system:kube-scheduler -> system:kube-scheduler [User:system:kube-scheduler]
	// system:monitoring -> system:monitoring [Group:system:monitoring]
	// system:node -> system:node []
	// system:node-proxier -> system:node-proxier [User:system:kube-proxy]
	// system:public-info-viewer -> system:public-info-viewer [Group:system:authenticated Group:system:unauthenticated]
	// system:service-account-issuer-discovery -> system:service-account-issuer-discovery [Group:system:serviceaccounts]
	// system:volume-scheduler -> system:volume-scheduler [User:system:kube-scheduler]
}
