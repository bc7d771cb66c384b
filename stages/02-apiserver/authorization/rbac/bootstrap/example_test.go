package bootstrap_test

import (
	"fmt"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/rbac/bootstrap"
)

// Who the default ClusterRoleBindings grant what, as kubectl get
// clusterrolebindings -o wide would list them; the controllers' bindings
// are only counted.
func Example() {
	controllers := 0
	for _, b := range bootstrap.ClusterRoleBindings() {
		if strings.HasPrefix(b.Name, bootstrap.ControllerRolePrefix) {
			controllers++
			continue
		}
		var who []string
		for _, s := range b.Subjects {
			who = append(who, s.Kind+":"+s.Name)
		}
		fmt.Println(b.Name, "->", b.RoleRef.Name, who)
	}
	fmt.Println("and", controllers, "system:controller:* bindings, one per controller")
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
	// and 40 system:controller:* bindings, one per controller
}

// The role a controller runs under with --use-service-account-credentials:
// its service account in kube-system, bound to system:controller:NAME.
func ExampleControllerRoleBindings() {
	for _, b := range bootstrap.ControllerRoleBindings() {
		if b.Name == bootstrap.ControllerRolePrefix+"replicaset-controller" {
			s := b.Subjects[0]
			fmt.Printf("%s/%s -> %s\n", s.Namespace, s.Name, b.RoleRef.Name)
		}
	}
	// Output:
	// kube-system/replicaset-controller -> system:controller:replicaset-controller
}
