// Storage and quota columns: PersistentVolumes, PersistentVolumeClaims
// and ResourceQuotas.
//
// Interface:
//   - persistentVolumeColumns: CAPACITY, ACCESS MODES ("RWO,ROX"),
//     RECLAIM POLICY, STATUS, CLAIM ("ns/name"), STORAGECLASS, ...
//   - persistentVolumeClaimColumns: STATUS, VOLUME, CAPACITY, ...
//   - resourceQuotaColumns: REQUEST and LIMIT as "cpu: 500m/2, pods: 3/10".
//
// Talk 002, "Persistent volumes": a claim is bound to a volume; these
// columns show which and how large.

package scheme

import (
	"fmt"
	"slices"
	"strings"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// betaStorageClassAnnotation is the older way to name a storage class,
// still honoured before spec.storageClassName.
const betaStorageClassAnnotation = "volume.beta.kubernetes.io/storage-class"

func persistentVolumeColumns() []Column {
	type PV = corev1.PersistentVolume
	return []Column{
		NameColumn(),
		{Name: "Capacity", Type: "string", Description: "The volume's size.",
			Cell: cellOf(func(pv *PV, _ time.Time) any { q := pv.Spec.Capacity[corev1.ResourceStorage]; return q.String() })},
		{Name: "Access Modes", Type: "string", Description: "RWO, ROX, RWX and RWOP, as the volume allows.",
			Cell: cellOf(func(pv *PV, _ time.Time) any { return accessModes(pv.Spec.AccessModes) })},
		{Name: "Reclaim Policy", Type: "string", Description: "What happens to the volume when its claim is deleted.",
			Cell: cellOf(func(pv *PV, _ time.Time) any { return string(pv.Spec.PersistentVolumeReclaimPolicy) })},
		{Name: "Status", Type: "string", Description: "Available, Bound, Released or Failed; Terminating while deleted.",
			Cell: cellOf(func(pv *PV, _ time.Time) any {
				if pv.DeletionTimestamp != nil {
					return "Terminating"
				}
				return string(pv.Status.Phase)
			})},
		{Name: "Claim", Type: "string", Description: "The claim bound to the volume, as namespace/name.",
			Cell: cellOf(func(pv *PV, _ time.Time) any {
				if r := pv.Spec.ClaimRef; r != nil {
					return r.Namespace + "/" + r.Name
				}
				return ""
			})},
		{Name: "StorageClass", Type: "string", Description: "The volume's storage class.",
			Cell: cellOf(func(pv *PV, _ time.Time) any {
				if c, ok := pv.Annotations[betaStorageClassAnnotation]; ok {
					return c
				}
				return pv.Spec.StorageClassName
			})},
		{Name: "VolumeAttributesClass", Type: "string", Description: "The volume's attributes class; this project has none.",
			Cell: func(_ metav1.Object, _ time.Time) any { return "<unset>" }},
		{Name: "Reason", Type: "string", Description: "Why the volume is in its phase.",
			Cell: cellOf(func(pv *PV, _ time.Time) any { return pv.Status.Reason })},
		AgeColumn(),
		{Name: "VolumeMode", Type: "string", Priority: 1, Description: "Filesystem or Block.",
			Cell: cellOf(func(pv *PV, _ time.Time) any { return volumeMode(pv.Spec.VolumeMode) })},
	}
}

func persistentVolumeClaimColumns() []Column {
	type PVC = corev1.PersistentVolumeClaim
	bound := func(f func(*PVC) string) func(*PVC, time.Time) any {
		return func(c *PVC, _ time.Time) any {
			if c.Spec.VolumeName == "" {
				return ""
			}
			return f(c)
		}
	}
	return []Column{
		NameColumn(),
		{Name: "Status", Type: "string", Description: "Pending, Bound or Lost; Terminating while deleted.",
			Cell: cellOf(func(c *PVC, _ time.Time) any {
				if c.DeletionTimestamp != nil {
					return "Terminating"
				}
				return string(c.Status.Phase)
			})},
		{Name: "Volume", Type: "string", Description: "The volume bound to the claim.",
			Cell: cellOf(func(c *PVC, _ time.Time) any { return c.Spec.VolumeName })},
		{Name: "Capacity", Type: "string", Description: "The bound volume's size.",
			Cell: cellOf(bound(func(c *PVC) string { q := c.Status.Capacity[corev1.ResourceStorage]; return q.String() }))},
		{Name: "Access Modes", Type: "string", Description: "The access modes of the bound volume.",
			Cell: cellOf(bound(func(c *PVC) string { return accessModes(c.Status.AccessModes) }))},
		{Name: "StorageClass", Type: "string", Description: "The claim's storage class.",
			Cell: cellOf(func(c *PVC, _ time.Time) any {
				if v, ok := c.Annotations[betaStorageClassAnnotation]; ok {
					return v
				}
				if c.Spec.StorageClassName != nil {
					return *c.Spec.StorageClassName
				}
				return ""
			})},
		{Name: "VolumeAttributesClass", Type: "string", Description: "The claim's attributes class; this project has none.",
			Cell: func(_ metav1.Object, _ time.Time) any { return "<unset>" }},
		AgeColumn(),
		{Name: "VolumeMode", Type: "string", Priority: 1, Description: "Filesystem or Block.",
			Cell: cellOf(func(c *PVC, _ time.Time) any { return volumeMode(c.Spec.VolumeMode) })},
	}
}

// accessModes abbreviates access modes in a fixed order: RWO, ROX, RWX,
// RWOP.
func accessModes(modes []corev1.PersistentVolumeAccessMode) string {
	var out []string
	for _, m := range []struct {
		mode  corev1.PersistentVolumeAccessMode
		short string
	}{{corev1.ReadWriteOnce, "RWO"}, {corev1.ReadOnlyMany, "ROX"}, {corev1.ReadWriteMany, "RWX"}, {corev1.ReadWriteOncePod, "RWOP"}} {
		if slices.Contains(modes, m.mode) {
			out = append(out, m.short)
		}
	}
	return strings.Join(out, ",")
}

func volumeMode(m *corev1.PersistentVolumeMode) string {
	if m == nil {
		return "<unset>"
	}
	return string(*m)
}

func resourceQuotaColumns() []Column {
	return []Column{
		// Upstream puts AGE before the usage columns for quotas only.
		NameColumn(),
		AgeColumn(),
		{Name: "Request", Type: "string", Description: "Used and hard amounts of every resource that is not a limit.",
			Cell: cellOf(func(q *corev1.ResourceQuota, _ time.Time) any { r, _ := quotaUsage(q); return r })},
		{Name: "Limit", Type: "string", Description: "Used and hard amounts of the limits.* resources.",
			Cell: cellOf(func(q *corev1.ResourceQuota, _ time.Time) any { _, l := quotaUsage(q); return l })},
	}
}

// quotaUsage renders status.hard, sorted by resource name, as
// "name: used/hard" pairs; names starting with "limits." go to the limit
// column, the rest to the request column.
func quotaUsage(q *corev1.ResourceQuota) (request, limit string) {
	names := make([]string, 0, len(q.Status.Hard))
	for n := range q.Status.Hard {
		names = append(names, string(n))
	}
	slices.Sort(names)
	var req, lim []string
	for _, n := range names {
		used, hard := q.Status.Used[corev1.ResourceName(n)], q.Status.Hard[corev1.ResourceName(n)]
		pair := fmt.Sprintf("%s: %s/%s", n, used.String(), hard.String())
		if strings.HasPrefix(n, "limits.") {
			lim = append(lim, pair)
		} else {
			req = append(req, pair)
		}
	}
	return strings.Join(req, ", "), strings.Join(lim, ", ")
}
