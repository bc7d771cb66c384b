// RBAC: Roles, ClusterRoles and the bindings that grant them.
//
// Interface:
//   - validateRole, validateClusterRole: every rule names verbs, and
//     either resources (with their API groups) or non-resource URLs; only
//     a ClusterRole may grant URLs, as only it applies outside a
//     namespace.
//   - validateRoleBinding, validateClusterRoleBinding: a roleRef to a Role
//     or ClusterRole of rbac.authorization.k8s.io, and well-formed
//     subjects.
//   - roleRefUnchanged: a binding's roleRef is fixed; to grant another
//     role, make another binding.
//
// Names only need to fit in a URL path segment, so that system roles
// such as "system:controller:deployment-controller" are valid. The RBAC
// authorizer (stage 2, talk 000 "Authorization chain") reads these.

package validation

import (
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

func validateRole(r *rbacv1.Role) field.ErrorList {
	errs := objectMeta(r, nameIsPathSegment)
	for i, rule := range r.Rules {
		errs = append(errs, policyRule(rule, true, field.NewPath("rules").Index(i))...)
	}
	return errs
}

func validateClusterRole(r *rbacv1.ClusterRole) field.ErrorList {
	errs := objectMeta(r, nameIsPathSegment)
	for i, rule := range r.Rules {
		errs = append(errs, policyRule(rule, false, field.NewPath("rules").Index(i))...)
	}
	if r.AggregationRule != nil {
		selectors := field.NewPath("aggregationRule", "clusterRoleSelectors")
		if len(r.AggregationRule.ClusterRoleSelectors) == 0 {
			errs = append(errs, field.Required(selectors, "at least one clusterRoleSelector required if aggregationRule is non-nil"))
		}
		for i := range r.AggregationRule.ClusterRoleSelectors {
			errs = append(errs, labelSelector(&r.AggregationRule.ClusterRoleSelectors[i], selectors.Index(i))...)
		}
	}
	return errs
}

// policyRule checks one rule; namespaced is true inside a Role.
func policyRule(rule rbacv1.PolicyRule, namespaced bool, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if len(rule.Verbs) == 0 {
		errs = append(errs, field.Required(path.Child("verbs"), "verbs must contain at least one value"))
	}
	if len(rule.NonResourceURLs) > 0 {
		if namespaced {
			errs = append(errs, field.Invalid(path.Child("nonResourceURLs"), rule.NonResourceURLs, "namespaced rules cannot apply to non-resource URLs"))
		}
		if len(rule.APIGroups) > 0 || len(rule.Resources) > 0 || len(rule.ResourceNames) > 0 {
			errs = append(errs, field.Invalid(path.Child("nonResourceURLs"), rule.NonResourceURLs, "rules cannot apply to both regular resources and non-resource URLs"))
		}
		return errs
	}
	if len(rule.APIGroups) == 0 {
		errs = append(errs, field.Required(path.Child("apiGroups"), "resource rules must supply at least one api group"))
	}
	if len(rule.Resources) == 0 {
		errs = append(errs, field.Required(path.Child("resources"), "resource rules must supply at least one resource"))
	}
	return errs
}

func validateRoleBinding(b *rbacv1.RoleBinding) field.ErrorList {
	errs := objectMeta(b, nameIsPathSegment)
	errs = append(errs, roleRef(b.RoleRef, []string{"Role", "ClusterRole"})...)
	for i, s := range b.Subjects {
		errs = append(errs, subject(s, true, field.NewPath("subjects").Index(i))...)
	}
	return errs
}

// validateClusterRoleBinding: a cluster-wide grant can only be of a
// ClusterRole, and a service account subject must name its namespace.
func validateClusterRoleBinding(b *rbacv1.ClusterRoleBinding) field.ErrorList {
	errs := objectMeta(b, nameIsPathSegment)
	errs = append(errs, roleRef(b.RoleRef, []string{"ClusterRole"})...)
	for i, s := range b.Subjects {
		errs = append(errs, subject(s, false, field.NewPath("subjects").Index(i))...)
	}
	return errs
}

// roleRef checks the reference to the granted role; kinds lists the
// kinds the binding may refer to.
func roleRef(ref rbacv1.RoleRef, kinds []string) field.ErrorList {
	var errs field.ErrorList
	path := field.NewPath("roleRef")
	if ref.APIGroup != rbacv1.GroupName {
		errs = append(errs, field.NotSupported(path.Child("apiGroup"), ref.APIGroup, []string{rbacv1.GroupName}))
	}
	errs = append(errs, oneOfOrUnsupported(ref.Kind, path.Child("kind"), kinds...)...)
	if ref.Name == "" {
		return append(errs, field.Required(path.Child("name"), ""))
	}
	return append(errs, nameRule(nameIsPathSegment, ref.Name, path.Child("name"))...)
}

// subject checks one subject: a ServiceAccount in the core group (with a
// namespace when the binding has none of its own), or a User or Group
// in the RBAC group.
func subject(s rbacv1.Subject, namespaced bool, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if s.Name == "" {
		errs = append(errs, field.Required(path.Child("name"), ""))
	}
	switch s.Kind {
	case rbacv1.ServiceAccountKind:
		if s.Name != "" {
			errs = append(errs, nameRule(validateAccountName, s.Name, path.Child("name"))...)
		}
		if s.APIGroup != "" {
			errs = append(errs, field.NotSupported(path.Child("apiGroup"), s.APIGroup, []string{""}))
		}
		if !namespaced && s.Namespace == "" {
			errs = append(errs, field.Required(path.Child("namespace"), ""))
		}
	case rbacv1.UserKind, rbacv1.GroupKind:
		if s.APIGroup != rbacv1.GroupName {
			errs = append(errs, field.NotSupported(path.Child("apiGroup"), s.APIGroup, []string{rbacv1.GroupName}))
		}
	default:
		errs = append(errs, field.NotSupported(path.Child("kind"), s.Kind, []string{rbacv1.ServiceAccountKind, rbacv1.UserKind, rbacv1.GroupKind}))
	}
	return errs
}

func roleRefUnchanged(ref, old rbacv1.RoleRef) field.ErrorList {
	if ref != old {
		return field.ErrorList{field.Invalid(field.NewPath("roleRef"), ref, "cannot change roleRef")}
	}
	return nil
}
