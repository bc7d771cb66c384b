// Volumes: the directories a pod's containers mount, and where their
// content comes from.
//
// Interface:
//   - validateVolumes: spec.volumes; returns the valid volumes by name,
//     which volumeMounts (container.go) look names up in.
//   - The per-source checks: emptyDir, hostPath, secret, configMap,
//     persistentVolumeClaim, downwardAPI, projected.
//   - localDescendingPath and localNonReservedPath: relative paths that
//     stay inside the volume.
//
// The sources are checked in upstream's order, which decides which one a
// "may not specify more than 1 volume type" error names.

package validation

import (
	"path/filepath"
	"slices"
	"strings"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

const (
	fileModeErrorMsg      = "must be a number between 0 and 0777 (octal), both inclusive"
	moreThanOneVolumeType = "may not specify more than 1 volume type"
)

// volumeFieldPaths are the pod fields a downward API volume may write,
// sorted as upstream lists them.
var volumeFieldPaths = []string{"metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"}

// hostPathTypes are the hostPath types, sorted ("" checks nothing).
var hostPathTypes = []corev1.HostPathType{
	corev1.HostPathUnset, corev1.HostPathBlockDev, corev1.HostPathCharDev, corev1.HostPathDirectory,
	corev1.HostPathDirectoryOrCreate, corev1.HostPathFile, corev1.HostPathFileOrCreate, corev1.HostPathSocket,
}

// validateVolumes checks each volume's name (a DNS label, unique) and
// source. Only volumes without errors are returned, so a mount of a
// broken volume is also reported as not found, as upstream does.
func validateVolumes(volumes []corev1.Volume, path *field.Path) (map[string]corev1.VolumeSource, field.ErrorList) {
	var errs field.ErrorList
	vols := map[string]corev1.VolumeSource{}
	for i, v := range volumes {
		idx := path.Index(i)
		el := volumeSource(&v.VolumeSource, idx)
		if v.Name == "" {
			el = append(el, field.Required(idx.Child("name"), ""))
		} else {
			el = append(el, dns1123Label(v.Name, idx.Child("name"))...)
		}
		if _, dup := vols[v.Name]; dup {
			el = append(el, field.Duplicate(idx.Child("name"), v.Name))
		}
		if len(el) == 0 {
			vols[v.Name] = v.VolumeSource
		} else {
			errs = append(errs, el...)
		}
	}
	return vols, errs
}

// volumeSource checks that exactly one source is set, and that source.
func volumeSource(src *corev1.VolumeSource, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	n := 0
	// one counts a set source and checks it, or reports it as one too
	// many. name is the path segment of the error.
	one := func(name string, set bool, check func() field.ErrorList) {
		if !set {
			return
		}
		if n > 0 {
			errs = append(errs, field.Forbidden(path.Child(name), moreThanOneVolumeType))
			return
		}
		n++
		errs = append(errs, check()...)
	}
	if src.EmptyDir != nil {
		// emptyDir is checked even when another source came first: it is
		// upstream's first source, so it can never be the extra one.
		n++
		if l := src.EmptyDir.SizeLimit; l != nil && l.Sign() < 0 {
			errs = append(errs, field.Forbidden(path.Child("emptyDir", "sizeLimit"), "SizeLimit field must be a valid resource quantity"))
		}
	}
	one("hostPath", src.HostPath != nil, func() field.ErrorList { return hostPathSource(src.HostPath, path.Child("hostPath")) })
	one("secret", src.Secret != nil, func() field.ErrorList { return secretSource(src.Secret, path.Child("secret")) })
	one("persistentVolumeClaim", src.PersistentVolumeClaim != nil, func() field.ErrorList {
		if src.PersistentVolumeClaim.ClaimName == "" {
			return field.ErrorList{field.Required(path.Child("persistentVolumeClaim", "claimName"), "")}
		}
		return nil
	})
	// "downwarAPI" is upstream's spelling in this one message.
	one("downwarAPI", src.DownwardAPI != nil, func() field.ErrorList { return downwardAPISource(src.DownwardAPI, path.Child("downwardAPI")) })
	one("configMap", src.ConfigMap != nil, func() field.ErrorList { return configMapSource(src.ConfigMap, path.Child("configMap")) })
	one("projected", src.Projected != nil, func() field.ErrorList { return projectedSource(src.Projected, path.Child("projected")) })
	if n == 0 {
		errs = append(errs, field.Required(path, "must specify a volume type"))
	}
	return errs
}

// hostPathSource checks a hostPath: a path without "..", a known type.
func hostPathSource(h *corev1.HostPathVolumeSource, path *field.Path) field.ErrorList {
	if h.Path == "" {
		return field.ErrorList{field.Required(path.Child("path"), "")}
	}
	errs := pathNoBacksteps(h.Path, path.Child("path"))
	if h.Type != nil && !slices.Contains(hostPathTypes, *h.Type) {
		errs = append(errs, field.NotSupported(path.Child("type"), string(*h.Type), hostPathTypes))
	}
	return errs
}

func secretSource(s *corev1.SecretVolumeSource, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if s.SecretName == "" {
		errs = append(errs, field.Required(path.Child("secretName"), ""))
	}
	errs = append(errs, fileMode(s.DefaultMode, path.Child("defaultMode"))...)
	for i, kp := range s.Items {
		errs = append(errs, keyToPath(&kp, path.Child("items").Index(i))...)
	}
	return errs
}

func configMapSource(c *corev1.ConfigMapVolumeSource, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if c.Name == "" {
		errs = append(errs, field.Required(path.Child("name"), ""))
	}
	errs = append(errs, fileMode(c.DefaultMode, path.Child("defaultMode"))...)
	for i, kp := range c.Items {
		errs = append(errs, keyToPath(&kp, path.Child("items").Index(i))...)
	}
	return errs
}

// keyToPath checks one key mapped to a file inside the volume.
func keyToPath(kp *corev1.KeyToPath, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if kp.Key == "" {
		errs = append(errs, field.Required(path.Child("key"), ""))
	}
	if kp.Path == "" {
		errs = append(errs, field.Required(path.Child("path"), ""))
	}
	errs = append(errs, localNonReservedPath(kp.Path, path.Child("path"))...)
	return append(errs, fileMode(kp.Mode, path.Child("mode"))...)
}

// fileMode checks a file permission, written in decimal in JSON.
func fileMode(mode *int32, path *field.Path) field.ErrorList {
	if mode != nil && (*mode > 0777 || *mode < 0) {
		return field.ErrorList{field.Invalid(path, *mode, fileModeErrorMsg)}
	}
	return nil
}

// downwardAPISource checks a downward API volume. As upstream, its
// files' errors are reported at the volume's path, not at items[i].
func downwardAPISource(d *corev1.DownwardAPIVolumeSource, path *field.Path) field.ErrorList {
	errs := fileMode(d.DefaultMode, path.Child("defaultMode"))
	for _, f := range d.Items {
		errs = append(errs, downwardAPIFile(&f, path)...)
	}
	return errs
}

// downwardAPIFile checks one file: a relative path, and exactly one of a
// pod field and a container resource.
func downwardAPIFile(f *corev1.DownwardAPIVolumeFile, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if f.Path == "" {
		errs = append(errs, field.Required(path.Child("path"), ""))
	}
	errs = append(errs, localNonReservedPath(f.Path, path.Child("path"))...)
	switch {
	case f.FieldRef != nil:
		errs = append(errs, objectFieldSelector(f.FieldRef, volumeFieldPaths, path.Child("fieldRef"))...)
		if f.ResourceFieldRef != nil {
			errs = append(errs, field.Invalid(path, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"))
		}
	case f.ResourceFieldRef != nil:
		errs = append(errs, resourceFieldSelector(f.ResourceFieldRef, true, path.Child("resourceFieldRef"))...)
	default:
		errs = append(errs, field.Required(path, "one of fieldRef and resourceFieldRef is required"))
	}
	return append(errs, fileMode(f.Mode, path.Child("mode"))...)
}

// projectedSource checks a projected volume: one source per entry, and
// no file path written twice across all of them.
func projectedSource(p *corev1.ProjectedVolumeSource, path *field.Path) field.ErrorList {
	errs := fileMode(p.DefaultMode, path.Child("defaultMode"))
	var paths []string
	claim := func(file, name string) {
		if file == "" {
			return
		}
		if slices.Contains(paths, file) {
			errs = append(errs, field.Invalid(path, name, "conflicting duplicate paths"))
		}
		paths = append(paths, file)
	}
	for i, s := range p.Sources {
		src := path.Child("sources").Index(i)
		n := 0
		if s.Secret != nil {
			n++
			if s.Secret.Name == "" {
				errs = append(errs, field.Required(src.Child("secret", "name"), ""))
			}
			for j, kp := range s.Secret.Items {
				errs = append(errs, keyToPath(&kp, src.Child("secret", "items").Index(j))...)
				claim(kp.Path, s.Secret.Name)
			}
		}
		if s.ConfigMap != nil {
			n++
			if s.ConfigMap.Name == "" {
				errs = append(errs, field.Required(src.Child("configMap", "name"), ""))
			}
			for j, kp := range s.ConfigMap.Items {
				errs = append(errs, keyToPath(&kp, src.Child("configMap", "items").Index(j))...)
				claim(kp.Path, s.ConfigMap.Name)
			}
		}
		if s.DownwardAPI != nil {
			n++
			for _, f := range s.DownwardAPI.Items {
				errs = append(errs, downwardAPIFile(&f, src.Child("downwardAPI"))...)
				claim(f.Path, f.Path)
			}
		}
		if t := s.ServiceAccountToken; t != nil {
			n++
			errs = append(errs, serviceAccountToken(t, src.Child("serviceAccountToken"), path)...)
		}
		if n > 1 {
			errs = append(errs, field.Forbidden(src, moreThanOneVolumeType))
		}
	}
	return errs
}

// serviceAccountToken checks a projected token: it lives at least ten
// minutes (the kubelet refreshes it at 80% of its life) and at most 2^32
// seconds. As upstream, a missing path is reported at the volume's path.
func serviceAccountToken(t *corev1.ServiceAccountTokenProjection, path, volumePath *field.Path) field.ErrorList {
	var errs field.ErrorList
	if t.ExpirationSeconds != nil {
		if *t.ExpirationSeconds < 10*60 {
			errs = append(errs, field.Invalid(path.Child("expirationSeconds"), *t.ExpirationSeconds, "may not specify a duration less than 10 minutes"))
		}
		if *t.ExpirationSeconds > 1<<32 {
			errs = append(errs, field.Invalid(path.Child("expirationSeconds"), *t.ExpirationSeconds, "may not specify a duration larger than 2^32 seconds"))
		}
	}
	if t.Path == "" {
		return append(errs, field.Required(volumePath.Child("path"), ""))
	}
	return append(errs, localNonReservedPath(t.Path, volumePath.Child("path"))...)
}

// localDescendingPath checks a path that must stay inside a directory:
// relative, without "..".
func localDescendingPath(p string, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if strings.HasPrefix(filepath.ToSlash(p), "/") {
		errs = append(errs, field.Invalid(path, p, "must be a relative path"))
	}
	return append(errs, pathNoBacksteps(p, path)...)
}

// localNonReservedPath is localDescendingPath that also refuses names
// starting with ".." (the kubelet's atomic writer keeps its own
// "..data" entries there).
func localNonReservedPath(p string, path *field.Path) field.ErrorList {
	errs := localDescendingPath(p, path)
	if strings.HasPrefix(p, "..") && !strings.HasPrefix(p, "../") {
		errs = append(errs, field.Invalid(path, p, "must not start with '..'"))
	}
	return errs
}

// pathNoBacksteps rejects a ".." element anywhere in p; one error is
// enough however many there are.
func pathNoBacksteps(p string, path *field.Path) field.ErrorList {
	if slices.Contains(strings.Split(filepath.ToSlash(p), "/"), "..") {
		return field.ErrorList{field.Invalid(path, p, "must not contain '..'")}
	}
	return nil
}
