package webhook_test

import (
	"encoding/json"
	"fmt"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/webhook"
)

// What an authorization webhook receives when jane runs kubectl get pods.
func ExampleReviewFor() {
	review := webhook.ReviewFor(authorizer.Attributes{
		User: user.Info{Name: "jane", Groups: []string{"developers", user.AllAuthenticated}},
		Verb: "list", ResourceRequest: true, APIVersion: "v1", Resource: "pods", Namespace: "default",
	})
	out, _ := json.MarshalIndent(review, "", "  ")
	fmt.Println(string(out))
	// Output:
	// {
	//   "kind": "SubjectAccessReview",
	//   "apiVersion": "authorization.k8s.io/v1",
	//   "metadata": {},
	//   "spec": {
	//     "resourceAttributes": {
	//       "namespace": "default",
	//       "verb": "list",
	//       "version": "v1",
	//       "resource": "pods"
	//     },
	//     "user": "jane",
	//     "groups": [
	//       "developers",
	//       "system:authenticated"
	//     ]
	//   },
	//   "status": {
	//     "allowed": false
	//   }
	// }
}
