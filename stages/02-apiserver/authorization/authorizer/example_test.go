package authorizer_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// A chain of two modes: one that only knows about the ops group, then
// AlwaysDeny. The union asks them in order and says who decided.
func Example() {
	ops := authorizer.AuthorizerFunc(func(_ context.Context, a authorizer.Attributes) (authorizer.Decision, string, error) {
		if slices.Contains(a.User.Groups, "ops") {
			return authorizer.DecisionAllow, "ops may do anything", nil
		}
		return authorizer.DecisionNoOpinion, "", nil
	})
	chain := authorizer.NewUnion(
		authorizer.Named{Name: "Ops", Authorizer: ops},
		authorizer.Named{Name: "AlwaysDeny", Authorizer: authorizer.AlwaysDeny{}},
	)
	for _, u := range []user.Info{
		{Name: "olga", Groups: []string{"ops", user.AllAuthenticated}},
		{Name: "jane", Groups: []string{user.AllAuthenticated}},
	} {
		v := chain.Explain(context.Background(), authorizer.Attributes{User: u, Verb: "get", Path: "/metrics"})
		fmt.Printf("%s: %v by %q (%s)\n", u.Name, v.Decision, v.Authorizer, v.Reason)
	}
	// Output:
	// olga: Allow by "Ops" (ops may do anything)
	// jane: NoOpinion by "" (Everything is forbidden.)
}
