package user_test

import (
	"context"
	"fmt"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

func ExampleWithUser() {
	ctx := user.WithUser(context.Background(), user.Info{
		Name:   user.ServiceAccountUsername("default", "builder"),
		Groups: append(user.ServiceAccountGroups("default"), user.AllAuthenticated),
	})
	u, _ := user.From(ctx)
	ns, name, _ := user.SplitServiceAccountUsername(u.Name)
	fmt.Println(u.Name)
	fmt.Println(ns, name, u.Groups)
	// Output:
	// system:serviceaccount:default:builder
	// default builder [system:serviceaccounts system:serviceaccounts:default system:authenticated]
}
