package validation

import (
	"strings"
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

func validClaim() *corev1.PersistentVolumeClaim {
	return &corev1.PersistentVolumeClaim{
		ObjectMeta: metav1.ObjectMeta{Name: "data", Namespace: "default"},
		Spec: corev1.PersistentVolumeClaimSpec{
			AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
			Resources:   corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{"storage": resource.MustParse("1Gi")}},
			VolumeMode:  ptr(corev1.PersistentVolumeFilesystem),
		},
	}
}

func validVolume() *corev1.PersistentVolume {
	return &corev1.PersistentVolume{
		ObjectMeta: metav1.ObjectMeta{Name: "pv-1"},
		Spec: corev1.PersistentVolumeSpec{
			Capacity:                      corev1.ResourceList{"storage": resource.MustParse("10Gi")},
			PersistentVolumeSource:        corev1.PersistentVolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/mnt/pv-1"}},
			AccessModes:                   []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
			PersistentVolumeReclaimPolicy: corev1.PersistentVolumeReclaimRetain,
			VolumeMode:                    ptr(corev1.PersistentVolumeFilesystem),
		},
	}
}

// Talk 002, "Persistent Volumes": the binder matches claims to volumes
// by size and access mode, so both must be given.
func TestValidateClaim(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*corev1.PersistentVolumeClaim)
		want   []string
	}{
		{name: "valid", mutate: func(*corev1.PersistentVolumeClaim) {}},
		{
			name: "no access mode, no size",
			mutate: func(c *corev1.PersistentVolumeClaim) {
				c.Spec.AccessModes, c.Spec.Resources.Requests = nil, nil
			},
			want: []string{"spec.accessModes: Required value: at least 1 access mode is required", "spec.resources[storage]: Required value"},
		},
		{
			name: "ReadWriteOncePod with another mode, zero size",
			mutate: func(c *corev1.PersistentVolumeClaim) {
				c.Spec.AccessModes = append(c.Spec.AccessModes, corev1.ReadWriteOncePod)
				c.Spec.Resources.Requests["storage"] = resource.MustParse("0")
			},
			want: []string{
				"spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes",
				`spec.resources[storage]: Invalid value: "0": must be greater than zero`,
			},
		},
		{
			name: "unknown access mode",
			mutate: func(c *corev1.PersistentVolumeClaim) {
				c.Spec.AccessModes = []corev1.PersistentVolumeAccessMode{"ReadWriteAll"}
			},
			want: []string{`spec.accessModes: Unsupported value: "ReadWriteAll": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := validClaim()
			tc.mutate(c)
			checkErrors(t, ValidateCreate(c), tc.want...)
		})
	}
}

func TestValidateVolume(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*corev1.PersistentVolume)
		want   []string
	}{
		{name: "valid", mutate: func(*corev1.PersistentVolume) {}},
		{
			name: "capacity in cpu",
			mutate: func(v *corev1.PersistentVolume) {
				v.Spec.Capacity = corev1.ResourceList{"cpu": resource.MustParse("1")}
			},
			want: []string{`spec.capacity: Unsupported value: {"cpu":"1"}: supported values: "storage"`},
		},
		{
			name:   "no source",
			mutate: func(v *corev1.PersistentVolume) { v.Spec.HostPath = nil },
			want:   []string{"spec: Required value: must specify a volume type"},
		},
		{
			name: "recycling the node's root",
			mutate: func(v *corev1.PersistentVolume) {
				v.Spec.HostPath.Path = "//"
				v.Spec.PersistentVolumeReclaimPolicy = corev1.PersistentVolumeReclaimRecycle
			},
			want: []string{"spec.persistentVolumeReclaimPolicy: Forbidden: may not be 'recycle' for a hostPath mount of '/'"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := validVolume()
			tc.mutate(v)
			checkErrors(t, ValidateCreate(v), tc.want...)
		})
	}
}

// A claim is fixed once created, except for binding and growing.
func TestClaimUpdate(t *testing.T) {
	bound := func(c *corev1.PersistentVolumeClaim) {
		c.Spec.VolumeName = "pv-1"
		c.Status.Phase = corev1.ClaimBound
		c.Status.Capacity = corev1.ResourceList{"storage": resource.MustParse("1Gi")}
	}
	// Bound by the binder: volumeName set once.
	old, c := validClaim(), validClaim()
	c.Spec.VolumeName = "pv-1"
	checkErrors(t, ValidateUpdate(c, old))

	// Expanded while bound.
	old, c = validClaim(), validClaim()
	bound(old)
	bound(c)
	c.Spec.Resources.Requests["storage"] = resource.MustParse("5Gi")
	checkErrors(t, ValidateUpdate(c, old))

	// Shrunk below what it has.
	c.Spec.Resources.Requests["storage"] = resource.MustParse("512Mi")
	checkErrors(t, ValidateUpdate(c, old), "spec.resources.requests.storage: Forbidden: field can not be less than status.capacity")

	// Access modes changed.
	old, c = validClaim(), validClaim()
	c.Spec.AccessModes = []corev1.PersistentVolumeAccessMode{corev1.ReadWriteMany}
	errs := ValidateUpdate(c, old)
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n") {
		t.Errorf("got %v, want one spec-is-immutable error", errs)
	}
}
