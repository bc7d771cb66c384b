package schema

import (
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// Talk 002, "Declarative syntax": the manifest's image "nginx 1.23.2-alpine"
// passes the API server and fails in the kubelet; kubectl rejects it here.
func TestValidateImage(t *testing.T) {
	p := field.NewPath("spec", "containers").Index(0).Child("image")
	tests := []struct {
		name  string
		image string
		want  string // "" when valid
	}{
		{name: "short name", image: "nginx"},
		{name: "tag", image: "nginx:1.23.2-alpine"},
		{name: "registry with port and path", image: "registry.example.com:5000/team/app:v1.2"},
		{name: "digest", image: "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
		{name: "tag keeps its case", image: "busybox:Latest"},
		{name: "localhost", image: "localhost/app"},
		{name: "empty", image: "", want: `spec.containers[0].image: Required value`},
		{
			name:  "space where the colon belongs",
			image: "nginx 1.23.2-alpine",
			want:  `spec.containers[0].image: Invalid value: "nginx 1.23.2-alpine": invalid reference format: an image reference may not contain spaces; did you mean "nginx:1.23.2-alpine"?`,
		},
		{
			name:  "surrounding whitespace",
			image: " nginx:1.27\n",
			want:  `spec.containers[0].image: Invalid value: " nginx:1.27\n": must not have leading or trailing whitespace; did you mean "nginx:1.27"?`,
		},
		{
			name:  "uppercase repository",
			image: "Nginx:Alpine",
			want:  `spec.containers[0].image: Invalid value: "Nginx:Alpine": invalid reference format: repository name (library/Nginx) must be lowercase; did you mean "nginx:Alpine"?`,
		},
		{
			name:  "URL scheme",
			image: "https://registry.example.com/app:1",
			want:  `spec.containers[0].image: Invalid value: "https://registry.example.com/app:1": invalid reference format; did you mean "registry.example.com/app:1"?`,
		},
		{
			name:  "empty tag, no obvious fix",
			image: "nginx:",
			want:  `spec.containers[0].image: Invalid value: "nginx:": invalid reference format`,
		},
		{
			name:  "bare image ID",
			image: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
			want:  `spec.containers[0].image: Invalid value: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef": invalid repository name (0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef), cannot specify 64-byte hexadecimal strings`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			if err := ValidateImage(p, tc.image); err != nil {
				got = err.Error()
			}
			if got != tc.want {
				t.Errorf("ValidateImage(%q)\n got: %s\nwant: %s", tc.image, got, tc.want)
			}
		})
	}
}
