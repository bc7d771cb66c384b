package abac_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/abac"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// One policy line: alice may read anything, anywhere.
func Example() {
	policies, err := abac.Parse(strings.NewReader(
		`{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"user": "alice", "namespace": "*", "resource": "*", "apiGroup": "*", "readonly": true}}`,
	), "abac.jsonl")
	if err != nil {
		fmt.Println(err)
		return
	}
	alice := user.Info{Name: "alice", Groups: []string{user.AllAuthenticated}}
	for _, verb := range []string{"list", "delete"} {
		d, reason, _ := policies.Authorize(context.Background(), authorizer.Attributes{
			User: alice, Verb: verb, ResourceRequest: true, Resource: "pods", Namespace: "default",
		})
		fmt.Printf("%s: %v (%s)\n", verb, d, reason)
	}
	// Output:
	// list: Allow ()
	// delete: NoOpinion (No policy matched.)
}
