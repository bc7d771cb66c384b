package schema

import "testing"

func TestEditDistance(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{name: "equal", a: "image", b: "image", want: 0},
		{name: "one extra letter", a: "imagePullPolicyy", b: "imagePullPolicy", want: 1},
		{name: "swapped neighbours", a: "nmae", b: "name", want: 1},
		{name: "substitution", a: "commend", b: "command", want: 1},
		{name: "from empty", a: "", b: "args", want: 4},
		{name: "unrelated", a: "volumes", b: "ports", want: 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := editDistance(tc.a, tc.b); got != tc.want {
				t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestNearest(t *testing.T) {
	known := []string{"args", "command", "image", "imagePullPolicy", "name", "ports"}
	tests := []struct {
		name, key, want string
	}{
		{name: "typo in a long name", key: "imagePullPolicyy", want: "imagePullPolicy"},
		{name: "wrong case", key: "ImagePullPolicy", want: "imagePullPolicy"},
		{name: "two edits allowed for long names", key: "comand_", want: "command"},
		{name: "one edit only for short names", key: "nme", want: "name"},
		{name: "short name too far", key: "nm", want: ""},
		{name: "nothing close", key: "volumes", want: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := nearest(tc.key, known); got != tc.want {
				t.Errorf("nearest(%q) = %q, want %q", tc.key, got, tc.want)
			}
		})
	}
}
