// Metadata: the rules for an object's names and labels, which no schema
// expresses.
//
// Interface:
//   - validateMetadata(obj, root) checks metadata.name, generateName and
//     namespace with the kind's name rule, and labels and annotations, with
//     shared/validation's checks (the API server's own).
//
// The schema says metadata.name is a string; the API server also requires
// most names to be DNS-1123 subdomains ("Nginx" and "my_app" are not), and a
// few kinds something stricter or looser. Checking it here tells the user
// before any request.
package schema

import (
	"github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// nameRequired is the API server's detail for an object without a name.
const nameRequired = "name or generateName is required"

// groupKind names a kind without its version: name rules hold for every
// version.
type groupKind struct{ group, kind string }

// nameRule returns the rule metadata.name follows for a kind, as the API
// server's validation for that kind applies it. Unknown kinds (custom
// resources) get the common rule, a DNS-1123 subdomain.
func nameRule(gk groupKind) validation.ValidateNameFunc {
	switch gk {
	case groupKind{"", "Namespace"}, groupKind{"", "Service"}, groupKind{"apps", "StatefulSet"}:
		// These names become one DNS label: of a domain name, of a
		// Service's DNS name (a label since v1.37), of a pod's hostname.
		return validation.NameIsDNSLabel
	}
	if gk.group == "rbac.authorization.k8s.io" {
		return validation.ValidatePathSegmentName // "system:controller:…"
	}
	return validation.NameIsDNSSubdomain
}

// validateMetadata checks obj's metadata, found at root.metadata. Values
// that are not strings (and a metadata that is not an object) are left to
// the schema to report. An object needs a name, or a generateName for the
// server to complete: without either (metadata absent or null included)
// it is the API server's "name or generateName is required".
func validateMetadata(obj map[string]any, root *field.Path) field.ErrorList {
	if obj["metadata"] == nil {
		return field.ErrorList{field.Required(root.Child("metadata", "name"), nameRequired)}
	}
	meta, ok := obj["metadata"].(map[string]any)
	if !ok {
		return nil
	}
	apiVersion, _ := obj["apiVersion"].(string)
	kind, _ := obj["kind"].(string)
	group, _, _ := ParseAPIVersion(apiVersion)
	rule := nameRule(groupKind{group, kind})

	p := root.Child("metadata")
	var errs field.ErrorList
	if isEmpty(meta["name"]) && isEmpty(meta["generateName"]) {
		errs = append(errs, field.Required(p.Child("name"), nameRequired))
	}
	check := func(name string, rule validation.ValidateNameFunc, prefix bool) {
		if s, ok := meta[name].(string); ok && s != "" {
			for _, msg := range rule(s, prefix) {
				errs = append(errs, field.Invalid(p.Child(name), s, msg))
			}
		}
	}
	check("name", rule, false)
	check("generateName", rule, true) // a prefix: may end in "-"
	check("namespace", validation.ValidateNamespaceName, false)
	errs = append(errs, validation.ValidateLabels(stringMap(meta["labels"]), p.Child("labels"))...)
	errs = append(errs, validation.ValidateAnnotations(stringMap(meta["annotations"]), p.Child("annotations"))...)
	return errs
}

// isEmpty reports a name that is not set: absent, null or "". A value of
// another type is set (wrongly), which the schema reports.
func isEmpty(v any) bool {
	return v == nil || v == ""
}

// stringMap keeps the string entries of a map.
func stringMap(v any) map[string]string {
	m, _ := v.(map[string]any)
	out := make(map[string]string, len(m))
	for k, v := range m {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}
