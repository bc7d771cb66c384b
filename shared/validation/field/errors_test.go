package field

import (
	"errors"
	"testing"
)

func TestErrorMessages(t *testing.T) {
	p := NewPath("spec", "template", "spec").Child("containers").Index(0)
	for _, tc := range []struct {
		name string
		err  *Error
		want string
	}{
		{"required", Required(p.Child("image"), ""), "spec.template.spec.containers[0].image: Required value"},
		{"required with detail", Required(p.Child("name"), "a container needs a name"),
			"spec.template.spec.containers[0].name: Required value: a container needs a name"},
		{"invalid string", Invalid(NewPath("metadata", "name"), "Nginx_1", "must be lowercase"),
			`metadata.name: Invalid value: "Nginx_1": must be lowercase`},
		{"invalid number", Invalid(NewPath("spec", "replicas"), int64(-1), "must be greater than or equal to 0"),
			"spec.replicas: Invalid value: -1: must be greater than or equal to 0"},
		{"not supported", NotSupported(NewPath("spec", "restartPolicy"), "Sometimes", []string{"Always", "Never"}),
			`spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never"`},
		{"duplicate", Duplicate(p.Child("name"), "web"), `spec.template.spec.containers[0].name: Duplicate value: "web"`},
		{"forbidden", Forbidden(NewPath("spec", "nodeName"), "may not be set"), "spec.nodeName: Forbidden: may not be set"},
		{"too long", TooLong(NewPath("metadata", "name"), "x", 253), "metadata.name: Too long: must have at most 253 bytes"},
		{"unknown", Unknown(NewPath("spec", "spec"), ""), `unknown field "spec.spec"`},
		{"omitted value", Invalid(NewPath("data"), OmitValue, "secret"), "data: Invalid value: secret"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error() =\n  %s\nwant\n  %s", got, tc.want)
			}
		})
	}
}

func TestAggregate(t *testing.T) {
	if ErrorList(nil).ToAggregate() != nil {
		t.Fatal("empty list aggregated to a non-nil error")
	}
	one := ErrorList{Required(NewPath("a"), "")}
	if got := one.ToAggregate().Error(); got != "a: Required value" {
		t.Errorf("one error: %q", got)
	}
	two := append(one, Forbidden(NewPath("b"), "no"))
	agg := two.ToAggregate()
	if got, want := agg.Error(), "[a: Required value, b: Forbidden: no]"; got != want {
		t.Errorf("two errors: %q, want %q", got, want)
	}
	var fe *Error
	if !errors.As(agg, &fe) || fe.Field != "a" {
		t.Errorf("errors.As did not find the first *Error: %v", fe)
	}
}
