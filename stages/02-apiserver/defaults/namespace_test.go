package defaults

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Talk 000, "Write to etcd!": a stored namespace carries its
// name label and phase Active.
func TestNamespace(t *testing.T) {
	tests := []struct {
		name       string
		in         corev1.Namespace
		wantLabels map[string]string
		wantPhase  corev1.NamespacePhase
	}{
		{name: "new namespace", in: corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "dev"}},
			wantLabels: map[string]string{LabelMetadataName: "dev"}, wantPhase: corev1.NamespaceActive},
		{name: "other labels kept, a wrong name label corrected",
			in:         corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "dev", Labels: map[string]string{"team": "a", LabelMetadataName: "prod"}}},
			wantLabels: map[string]string{"team": "a", LabelMetadataName: "dev"}, wantPhase: corev1.NamespaceActive},
		{name: "generateName only: no label yet", in: corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "tmp-"}},
			wantPhase: corev1.NamespaceActive},
		{name: "terminating phase kept",
			in:         corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "old"}, Status: corev1.NamespaceStatus{Phase: corev1.NamespaceTerminating}},
			wantLabels: map[string]string{LabelMetadataName: "old"}, wantPhase: corev1.NamespaceTerminating},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ns := tc.in
			Namespace(&ns)
			if diff := cmp.Diff(tc.wantLabels, ns.Labels); diff != "" {
				t.Errorf("labels (-want +got):\n%s", diff)
			}
			if ns.Status.Phase != tc.wantPhase {
				t.Errorf("phase = %q, want %q", ns.Status.Phase, tc.wantPhase)
			}
			if ns.Spec.Finalizers != nil {
				t.Errorf("finalizers = %v, want none: that is PrepareNamespaceForCreate's", ns.Spec.Finalizers)
			}
		})
	}
}

func TestPrepareNamespaceForCreate(t *testing.T) {
	tests := []struct {
		name string
		in   []corev1.FinalizerName
		want []corev1.FinalizerName
	}{
		{name: "none: kubernetes added", want: []corev1.FinalizerName{"kubernetes"}},
		{name: "others: kubernetes appended", in: []corev1.FinalizerName{"example.com/x"}, want: []corev1.FinalizerName{"example.com/x", "kubernetes"}},
		{name: "already there: not repeated", in: []corev1.FinalizerName{"kubernetes"}, want: []corev1.FinalizerName{"kubernetes"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ns := &corev1.Namespace{Spec: corev1.NamespaceSpec{Finalizers: tc.in},
				Status: corev1.NamespaceStatus{Phase: corev1.NamespaceTerminating,
					Conditions: []corev1.NamespaceCondition{{Type: corev1.NamespaceContentRemaining}}}}
			PrepareNamespaceForCreate(ns)
			if diff := cmp.Diff(tc.want, ns.Spec.Finalizers); diff != "" {
				t.Errorf("finalizers (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(corev1.NamespaceStatus{Phase: corev1.NamespaceActive}, ns.Status); diff != "" {
				t.Errorf("status not reset on create (-want +got):\n%s", diff)
			}
		})
	}
}
