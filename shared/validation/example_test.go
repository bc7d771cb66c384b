package validation_test

import (
	"fmt"

	"github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

func ExampleIsDNS1123Label() {
	fmt.Println(validation.IsDNS1123Label("kube-system"))
	fmt.Println(validation.IsDNS1123Label("kube.system"))
	// Output:
	// []
	// [must not contain dots]
}

func ExampleValidateLabels() {
	labels := map[string]string{"app": "nifty", "tier": "front end"}
	for _, err := range validation.ValidateLabels(labels, field.NewPath("metadata", "labels")) {
		fmt.Println(err.Field, err.BadValue)
	}
	// Output:
	// metadata.labels front end
}

func ExampleValidateName() {
	err := validation.ValidateName(field.NewPath("metadata", "name"), "", false).ToAggregate()
	fmt.Println(err)
	// Output:
	// metadata.name: Required value: name or generateName is required
}
