package schema

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

func TestComparePaths(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int // sign only
	}{
		{name: "equal", a: "spec.replicas", b: "spec.replicas", want: 0},
		{name: "text order", a: "metadata.name", b: "spec.replicas", want: -1},
		{name: "indexes by value", a: "spec.containers[2].image", b: "spec.containers[10].image", want: -1},
		{name: "leading zeros ignored", a: "x[010]", b: "x[9]", want: 1},
		{name: "prefix first", a: "spec.spec", b: "spec.spec.ports", want: -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := comparePaths(tc.a, tc.b)
			if sign(got) != tc.want {
				t.Errorf("comparePaths(%q, %q) = %d, want sign %d", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func TestSortErrorsDropsDuplicates(t *testing.T) {
	p := field.NewPath("spec", "containers")
	list := field.ErrorList{
		field.Required(p.Index(10).Child("image"), ""),
		field.Required(p, ""),
		field.Required(p.Index(2).Child("image"), ""),
		field.Required(p, ""),
	}
	want := []string{
		"spec.containers: Required value",
		"spec.containers[2].image: Required value",
		"spec.containers[10].image: Required value",
	}
	if diff := cmp.Diff(want, messages(sortErrors(list))); diff != "" {
		t.Errorf("sortErrors (-want +got):\n%s", diff)
	}
}
