// Package validation holds the name and value rules every Kubernetes object
// obeys: what a DNS subdomain, a label key, a label value, a port name or an
// IP address may look like.
//
// There are two layers, as upstream apimachinery has them:
//
//   - Is... functions (IsDNS1123Subdomain, IsQualifiedName, IsValidPortName,
//     ...) test one string and return plain messages, nil when it is valid.
//     Their messages are upstream's, word for word, so a student can compare
//     this project's errors with a real cluster's.
//   - Validate... functions (ValidateName, ValidateLabels,
//     ValidateAnnotations, ValidateObjectMeta) place those messages at a
//     field.Path and return a field.ErrorList.
//
// Usage:
//
//	errs := validation.ValidateName(field.NewPath("metadata", "name"), "My_App", false)
//	// metadata.name: Invalid value: "My_App": a lowercase RFC 1123 subdomain must ...
//	errs = append(errs, validation.ValidateLabels(labels, field.NewPath("metadata", "labels"))...)
//	if err := errs.ToAggregate(); err != nil { ... }
//
// Talk 000, "Client side validation": kubectl and the API server both check
// names and labels before anything is stored. Talk 002, "Labels": label keys
// and values follow the rules written down here.
package validation
