package registry

import (
	"encoding/json"
	"reflect"
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

// testPod has a value of every shape deepCopy walks: maps, slices of
// structs, pointers, quantities, times.
func testPod() *corev1.Pod {
	grace := int64(30)
	return &corev1.Pod{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default", Labels: map[string]string{"app": "web"},
			CreationTimestamp: metav1.Unix(1700000000, 0), Finalizers: []string{"example.com/a"},
			ManagedFields: []metav1.ManagedFieldsEntry{{Manager: "kubectl", FieldsV1: &metav1.FieldsV1{Raw: []byte(`{"f:spec":{}}`)}}}},
		Spec: corev1.PodSpec{
			TerminationGracePeriodSeconds: &grace,
			Containers: []corev1.Container{{Name: "nginx", Image: "nginx", Resources: corev1.ResourceRequirements{
				Limits: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("500m")}}}},
		},
	}
}

// Talk 004, step 2 ("save objects"): Create fills in its own copy of the
// request's object; the copy equals the original, encodes the same, and
// changing it leaves the original alone.
func TestDeepCopy(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(p *corev1.Pod)
	}{
		{"a label", func(p *corev1.Pod) { p.Labels["app"] = "db" }},
		{"a finalizer", func(p *corev1.Pod) { p.Finalizers[0] = "example.com/b" }},
		{"a managedFields tree", func(p *corev1.Pod) { p.ManagedFields[0].FieldsV1.Raw[2] = 'x' }},
		{"a pointer's target", func(p *corev1.Pod) { *p.Spec.TerminationGracePeriodSeconds = 0 }},
		{"a container", func(p *corev1.Pod) { p.Spec.Containers[0].Image = "httpd" }},
		{"a container's limits", func(p *corev1.Pod) {
			p.Spec.Containers[0].Resources.Limits[corev1.ResourceCPU] = resource.MustParse("1")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			orig := testPod()
			cp := deepCopy(orig).(*corev1.Pod)
			if !reflect.DeepEqual(cp, orig) {
				t.Fatalf("copy %+v differs from the original %+v", cp, orig)
			}
			a, _ := json.Marshal(orig)
			if b, _ := json.Marshal(cp); string(a) != string(b) {
				t.Fatalf("copy encodes as %s, the original as %s", b, a)
			}
			tc.change(cp)
			if !reflect.DeepEqual(orig, testPod()) {
				t.Errorf("changing the copy's %s changed the original", tc.name)
			}
		})
	}
}

// A nil object copies to nil, as clone's does.
func TestDeepCopyNil(t *testing.T) {
	if got := deepCopy(nil); got != nil {
		t.Errorf("deepCopy(nil) = %v", got)
	}
	if got := deepCopy((*corev1.Pod)(nil)); got != nil {
		t.Errorf("deepCopy of a nil *Pod = %v", got)
	}
}
