// Persistent storage: volumes (PersistentVolume) and the claims pods
// make on them (PersistentVolumeClaim).
//
// Interface:
//   - validatePersistentVolume / ...Update: access modes, capacity (only
//     storage), one source, reclaim policy; the source never changes.
//   - validatePersistentVolumeClaim / ...Update / ...Status: access modes
//     and a storage request are required; once created, the spec is
//     fixed except for binding (volumeName) and growing a bound claim.
//
// Talk 002, "Persistent Volumes": the binder matches claims to volumes by
// class, size and access mode, so these are what must be right.

package validation

import (
	pathpkg "path"
	"slices"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// The access modes, reclaim policies and volume modes, sorted as
// upstream lists them.
var (
	accessModes     = []corev1.PersistentVolumeAccessMode{corev1.ReadOnlyMany, corev1.ReadWriteMany, corev1.ReadWriteOnce, corev1.ReadWriteOncePod}
	reclaimPolicies = []corev1.PersistentVolumeReclaimPolicy{corev1.PersistentVolumeReclaimDelete, corev1.PersistentVolumeReclaimRecycle, corev1.PersistentVolumeReclaimRetain}
	volumeModes     = []corev1.PersistentVolumeMode{corev1.PersistentVolumeBlock, corev1.PersistentVolumeFilesystem}
)

// validAccessModes checks a list of access modes: each known, and
// ReadWriteOncePod alone (it promises a single user).
func validAccessModes(modes []corev1.PersistentVolumeAccessMode, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	oncePod, other := false, false
	for _, m := range modes {
		if !slices.Contains(accessModes, m) {
			errs = append(errs, field.NotSupported(path, string(m), accessModes))
		}
		oncePod = oncePod || m == corev1.ReadWriteOncePod
		other = other || (m != corev1.ReadWriteOncePod && slices.Contains(accessModes, m))
	}
	if oncePod && other {
		errs = append(errs, field.Forbidden(path, "may not use ReadWriteOncePod with other access modes"))
	}
	return errs
}

func validatePersistentVolume(pv *corev1.PersistentVolume) field.ErrorList {
	s := &pv.Spec
	spec := field.NewPath("spec")
	errs := objectMeta(pv, nameIsDNSSubdomain)
	if len(s.AccessModes) == 0 {
		errs = append(errs, field.Required(spec.Child("accessModes"), ""))
	}
	errs = append(errs, validAccessModes(s.AccessModes, spec.Child("accessModes"))...)
	capPath := spec.Child("capacity")
	if len(s.Capacity) == 0 {
		errs = append(errs, field.Required(capPath, ""))
	}
	if _, ok := s.Capacity[corev1.ResourceStorage]; !ok || len(s.Capacity) > 1 {
		errs = append(errs, field.NotSupported(capPath, s.Capacity, []corev1.ResourceName{corev1.ResourceStorage}))
	}
	for _, name := range sortedKeys(s.Capacity) {
		errs = append(errs, basicResource(s.Capacity[name], capPath.Key(string(name)))...)
		if q := s.Capacity[name]; q.Sign() <= 0 {
			errs = append(errs, field.Invalid(capPath.Key(string(name)), q.String(), isNotPositiveErrorMsg))
		}
	}
	if p := s.PersistentVolumeReclaimPolicy; p != "" {
		errs = append(errs, oneOfOrUnsupported(p, spec.Child("persistentVolumeReclaimPolicy"), reclaimPolicies...)...)
	}
	// hostPath is the only source this project's PersistentVolume has.
	if s.HostPath == nil {
		errs = append(errs, field.Required(spec, "must specify a volume type"))
	} else {
		errs = append(errs, hostPathSource(s.HostPath, spec.Child("hostPath"))...)
		// Recycling runs "rm -rf" on the volume: never on the node's root.
		if pathpkg.Clean(s.HostPath.Path) == "/" && s.PersistentVolumeReclaimPolicy == corev1.PersistentVolumeReclaimRecycle {
			errs = append(errs, field.Forbidden(spec.Child("persistentVolumeReclaimPolicy"), "may not be 'recycle' for a hostPath mount of '/'"))
		}
	}
	if s.StorageClassName != "" {
		errs = append(errs, nameRule(nameIsDNSSubdomain, s.StorageClassName, spec.Child("storageClassName"))...)
	}
	if s.VolumeMode != nil {
		errs = append(errs, oneOfOrUnsupported(*s.VolumeMode, spec.Child("volumeMode"), volumeModes...)...)
	}
	return errs
}

// basicResource is upstream's check of a volume size: not negative.
func basicResource(q resource.Quantity, path *field.Path) field.ErrorList {
	if q.Value() < 0 {
		return field.ErrorList{field.Invalid(path, q.Value(), "must be a valid resource quantity")}
	}
	return nil
}

// validatePersistentVolumeUpdate: the storage behind a volume never
// changes, nor its mode. (Upstream reports volumeMode without "spec.".)
func validatePersistentVolumeUpdate(pv, old *corev1.PersistentVolume) field.ErrorList {
	var errs field.ErrorList
	if !semanticEqual(pv.Spec.PersistentVolumeSource, old.Spec.PersistentVolumeSource) {
		errs = append(errs, field.Forbidden(field.NewPath("spec", "persistentvolumesource"),
			"spec.persistentvolumesource is immutable after creation\n"+semanticDiff(old.Spec.PersistentVolumeSource, pv.Spec.PersistentVolumeSource)))
	}
	return append(errs, immutable(pv.Spec.VolumeMode, old.Spec.VolumeMode, field.NewPath("volumeMode"))...)
}

func validatePersistentVolumeClaim(pvc *corev1.PersistentVolumeClaim) field.ErrorList {
	s := &pvc.Spec
	spec := field.NewPath("spec")
	errs := objectMeta(pvc, nameIsDNSSubdomain)
	if len(s.AccessModes) == 0 {
		errs = append(errs, field.Required(spec.Child("accessModes"), "at least 1 access mode is required"))
	}
	errs = append(errs, labelSelector(s.Selector, spec.Child("selector"))...)
	errs = append(errs, validAccessModes(s.AccessModes, spec.Child("accessModes"))...)
	storagePath := spec.Child("resources").Key(string(corev1.ResourceStorage))
	if q, ok := s.Resources.Requests[corev1.ResourceStorage]; !ok {
		errs = append(errs, field.Required(storagePath, ""))
	} else if q.Sign() <= 0 {
		errs = append(errs, field.Invalid(storagePath, q.String(), isNotPositiveErrorMsg))
	} else {
		errs = append(errs, resourceQuantity(string(corev1.ResourceStorage), q, storagePath)...)
	}
	if c := s.StorageClassName; c != nil && *c != "" {
		errs = append(errs, nameRule(nameIsDNSSubdomain, *c, spec.Child("storageClassName"))...)
	}
	if s.VolumeMode != nil {
		errs = append(errs, oneOfOrUnsupported(*s.VolumeMode, spec.Child("volumeMode"), volumeModes...)...)
	}
	return errs
}

// validatePersistentVolumeClaimUpdate: claims are immutable so that
// quota and limit ranges cannot be dodged by editing them after
// admission. The binder sets volumeName once; a bound claim may ask for
// more storage (volume expansion), or less, but not below what it has.
func validatePersistentVolumeClaimUpdate(pvc, old *corev1.PersistentVolumeClaim) field.ErrorList {
	var errs field.ErrorList
	newSpec, oldSpec := pvc.Spec, old.Spec
	if oldSpec.VolumeName == "" {
		oldSpec.VolumeName = newSpec.VolumeName
	}
	if oldSpec.StorageClassName == nil {
		oldSpec.StorageClassName = newSpec.StorageClassName
	}
	if pvc.Status.Phase == corev1.ClaimBound && newSpec.Resources.Requests != nil {
		requests := corev1.ResourceList{}
		for k, v := range newSpec.Resources.Requests {
			requests[k] = v
		}
		requests[corev1.ResourceStorage] = old.Spec.Resources.Requests[corev1.ResourceStorage]
		newSpec.Resources.Requests = requests
	}
	if !semanticEqual(newSpec, oldSpec) {
		errs = append(errs, field.Forbidden(field.NewPath("spec"),
			"spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n"+semanticDiff(oldSpec, newSpec)))
	}
	newSize, oldSize := pvc.Spec.Resources.Requests[corev1.ResourceStorage], old.Spec.Resources.Requests[corev1.ResourceStorage]
	if newSize.Cmp(oldSize) < 0 && newSize.Cmp(old.Status.Capacity[corev1.ResourceStorage]) <= 0 {
		errs = append(errs, field.Forbidden(field.NewPath("spec", "resources", "requests", "storage"), "field can not be less than status.capacity"))
	}
	return append(errs, immutable(pvc.Spec.VolumeMode, old.Spec.VolumeMode, field.NewPath("volumeMode"))...)
}

// validatePersistentVolumeClaimStatus checks a claim's status write.
// (Upstream spells the path "Spec.accessModes".)
func validatePersistentVolumeClaimStatus(pvc *corev1.PersistentVolumeClaim) field.ErrorList {
	var errs field.ErrorList
	if len(pvc.Spec.AccessModes) == 0 {
		errs = append(errs, field.Required(field.NewPath("Spec", "accessModes"), ""))
	}
	capPath := field.NewPath("status", "capacity")
	for _, name := range sortedKeys(pvc.Status.Capacity) {
		errs = append(errs, basicResource(pvc.Status.Capacity[name], capPath.Key(string(name)))...)
	}
	return errs
}
