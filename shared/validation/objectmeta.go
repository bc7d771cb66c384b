// Object metadata: the checks every object's metadata passes before it is
// stored, whatever its kind.
//
// Interface:
//   - ValidateNameFunc and NameIsDNSSubdomain, NameIsDNSLabel,
//     NameIsDNS1035Label, ValidatePathSegmentName, ValidateNamespaceName:
//     the per-kind name rule.
//   - ValidateName(path, name, dns1123Label) checks metadata.name.
//   - ValidateLabels, ValidateAnnotations check metadata.labels and
//     metadata.annotations (keys, values, total annotation size).
//   - ValidateObjectMeta checks a whole metav1.ObjectMeta on create.
//
// The API server (stage 2) runs these on create and update; kubectl's
// client-side validation (stage 1) runs them before sending.

package validation

import (
	"fmt"
	"slices"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// TotalAnnotationSizeLimitB is the largest total size, in bytes, of all of
// an object's annotation keys and values together: 256 KiB.
const TotalAnnotationSizeLimitB = 256 * (1 << 10)

// ValidateNameFunc checks a name for one kind. prefix is true when the
// value is a generateName, to which random characters will be appended, so
// a trailing '-' is allowed. It returns nil or messages (no path).
type ValidateNameFunc func(name string, prefix bool) []string

// NameIsDNSSubdomain is the name rule of most kinds (Deployments, Pods,
// ConfigMaps, ...).
func NameIsDNSSubdomain(name string, prefix bool) []string {
	if prefix {
		name = maskTrailingDash(name)
	}
	return IsDNS1123Subdomain(name)
}

// NameIsDNSLabel is the name rule of kinds whose names become one DNS label
// (Namespaces).
func NameIsDNSLabel(name string, prefix bool) []string {
	if prefix {
		name = maskTrailingDash(name)
	}
	return IsDNS1123Label(name)
}

// NameIsDNS1035Label is the name rule of Services.
func NameIsDNS1035Label(name string, prefix bool) []string {
	if prefix {
		name = maskTrailingDash(name)
	}
	return IsDNS1035Label(name)
}

// ValidateNamespaceName checks a namespace name: a DNS-1123 label.
var ValidateNamespaceName ValidateNameFunc = NameIsDNSLabel

// maskTrailingDash turns a generateName's final "-" (and the character
// before it) into "a", so the prefix passes the rule its generated names
// will have to pass.
func maskTrailingDash(name string) string {
	if len(name) > 1 && strings.HasSuffix(name, "-") {
		return name[:len(name)-2] + "a"
	}
	return name
}

// ValidatePathSegmentName is the loosest name rule, that of RBAC roles and
// bindings ("system:controller:deployment-controller"): the name only has
// to fit in one URL path segment. A prefix may be "." or "..", since
// characters will follow it.
func ValidatePathSegmentName(name string, prefix bool) []string {
	if prefix {
		var errs []string
		for _, bad := range []string{"/", "%"} {
			if strings.Contains(name, bad) {
				errs = append(errs, fmt.Sprintf("may not contain '%s'", bad))
			}
		}
		return errs
	}
	return IsValidPathSegmentName(name)
}

// ValidateName checks metadata.name at fldPath: it must be present, and a
// DNS-1123 label when dns1123Label is set or a DNS-1123 subdomain otherwise.
func ValidateName(fldPath *field.Path, name string, dns1123Label bool) field.ErrorList {
	if name == "" {
		return field.ErrorList{field.Required(fldPath, "name or generateName is required")}
	}
	rule := NameIsDNSSubdomain
	if dns1123Label {
		rule = NameIsDNSLabel
	}
	return nameErrors(fldPath, name, false, rule)
}

func nameErrors(fldPath *field.Path, name string, prefix bool, rule ValidateNameFunc) field.ErrorList {
	var errs field.ErrorList
	for _, msg := range rule(name, prefix) {
		errs = append(errs, field.Invalid(fldPath, name, msg))
	}
	return errs
}

// ValidateLabels checks every key (IsQualifiedName) and value
// (IsValidLabelValue) of labels. As upstream, errors carry fldPath itself
// (not fldPath[key]); the bad key or value is quoted in the message. Keys
// are visited in sorted order so the result is the same on every run.
func ValidateLabels(labels map[string]string, fldPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, k := range sortedKeys(labels) {
		errs = append(errs, ValidateLabelName(k, fldPath)...)
		for _, msg := range IsValidLabelValue(labels[k]) {
			errs = append(errs, field.Invalid(fldPath, labels[k], msg))
		}
	}
	return errs
}

// ValidateLabelName checks one label key.
func ValidateLabelName(labelName string, fldPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, msg := range IsQualifiedName(labelName) {
		errs = append(errs, field.Invalid(fldPath, labelName, msg))
	}
	return errs
}

// ValidateAnnotations checks that every annotation key is a qualified name
// (case does not matter) and that keys and values together stay within
// TotalAnnotationSizeLimitB. Values themselves are free text.
func ValidateAnnotations(annotations map[string]string, fldPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	total := 0
	for _, k := range sortedKeys(annotations) {
		for _, msg := range IsQualifiedName(strings.ToLower(k)) {
			errs = append(errs, field.Invalid(fldPath, k, msg))
		}
		total += len(k) + len(annotations[k])
	}
	if total > TotalAnnotationSizeLimitB {
		errs = append(errs, field.TooLong(fldPath, "", TotalAnnotationSizeLimitB))
	}
	return errs
}

// ValidateObjectMeta checks the metadata of an object being created, after
// any generateName has been turned into a name. namespaced says whether the
// kind lives in a namespace (then metadata.namespace is required, else
// forbidden); nameFn is the kind's name rule. fldPath is normally
// field.NewPath("metadata").
func ValidateObjectMeta(meta *metav1.ObjectMeta, namespaced bool, nameFn ValidateNameFunc, fldPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	if g := meta.GenerateName; g != "" {
		for _, msg := range nameFn(g, true) {
			errs = append(errs, field.Invalid(fldPath.Child("generateName"), g, msg))
		}
	}
	if meta.Name == "" {
		errs = append(errs, field.Required(fldPath.Child("name"), "name or generateName is required"))
	} else {
		errs = append(errs, nameErrors(fldPath.Child("name"), meta.Name, false, nameFn)...)
	}
	ns := meta.Namespace
	switch {
	case namespaced && ns == "":
		errs = append(errs, field.Required(fldPath.Child("namespace"), ""))
	case namespaced:
		for _, msg := range ValidateNamespaceName(ns, false) {
			errs = append(errs, field.Invalid(fldPath.Child("namespace"), ns, msg))
		}
	case ns != "":
		errs = append(errs, field.Forbidden(fldPath.Child("namespace"), "not allowed on this type"))
	}
	errs = append(errs, ValidateLabels(meta.Labels, fldPath.Child("labels"))...)
	errs = append(errs, ValidateAnnotations(meta.Annotations, fldPath.Child("annotations"))...)
	return errs
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
