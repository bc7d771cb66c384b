// Namespaces: the scopes names live in.
//
// Interface:
//   - validateNamespace: a DNS-1123 label name (it becomes part of DNS
//     names: <service>.<namespace>.svc), and spec.finalizers.
//   - validateNamespaceStatus: the phase follows the deletion timestamp.

package validation

import (
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// validateNamespace checks a Namespace. As upstream, spec.finalizers
// errors carry the list's path without an index.
func validateNamespace(ns *corev1.Namespace) field.ErrorList {
	errs := objectMeta(ns, nameIsDNSLabel)
	path := field.NewPath("spec", "finalizers")
	for _, f := range ns.Spec.Finalizers {
		errs = append(errs, qualifiedName(string(f), path)...)
		errs = append(errs, kubeFinalizerName(string(f), path)...)
	}
	return errs
}

// validateNamespaceStatus: a namespace is Active until it is deleted and
// Terminating afterwards, whatever a client writes.
func validateNamespaceStatus(ns *corev1.Namespace) field.ErrorList {
	// Upstream spells this path with a capital P.
	path := field.NewPath("status", "Phase")
	if ns.DeletionTimestamp == nil {
		if ns.Status.Phase != corev1.NamespaceActive {
			return field.ErrorList{field.Invalid(path, string(ns.Status.Phase), "may only be 'Active' if `deletionTimestamp` is empty")}
		}
		return nil
	}
	if ns.Status.Phase != corev1.NamespaceTerminating {
		return field.ErrorList{field.Invalid(path, string(ns.Status.Phase), "may only be 'Terminating' if `deletionTimestamp` is not empty")}
	}
	return nil
}
