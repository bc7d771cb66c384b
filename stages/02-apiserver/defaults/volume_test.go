package defaults

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

// Talk 000, "Write to etcd!": a pod's volumes are stored with their modes
// and token lifetimes filled in, which the kubelet (stage 5) then obeys.
func TestVolume(t *testing.T) {
	mode := func(m int32) *int32 { return &m }
	fieldRef := func(apiVersion string) *corev1.ObjectFieldSelector {
		return &corev1.ObjectFieldSelector{APIVersion: apiVersion, FieldPath: "metadata.labels"}
	}
	tests := []struct {
		name string
		in   corev1.VolumeSource
		want corev1.VolumeSource
	}{
		{name: "no source becomes emptyDir",
			in:   corev1.VolumeSource{},
			want: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}},
		{name: "emptyDir is left as is",
			in:   corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{Medium: corev1.StorageMediumMemory}},
			want: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{Medium: corev1.StorageMediumMemory}}},
		{name: "hostPath type is the empty string",
			in:   corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/var/log"}},
			want: corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/var/log", Type: ptr(corev1.HostPathUnset)}}},
		{name: "hostPath type kept",
			in:   corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/run/x.sock", Type: ptr(corev1.HostPathSocket)}},
			want: corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/run/x.sock", Type: ptr(corev1.HostPathSocket)}}},
		{name: "secret defaultMode 0644",
			in:   corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "tls"}},
			want: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "tls", DefaultMode: mode(420)}}},
		{name: "secret defaultMode kept, even 0",
			in:   corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "tls", DefaultMode: mode(0)}},
			want: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "tls", DefaultMode: mode(0)}}},
		{name: "configMap defaultMode 0644",
			in:   corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{LocalObjectReference: corev1.LocalObjectReference{Name: "cfg"}}},
			want: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{LocalObjectReference: corev1.LocalObjectReference{Name: "cfg"}, DefaultMode: mode(0o644)}}},
		{name: "downwardAPI defaultMode and item apiVersion",
			in: corev1.VolumeSource{DownwardAPI: &corev1.DownwardAPIVolumeSource{Items: []corev1.DownwardAPIVolumeFile{
				{Path: "labels", FieldRef: fieldRef("")}}}},
			want: corev1.VolumeSource{DownwardAPI: &corev1.DownwardAPIVolumeSource{DefaultMode: mode(420), Items: []corev1.DownwardAPIVolumeFile{
				{Path: "labels", FieldRef: fieldRef("v1")}}}}},
		{name: "projected: mode, token lifetime one hour, downward item apiVersion",
			in: corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{Sources: []corev1.VolumeProjection{
				{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{Path: "token"}},
				{DownwardAPI: &corev1.DownwardAPIProjection{Items: []corev1.DownwardAPIVolumeFile{{Path: "labels", FieldRef: fieldRef("")}}}},
				{ConfigMap: &corev1.ConfigMapProjection{LocalObjectReference: corev1.LocalObjectReference{Name: "kube-root-ca.crt"}}},
			}}},
			want: corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{DefaultMode: mode(420), Sources: []corev1.VolumeProjection{
				{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{Path: "token", ExpirationSeconds: ptr(int64(3600))}},
				{DownwardAPI: &corev1.DownwardAPIProjection{Items: []corev1.DownwardAPIVolumeFile{{Path: "labels", FieldRef: fieldRef("v1")}}}},
				{ConfigMap: &corev1.ConfigMapProjection{LocalObjectReference: corev1.LocalObjectReference{Name: "kube-root-ca.crt"}}},
			}}}},
		{name: "projected token lifetime kept",
			in: corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{DefaultMode: mode(0o400), Sources: []corev1.VolumeProjection{
				{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{Path: "token", ExpirationSeconds: ptr(int64(600))}}}}},
			want: corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{DefaultMode: mode(0o400), Sources: []corev1.VolumeProjection{
				{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{Path: "token", ExpirationSeconds: ptr(int64(600))}}}}}},
		{name: "persistentVolumeClaim has no defaults",
			in:   corev1.VolumeSource{PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: "data"}},
			want: corev1.VolumeSource{PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: "data"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := corev1.Volume{Name: "v", VolumeSource: tc.in}
			Volume(&got)
			if diff := cmp.Diff(corev1.Volume{Name: "v", VolumeSource: tc.want}, got); diff != "" {
				t.Errorf("Volume() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
