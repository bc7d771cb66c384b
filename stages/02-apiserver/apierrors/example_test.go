package apierrors_test

import (
	"fmt"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

func ExampleStatusFor() {
	err := apierrors.NewNotFound(metav1.GroupResource{Group: "apps", Resource: "deployments"}, "nginx")
	s := apierrors.StatusFor(err)
	fmt.Println(s.Code, s.Reason, s.Message)
	// Output: 404 NotFound deployments.apps "nginx" not found
}
