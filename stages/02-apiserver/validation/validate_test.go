package validation

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
)

// The scope of each kind comes from shared/scheme, the one table of
// kinds: cluster-scoped objects may not carry a namespace.
func TestScopeFromScheme(t *testing.T) {
	tests := []struct {
		name string
		obj  metav1.Object
		want []string
	}{
		{
			name: "cluster role with a namespace",
			obj:  &rbacv1.ClusterRole{ObjectMeta: metav1.ObjectMeta{Name: "view", Namespace: "default"}},
			want: []string{"metadata.namespace: Forbidden: not allowed on this type"},
		},
		{
			name: "role without a namespace",
			obj:  &rbacv1.Role{ObjectMeta: metav1.ObjectMeta{Name: "view"}},
			want: []string{"metadata.namespace: Required value"},
		},
		{
			name: "service account",
			obj:  &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: "default", Namespace: "default"}},
		},
		{
			// A kind without rules of its own gets the metadata checks.
			name: "type outside the scheme",
			obj:  &metav1.PartialObjectMetadata{ObjectMeta: metav1.ObjectMeta{Name: "Bad Name"}},
			want: []string{`metadata.name: Invalid value: "Bad Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkErrors(t, ValidateCreate(tc.obj), tc.want...)
		})
	}
}

// The REST layer always passes an object and its stored version of the
// same kind; anything else is a bug there, and panics.
func TestUpdateOfDifferentKindsPanics(t *testing.T) {
	for name, call := range map[string]func(){
		"update":        func() { ValidateUpdate(validPod(), validService()) },
		"status update": func() { ValidateStatusUpdate(validPod(), nil) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			call()
		})
	}
}

// An update runs the create rules too: an edit cannot make an object
// invalid.
func TestUpdateRunsCreateRules(t *testing.T) {
	old, d := validDeployment(), validDeployment()
	d.Spec.Template.Spec.Containers[0].Image = ""
	checkErrors(t, ValidateUpdate(d, old), "spec.template.spec.containers[0].image: Required value")
}
