package testenv

import "testing"

func TestInCI(t *testing.T) {
	for _, tc := range []struct {
		name, value string
		want        bool
	}{
		{"unset", "", false},
		{"true", "true", true},
		{"false", "false", false},
		{"zero", "0", false},
		{"one", "1", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("CI", tc.value)
			if got := InCI(); got != tc.want {
				t.Errorf("InCI() with CI=%q = %v, want %v", tc.value, got, tc.want)
			}
		})
	}
}
