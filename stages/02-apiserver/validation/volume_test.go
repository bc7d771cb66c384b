package validation

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

// Volumes: one source each, unique DNS-label names, paths that stay
// inside the volume.
func TestVolumes(t *testing.T) {
	vol := func(v ...corev1.Volume) func(*corev1.Pod) { return func(p *corev1.Pod) { p.Spec.Volumes = v } }
	emptyDir := corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}
	runPodCases(t, []podCase{
		{name: "emptyDir and configMap", mutate: vol(
			corev1.Volume{Name: "scratch", VolumeSource: emptyDir},
			corev1.Volume{Name: "config", VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{
				LocalObjectReference: corev1.LocalObjectReference{Name: "nginx"}}}})},
		{
			name:   "no source",
			mutate: vol(corev1.Volume{Name: "data"}),
			want:   []string{"spec.volumes[0]: Required value: must specify a volume type"},
		},
		{
			name: "two sources",
			mutate: vol(corev1.Volume{Name: "data", VolumeSource: corev1.VolumeSource{
				EmptyDir: &corev1.EmptyDirVolumeSource{}, Secret: &corev1.SecretVolumeSource{SecretName: "s"}}}),
			want: []string{"spec.volumes[0].secret: Forbidden: may not specify more than 1 volume type"},
		},
		{
			name:   "names repeat",
			mutate: vol(corev1.Volume{Name: "data", VolumeSource: emptyDir}, corev1.Volume{Name: "data", VolumeSource: emptyDir}),
			want:   []string{`spec.volumes[1].name: Duplicate value: "data"`},
		},
		{
			name: "mount of a broken volume is also not found",
			mutate: func(p *corev1.Pod) {
				p.Spec.Volumes = []corev1.Volume{{Name: "data"}}
				p.Spec.Containers[0].VolumeMounts = []corev1.VolumeMount{{Name: "data", MountPath: "/data"}}
			},
			want: []string{
				"spec.volumes[0]: Required value: must specify a volume type",
				`spec.containers[0].volumeMounts[0].name: Not found: "data"`,
			},
		},
		{
			name: "unknown hostPath type",
			mutate: vol(corev1.Volume{Name: "host", VolumeSource: corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{
				Path: "/var/log", Type: ptr(corev1.HostPathType("Dir"))}}}),
			want: []string{`spec.volumes[0].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"`},
		},
		{
			name:   "secret without a name",
			mutate: vol(corev1.Volume{Name: "certs", VolumeSource: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{}}}),
			want:   []string{"spec.volumes[0].secret.secretName: Required value"},
		},
		{
			name: "absolute item path and a mode above 0777",
			mutate: vol(corev1.Volume{Name: "config", VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{
				LocalObjectReference: corev1.LocalObjectReference{Name: "nginx"},
				Items:                []corev1.KeyToPath{{Key: "nginx.conf", Path: "/etc/nginx.conf"}},
				DefaultMode:          ptr(int32(01000)),
			}}}),
			want: []string{
				"spec.volumes[0].configMap.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive",
				`spec.volumes[0].configMap.items[0].path: Invalid value: "/etc/nginx.conf": must be a relative path`,
			},
		},
		{
			name: "downward API file without a reference",
			mutate: vol(corev1.Volume{Name: "info", VolumeSource: corev1.VolumeSource{DownwardAPI: &corev1.DownwardAPIVolumeSource{
				Items: []corev1.DownwardAPIVolumeFile{{Path: "labels"}}}}}),
			want: []string{"spec.volumes[0].downwardAPI: Required value: one of fieldRef and resourceFieldRef is required"},
		},
		{
			name: "negative emptyDir size",
			mutate: vol(corev1.Volume{Name: "scratch", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{
				SizeLimit: ptr(resource.MustParse("-1Gi"))}}}),
			want: []string{"spec.volumes[0].emptyDir.sizeLimit: Forbidden: SizeLimit field must be a valid resource quantity"},
		},
		{
			name: "short-lived token",
			mutate: func(p *corev1.Pod) {
				p.Spec.ServiceAccountName = "default"
				p.Spec.Volumes = []corev1.Volume{{Name: "token", VolumeSource: corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{
					Sources: []corev1.VolumeProjection{{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{
						Path: "token", ExpirationSeconds: ptr(int64(60))}}}}}}}
			},
			want: []string{"spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes"},
		},
	})
}
