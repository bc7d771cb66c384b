package authorizationv1_test

import (
	"encoding/json"
	"fmt"

	authorizationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authorization/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// What kubectl auth can-i create pods sends: a SelfSubjectAccessReview
// with no user, because the server asks about the caller.
func Example() {
	review := authorizationv1.SelfSubjectAccessReview{
		TypeMeta: metav1.TypeMeta{APIVersion: "authorization.k8s.io/v1", Kind: "SelfSubjectAccessReview"},
		Spec: authorizationv1.SelfSubjectAccessReviewSpec{
			ResourceAttributes: &authorizationv1.ResourceAttributes{
				Namespace: "default", Verb: "create", Resource: "pods",
			},
		},
	}
	out, _ := json.Marshal(review)
	fmt.Println(string(out))
	// Output:
	// {"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{},"spec":{"resourceAttributes":{"namespace":"default","verb":"create","resource":"pods"}},"status":{"allowed":false}}
}
