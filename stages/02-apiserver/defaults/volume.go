// Volume defaults: file modes and lifetimes of the volumes a pod mounts.
//
// Interface:
//   - Volume(v) defaults one entry of spec.volumes: a volume with no
//     source becomes an emptyDir, and each source gets its own defaults.
//   - HostPathVolumeSource(h) is shared with PersistentVolume
//     (persistentvolume.go).
//
// The pod spec that holds the volumes is pod.go.

package defaults

import corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"

// DefaultServiceAccountTokenExpirationSeconds is the lifetime of a
// projected service account token that names none: one hour.
const DefaultServiceAccountTokenExpirationSeconds int64 = 60 * 60

// Volume fills in v's unset fields (upstream SetDefaults_Volume and the
// generated per-source calls):
//
//   - no source at all: an emptyDir, the scratch directory a bare
//     "- name: cache" means;
//   - hostPath: type "" (no check of what is at the path);
//   - secret, configMap, downwardAPI, projected: defaultMode 0644 (420),
//     files readable by all, writable by the owner only;
//   - downward API items (also inside projected): fieldRef apiVersion v1;
//   - projected serviceAccountToken: expirationSeconds 3600.
//
// "No source" is judged on the sources shared/api knows; a volume whose
// source this project does not model decodes as sourceless too.
func Volume(v *corev1.Volume) {
	src := &v.VolumeSource
	if src.HostPath == nil && src.EmptyDir == nil && src.Secret == nil &&
		src.PersistentVolumeClaim == nil && src.DownwardAPI == nil &&
		src.ConfigMap == nil && src.Projected == nil {
		src.EmptyDir = &corev1.EmptyDirVolumeSource{}
	}
	if src.HostPath != nil {
		HostPathVolumeSource(src.HostPath)
	}
	if src.Secret != nil && src.Secret.DefaultMode == nil {
		src.Secret.DefaultMode = ptr(corev1.SecretVolumeSourceDefaultMode)
	}
	if src.ConfigMap != nil && src.ConfigMap.DefaultMode == nil {
		src.ConfigMap.DefaultMode = ptr(corev1.ConfigMapVolumeSourceDefaultMode)
	}
	if d := src.DownwardAPI; d != nil {
		if d.DefaultMode == nil {
			d.DefaultMode = ptr(corev1.DownwardAPIVolumeSourceDefaultMode)
		}
		downwardAPIItems(d.Items)
	}
	if p := src.Projected; p != nil {
		if p.DefaultMode == nil {
			p.DefaultMode = ptr(corev1.ProjectedVolumeSourceDefaultMode)
		}
		for i := range p.Sources {
			s := &p.Sources[i]
			if s.DownwardAPI != nil {
				downwardAPIItems(s.DownwardAPI.Items)
			}
			if t := s.ServiceAccountToken; t != nil && t.ExpirationSeconds == nil {
				t.ExpirationSeconds = ptr(DefaultServiceAccountTokenExpirationSeconds)
			}
		}
	}
}

// HostPathVolumeSource sets an unset type to "" (HostPathUnset), which
// the kubelet reads as "mount whatever is there, check nothing". Upstream
// writes the empty string explicitly, so a stored pod shows type: "".
func HostPathVolumeSource(h *corev1.HostPathVolumeSource) {
	if h.Type == nil {
		h.Type = ptr(corev1.HostPathUnset)
	}
}

func downwardAPIItems(items []corev1.DownwardAPIVolumeFile) {
	for i := range items {
		if items[i].FieldRef != nil {
			ObjectFieldSelector(items[i].FieldRef)
		}
	}
}
