package defaults

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

// Talk 002, "persistent volumes": a volume and its claim are stored with
// reclaim policy, volume mode and phase filled in.
func TestPersistentVolume(t *testing.T) {
	block := corev1.PersistentVolumeBlock
	tests := []struct {
		name        string
		in          corev1.PersistentVolume
		wantReclaim corev1.PersistentVolumeReclaimPolicy
		wantMode    corev1.PersistentVolumeMode
		wantPhase   corev1.PersistentVolumePhase
	}{
		{name: "bare hostPath volume",
			in: corev1.PersistentVolume{Spec: corev1.PersistentVolumeSpec{
				Capacity:               corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("1Gi")},
				PersistentVolumeSource: corev1.PersistentVolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/data"}}}},
			wantReclaim: corev1.PersistentVolumeReclaimRetain, wantMode: corev1.PersistentVolumeFilesystem, wantPhase: corev1.VolumePending},
		{name: "user values kept",
			in: corev1.PersistentVolume{
				Spec:   corev1.PersistentVolumeSpec{PersistentVolumeReclaimPolicy: corev1.PersistentVolumeReclaimDelete, VolumeMode: &block},
				Status: corev1.PersistentVolumeStatus{Phase: corev1.VolumeBound}},
			wantReclaim: corev1.PersistentVolumeReclaimDelete, wantMode: corev1.PersistentVolumeBlock, wantPhase: corev1.VolumeBound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pv := tc.in
			PersistentVolume(&pv)
			if pv.Spec.PersistentVolumeReclaimPolicy != tc.wantReclaim || *pv.Spec.VolumeMode != tc.wantMode || pv.Status.Phase != tc.wantPhase {
				t.Errorf("reclaim %s, mode %s, phase %s; want %s, %s, %s", pv.Spec.PersistentVolumeReclaimPolicy, *pv.Spec.VolumeMode,
					pv.Status.Phase, tc.wantReclaim, tc.wantMode, tc.wantPhase)
			}
			if hp := pv.Spec.HostPath; hp != nil && (hp.Type == nil || *hp.Type != corev1.HostPathUnset) {
				t.Errorf("hostPath type = %v, want \"\"", hp.Type)
			}
		})
	}
}

func TestPersistentVolumeClaim(t *testing.T) {
	pvc := &corev1.PersistentVolumeClaim{Spec: corev1.PersistentVolumeClaimSpec{
		Resources: corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("1Gi")}}}}
	PersistentVolumeClaim(pvc)
	if *pvc.Spec.VolumeMode != corev1.PersistentVolumeFilesystem || pvc.Status.Phase != corev1.ClaimPending {
		t.Errorf("volumeMode %s, phase %s; want Filesystem, Pending", *pvc.Spec.VolumeMode, pvc.Status.Phase)
	}
	if pvc.Spec.StorageClassName != nil {
		t.Errorf("storageClassName = %q, want unset: admission's, not a default", *pvc.Spec.StorageClassName)
	}
}
