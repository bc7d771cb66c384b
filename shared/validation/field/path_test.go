package field

import "testing"

// Talk 000, "Client side validation": messages name the field the way
// Kubernetes does, so a student can find it in the manifest.
func TestPathString(t *testing.T) {
	for _, tc := range []struct {
		name string
		path *Path
		want string
	}{
		{"nil", nil, ""},
		{"root", NewPath("spec"), "spec"},
		{"children", NewPath("spec", "template", "spec"), "spec.template.spec"},
		{"index", NewPath("spec").Child("containers").Index(0).Child("image"), "spec.containers[0].image"},
		{"key", NewPath("metadata", "labels").Key("app"), "metadata.labels[app]"},
		{"index at root", NewPath("items").Index(2), "items[2]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.path.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPathsAreImmutable(t *testing.T) {
	parent := NewPath("spec")
	a, b := parent.Child("a"), parent.Child("b")
	if a.String() != "spec.a" || b.String() != "spec.b" || parent.String() != "spec" {
		t.Errorf("got %q, %q, %q", a, b, parent)
	}
	if r := b.Root().String(); r != "spec" {
		t.Errorf("Root() = %q", r)
	}
}
