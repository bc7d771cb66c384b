package field_test

import (
	"fmt"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

func Example() {
	containers := field.NewPath("spec", "template", "spec").Child("containers")
	var errs field.ErrorList
	errs = append(errs, field.Required(containers.Index(0).Child("image"), ""))
	errs = append(errs, field.Invalid(field.NewPath("spec", "replicas"), int64(-1), "must be greater than or equal to 0"))
	for _, e := range errs {
		fmt.Println(e)
	}
	// Output:
	// spec.template.spec.containers[0].image: Required value
	// spec.replicas: Invalid value: -1: must be greater than or equal to 0
}
