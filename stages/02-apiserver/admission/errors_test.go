package admission

import (
	"errors"
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// Talk 000, "Admission controllers": a refused write answers 403 and
// names the object, even before the server has named it.
func TestNewForbidden(t *testing.T) {
	tests := []struct {
		name   string
		a      *Attributes
		reason error
		want   string
	}{
		{name: "request name", a: podCreate(), reason: errors.New("no"), want: `pods "web" is forbidden: no`},
		{
			name: "generateName when the server has not picked a name",
			a: &Attributes{Resource: metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
				Object: &corev1.Pod{ObjectMeta: metav1.ObjectMeta{GenerateName: "web-"}}},
			reason: errors.New("no"), want: `pods "web-" is forbidden: no`,
		},
		{
			name:   "no object at all",
			a:      &Attributes{Resource: metav1.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"}},
			reason: errors.New("no"), want: `deployments.apps "Unknown" is forbidden: no`,
		},
		{
			name:   "a Forbidden is not wrapped twice",
			a:      podCreate(),
			reason: apierrors.NewForbidden(metav1.GroupResource{Resource: "namespaces"}, "default", errors.New("inner")),
			want:   `namespaces "default" is forbidden: inner`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := NewForbidden(tc.a, tc.reason)
			if err.Error() != tc.want {
				t.Errorf("got %q, want %q", err.Error(), tc.want)
			}
			if st := apierrors.StatusFor(err); st.Code != 403 || st.Reason != metav1.StatusReasonForbidden {
				t.Errorf("status = %d %s, want 403 Forbidden", st.Code, st.Reason)
			}
		})
	}
}

func TestAggregate(t *testing.T) {
	first := errors.New("a")
	tests := []struct {
		name string
		errs []error
		want string
	}{
		{name: "none", errs: []error{nil}, want: ""},
		{name: "one is itself", errs: []error{first}, want: "a"},
		{name: "several in brackets, duplicates once", errs: []error{first, errors.New("b"), errors.New("a")}, want: "[a, b]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := errString(Aggregate(tc.errs)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	if Aggregate([]error{first}) != first {
		t.Errorf("a single error should come back as is")
	}
}
