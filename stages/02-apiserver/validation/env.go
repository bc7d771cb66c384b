// Environment variables: names, and where values come from.
//
// Interface:
//   - validateEnv: spec.containers[*].env, each a literal value or one
//     valueFrom source (a pod field, a container resource, a ConfigMap
//     key or a Secret key).
//   - validateEnvFrom: whole ConfigMaps or Secrets imported at once.
//   - objectFieldSelector and resourceFieldSelector are shared with the
//     downward API volume (volume.go).
//
// Names follow the relaxed rule of v1.34 and later (KEP 4369): any
// printable ASCII character except '=', not just C identifiers.

package validation

import (
	"slices"
	"strings"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// The pod fields an env var may read, sorted as upstream lists them.
var envFieldPaths = []string{
	"metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
	"status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
}

// downwardFieldLabels are the field paths the v1 downward API converts at
// all; anything else fails with "field label not supported".
var downwardFieldLabels = []string{
	"metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
	"spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName",
	"status.phase", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
}

// The container resources a resourceFieldRef may read, sorted, and the
// prefixes of the huge page ones.
var (
	containerResourceFields   = []string{"limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"}
	containerResourcePrefixes = []string{"limits.hugepages-", "requests.hugepages-"}
)

// validateEnv checks each variable's name and its valueFrom, if any.
func validateEnv(vars []corev1.EnvVar, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, ev := range vars {
		idx := path.Index(i)
		if ev.Name == "" {
			errs = append(errs, field.Required(idx.Child("name"), ""))
		} else {
			errs = append(errs, invalidEach(idx.Child("name"), ev.Name, isRelaxedEnvVarName(ev.Name))...)
		}
		errs = append(errs, envVarValueFrom(ev, idx.Child("valueFrom"))...)
	}
	return errs
}

// envVarValueFrom checks that valueFrom names exactly one source and is
// not combined with a literal value.
func envVarValueFrom(ev corev1.EnvVar, path *field.Path) field.ErrorList {
	from := ev.ValueFrom
	if from == nil {
		return nil
	}
	var errs field.ErrorList
	n := 0
	if from.FieldRef != nil {
		n++
		errs = append(errs, objectFieldSelector(from.FieldRef, envFieldPaths, path.Child("fieldRef"))...)
	}
	if from.ResourceFieldRef != nil {
		n++
		errs = append(errs, resourceFieldSelector(from.ResourceFieldRef, false, path.Child("resourceFieldRef"))...)
	}
	if from.ConfigMapKeyRef != nil {
		n++
		errs = append(errs, keySelector(from.ConfigMapKeyRef.Name, from.ConfigMapKeyRef.Key, path.Child("configMapKeyRef"))...)
	}
	if from.SecretKeyRef != nil {
		n++
		errs = append(errs, keySelector(from.SecretKeyRef.Name, from.SecretKeyRef.Key, path.Child("secretKeyRef"))...)
	}
	switch {
	case n == 0:
		errs = append(errs, field.Invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"))
	case ev.Value != "":
		errs = append(errs, field.Invalid(path, "", "may not be specified when `value` is not empty"))
	case n > 1:
		errs = append(errs, field.Invalid(path, "", "may not have more than one field specified at a time"))
	}
	return errs
}

// objectFieldSelector checks a fieldRef: a v1 field path the downward
// API can convert, from the allowed list, or a labels or annotations
// subscript such as metadata.labels['app'].
func objectFieldSelector(fs *corev1.ObjectFieldSelector, allowed []string, path *field.Path) field.ErrorList {
	if fs.APIVersion == "" {
		return field.ErrorList{field.Required(path.Child("apiVersion"), "")}
	}
	if fs.FieldPath == "" {
		return field.ErrorList{field.Required(path.Child("fieldPath"), "")}
	}
	if fs.APIVersion != "v1" {
		return field.ErrorList{field.Invalid(path.Child("fieldPath"), fs.FieldPath,
			"error converting fieldPath: unsupported pod version: "+fs.APIVersion)}
	}
	base, subscript, subscripted := splitSubscript(fs.FieldPath)
	if !slices.Contains(downwardFieldLabels, base) {
		return field.ErrorList{field.Invalid(path.Child("fieldPath"), fs.FieldPath,
			"error converting fieldPath: field label not supported: "+fs.FieldPath)}
	}
	if subscripted {
		switch base {
		case "metadata.annotations":
			return qualifiedName(strings.ToLower(subscript), path)
		case "metadata.labels":
			return qualifiedName(subscript, path)
		}
		return field.ErrorList{field.Invalid(path, base, "does not support subscript")}
	}
	if !slices.Contains(allowed, base) {
		return field.ErrorList{field.NotSupported(path.Child("fieldPath"), base, allowed)}
	}
	return nil
}

// splitSubscript splits "metadata.labels['app']" into its base path and
// the key in brackets.
func splitSubscript(fieldPath string) (base, subscript string, ok bool) {
	open := strings.Index(fieldPath, "['")
	if open < 0 || !strings.HasSuffix(fieldPath, "']") {
		return fieldPath, "", false
	}
	return fieldPath[:open], fieldPath[open+2 : len(fieldPath)-2], true
}

// resourceFieldSelector checks a resourceFieldRef. In a volume the
// container must be named; in an env var it defaults to the container
// itself.
func resourceFieldSelector(fs *corev1.ResourceFieldSelector, inVolume bool, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	switch {
	case inVolume && fs.ContainerName == "":
		errs = append(errs, field.Required(path.Child("containerName"), ""))
	case fs.Resource == "":
		errs = append(errs, field.Required(path.Child("resource"), ""))
	case !slices.Contains(containerResourceFields, fs.Resource) && !hasAnyPrefix(fs.Resource, containerResourcePrefixes):
		errs = append(errs, field.NotSupported(path.Child("resource"), fs.Resource, containerResourceFields))
	}
	return append(errs, resourceDivisor(fs.Resource, fs.Divisor, path)...)
}

// The divisors each kind of resource accepts.
var (
	cpuDivisors  = []string{"1m", "1"}
	byteDivisors = []string{"1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"}
)

// resourceDivisor checks a divisor against its resource; an unset (zero)
// divisor means 1 and is always fine.
func resourceDivisor(name string, divisor resource.Quantity, path *field.Path) field.ErrorList {
	if divisor.IsZero() {
		return nil
	}
	d := divisor.String()
	bytes := "1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei"
	var msg string
	switch {
	case name == "limits.cpu" || name == "requests.cpu":
		if !slices.Contains(cpuDivisors, d) {
			msg = "only divisor's values 1m and 1 are supported with the cpu resource"
		}
	case name == "limits.memory" || name == "requests.memory":
		if !slices.Contains(byteDivisors, d) {
			msg = "only divisor's values " + bytes + " are supported with the memory resource"
		}
	case name == "limits.ephemeral-storage" || name == "requests.ephemeral-storage":
		if !slices.Contains(byteDivisors, d) {
			msg = "only divisor's values " + bytes + " are supported with the local ephemeral storage resource"
		}
	case hasAnyPrefix(name, containerResourcePrefixes):
		if !slices.Contains(byteDivisors, d) {
			msg = "only divisor's values " + bytes + " are supported with the hugepages resource"
		}
	}
	if msg == "" {
		return nil
	}
	return field.ErrorList{field.Invalid(path.Child("divisor"), name, msg)}
}

// keySelector checks a configMapKeyRef or secretKeyRef: the object name
// (upstream applies the Secret rule to both) and the key.
func keySelector(name, key string, path *field.Path) field.ErrorList {
	errs := nameRule(validateSecretName, name, path.Child("name"))
	if key == "" {
		return append(errs, field.Required(path.Child("key"), ""))
	}
	return append(errs, invalidEach(path.Child("key"), key, isConfigMapKey(key))...)
}

// validateEnvFrom checks each import: its prefix, and exactly one of
// configMapRef and secretRef. The name rule is applied as to a
// generateName, as upstream does.
func validateEnvFrom(sources []corev1.EnvFromSource, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, src := range sources {
		idx := path.Index(i)
		if src.Prefix != "" {
			errs = append(errs, invalidEach(idx.Child("prefix"), src.Prefix, isRelaxedEnvVarName(src.Prefix))...)
		}
		n := 0
		if src.ConfigMapRef != nil {
			n++
			errs = append(errs, envSourceName(src.ConfigMapRef.Name, idx.Child("configMapRef"))...)
		}
		if src.SecretRef != nil {
			n++
			errs = append(errs, envSourceName(src.SecretRef.Name, idx.Child("secretRef"))...)
		}
		switch {
		case n == 0:
			errs = append(errs, field.Invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"))
		case n > 1:
			errs = append(errs, field.Invalid(path, "", "may not have more than one field specified at a time"))
		}
	}
	return errs
}

func envSourceName(name string, path *field.Path) field.ErrorList {
	if name == "" {
		return field.ErrorList{field.Required(path.Child("name"), "")}
	}
	return invalidEach(path.Child("name"), name, nameIsDNSSubdomain(name, true))
}

// hasAnyPrefix reports whether s starts with one of prefixes.
func hasAnyPrefix(s string, prefixes []string) bool {
	return slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(s, p) })
}
