// Storage defaults: PersistentVolumes and the claims that bind them.
//
// Interface:
//   - PersistentVolume(pv): reclaim policy Retain, volumeMode Filesystem,
//     status phase Pending, hostPath type "", capacity rounded.
//   - PersistentVolumeClaim(pvc): volumeMode Filesystem, status phase
//     Pending, resource amounts rounded.
//
// The volume source types are shared with pods (volume.go).

package defaults

import corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"

// PersistentVolume fills in pv's unset fields (upstream
// SetDefaults_PersistentVolume and the generated calls): status.phase
// Pending until the volume controller makes it Available;
// persistentVolumeReclaimPolicy Retain, so that a released volume's data
// is kept until an administrator decides; volumeMode Filesystem (mounted,
// not handed over as a raw block device); hostPath type ""; capacity
// rounded (ResourceList).
func PersistentVolume(pv *corev1.PersistentVolume) {
	if pv.Status.Phase == "" {
		pv.Status.Phase = corev1.VolumePending
	}
	if pv.Spec.PersistentVolumeReclaimPolicy == "" {
		pv.Spec.PersistentVolumeReclaimPolicy = corev1.PersistentVolumeReclaimRetain
	}
	if pv.Spec.VolumeMode == nil {
		pv.Spec.VolumeMode = ptr(corev1.PersistentVolumeFilesystem)
	}
	ResourceList(pv.Spec.Capacity)
	if pv.Spec.HostPath != nil {
		HostPathVolumeSource(pv.Spec.HostPath)
	}
}

// PersistentVolumeClaim fills in pvc's unset fields (upstream
// SetDefaults_PersistentVolumeClaim and _PersistentVolumeClaimSpec):
// status.phase Pending until bound; volumeMode Filesystem; requested,
// limited and bound amounts rounded (ResourceList). storageClassName is
// not a default: the DefaultStorageClass admission plugin fills it in.
func PersistentVolumeClaim(pvc *corev1.PersistentVolumeClaim) {
	if pvc.Status.Phase == "" {
		pvc.Status.Phase = corev1.ClaimPending
	}
	if pvc.Spec.VolumeMode == nil {
		pvc.Spec.VolumeMode = ptr(corev1.PersistentVolumeFilesystem)
	}
	ResourceList(pvc.Spec.Resources.Limits)
	ResourceList(pvc.Spec.Resources.Requests)
	ResourceList(pvc.Status.Capacity)
}
