// LimitRanges and ResourceQuotas: per-object and per-namespace limits on
// resources.
//
// Interface:
//   - validateLimitRange: one item per type (Pod, Container,
//     PersistentVolumeClaim), names valid for the type, and min <=
//     defaultRequest <= default <= max.
//   - validateResourceQuota / ...Update / ...Status: quota resource
//     names, non-negative amounts, scopes that fit the resources; scopes
//     are fixed after create.
//
// Both are enforced by admission plugins (talk 000, "Admission
// controllers"): LimitRanger and ResourceQuota. This package only makes
// sure the objects themselves make sense.

package validation

import (
	"fmt"
	"slices"
	"strings"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

var (
	limitTypes  = []corev1.LimitType{corev1.LimitTypePod, corev1.LimitTypeContainer, corev1.LimitTypePersistentVolumeClaim}
	quotaScopes = []corev1.ResourceQuotaScope{
		corev1.ResourceQuotaScopeTerminating, corev1.ResourceQuotaScopeNotTerminating, corev1.ResourceQuotaScopeBestEffort,
		corev1.ResourceQuotaScopeNotBestEffort, corev1.ResourceQuotaScopePriorityClass, "CrossNamespacePodAffinity",
	}
	// existsOnlyScopes are the scopes a scope selector can only test with
	// Exists: they are properties of a pod, not values to compare.
	existsOnlyScopes = []corev1.ResourceQuotaScope{
		corev1.ResourceQuotaScopeBestEffort, corev1.ResourceQuotaScopeNotBestEffort, corev1.ResourceQuotaScopeTerminating,
		corev1.ResourceQuotaScopeNotTerminating, "CrossNamespacePodAffinity",
	}
	// podComputeQuotaResources are what a pod-scoped quota can count,
	// besides the number of pods.
	podComputeQuotaResources = []string{"cpu", "memory", "limits.cpu", "limits.memory", "requests.cpu", "requests.memory"}
)

func validateLimitRange(lr *corev1.LimitRange) field.ErrorList {
	errs := objectMeta(lr, nameIsDNSSubdomain)
	limits := field.NewPath("spec", "limits")
	var seenTypes []corev1.LimitType
	for i, item := range lr.Spec.Limits {
		idx := limits.Index(i)
		errs = append(errs, limitType(item.Type, idx.Child("type"))...)
		if slices.Contains(seenTypes, item.Type) {
			errs = append(errs, field.Duplicate(idx.Child("type"), string(item.Type)))
		}
		seenTypes = append(seenTypes, item.Type)
		nameCheck := resourceName
		if item.Type == corev1.LimitTypePod || item.Type == corev1.LimitTypeContainer {
			nameCheck = containerResourceName
		}
		check := func(list corev1.ResourceList, child string) {
			for _, name := range sortedKeys(list) {
				errs = append(errs, nameCheck(string(name), idx.Child(child).Key(string(name)))...)
			}
		}
		check(item.Max, "max")
		check(item.Min, "min")
		if item.Type == corev1.LimitTypePod {
			// Pods get no defaults: those are given to containers.
			if len(item.Default) > 0 {
				errs = append(errs, field.Forbidden(idx.Child("default"), "may not be specified when `type` is 'Pod'"))
			}
			if len(item.DefaultRequest) > 0 {
				errs = append(errs, field.Forbidden(idx.Child("defaultRequest"), "may not be specified when `type` is 'Pod'"))
			}
		} else {
			check(item.Default, "default")
			check(item.DefaultRequest, "defaultRequest")
		}
		if item.Type == corev1.LimitTypePersistentVolumeClaim {
			_, hasMin := item.Min[corev1.ResourceStorage]
			_, hasMax := item.Max[corev1.ResourceStorage]
			if !hasMin && !hasMax {
				errs = append(errs, field.Required(idx.Child("limits"), "either minimum or maximum storage value is required, but neither was provided"))
			}
		}
		check(item.MaxLimitRequestRatio, "maxLimitRequestRatio")
		errs = append(errs, limitRangeOrder(&item, idx)...)
	}
	return errs
}

// limitType checks an item's type: a standard one, or a qualified name.
func limitType(t corev1.LimitType, path *field.Path) field.ErrorList {
	if errs := qualifiedName(string(t), path); len(errs) > 0 {
		return errs
	}
	if !strings.Contains(string(t), "/") && !slices.Contains(limitTypes, t) {
		return field.ErrorList{field.Invalid(path, string(t), "must be a standard limit type or fully qualified")}
	}
	return nil
}

// limitRangeOrder checks, resource by resource, that the bounds of one
// item are consistent with each other.
func limitRangeOrder(item *corev1.LimitRangeItem, idx *field.Path) field.ErrorList {
	var names []corev1.ResourceName
	for _, list := range []corev1.ResourceList{item.Max, item.Min, item.Default, item.DefaultRequest, item.MaxLimitRequestRatio} {
		for name := range list {
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	var errs field.ErrorList
	for _, name := range names {
		key := string(name)
		minQ, hasMin := item.Min[name]
		maxQ, hasMax := item.Max[name]
		def, hasDef := item.Default[name]
		defReq, hasDefReq := item.DefaultRequest[name]
		ratio, hasRatio := item.MaxLimitRequestRatio[name]
		bad := func(child string, q resource.Quantity, format string, args ...any) {
			errs = append(errs, field.Invalid(idx.Child(child).Key(key), q.String(), fmt.Sprintf(format, args...)))
		}
		if hasMin && hasMax && minQ.Cmp(maxQ) > 0 {
			bad("min", minQ, "min value %s is greater than max value %s", minQ.String(), maxQ.String())
		}
		if hasDefReq && hasMin && minQ.Cmp(defReq) > 0 {
			bad("defaultRequest", defReq, "min value %s is greater than default request value %s", minQ.String(), defReq.String())
		}
		if hasDefReq && hasMax && defReq.Cmp(maxQ) > 0 {
			bad("defaultRequest", defReq, "default request value %s is greater than max value %s", defReq.String(), maxQ.String())
		}
		if hasDefReq && hasDef && defReq.Cmp(def) > 0 {
			bad("defaultRequest", defReq, "default request value %s is greater than default limit value %s", defReq.String(), def.String())
		}
		if hasDef && hasMin && minQ.Cmp(def) > 0 {
			bad("default", minQ, "min value %s is greater than default value %s", minQ.String(), def.String())
		}
		if hasDef && hasMax && def.Cmp(maxQ) > 0 {
			bad("default", maxQ, "default value %s is greater than max value %s", def.String(), maxQ.String())
		}
		if hasRatio && ratio.CmpInt64(1) < 0 {
			bad("maxLimitRequestRatio", ratio, "ratio %s is less than 1", ratio.String())
		}
		if hasRatio && hasMin && hasMax && minQ.Sign() > 0 {
			if limit := maxQ.AsApproximateFloat64() / minQ.AsApproximateFloat64(); ratio.AsApproximateFloat64() > limit {
				bad("maxLimitRequestRatio", ratio, "ratio %s is greater than max/min = %f", ratio.String(), limit)
			}
		}
		// Resources that cannot be overcommitted get what they ask for:
		// their default limit and request must be the same.
		if !isOvercommitAllowed(key) && hasDef && hasDefReq && def.Cmp(defReq) != 0 {
			bad("defaultRequest", defReq, "default value %s must equal to defaultRequest value %s in %s", def.String(), defReq.String(), key)
		}
	}
	return errs
}

func validateResourceQuota(rq *corev1.ResourceQuota) field.ErrorList {
	errs := objectMeta(rq, nameIsDNSSubdomain)
	errs = append(errs, resourceQuotaSpec(&rq.Spec, field.NewPath("spec"))...)
	return append(errs, validateResourceQuotaStatus(&rq.Status, field.NewPath("status"))...)
}

// quotaList checks the names and amounts of a hard or used list.
func quotaList(list corev1.ResourceList, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, name := range sortedKeys(list) {
		p := path.Key(string(name))
		nameErrs := resourceName(string(name), p)
		if !strings.Contains(string(name), "/") && !slices.Contains(quotaResources, string(name)) && !isQuotaHugePage(string(name)) {
			nameErrs = append(nameErrs, field.Invalid(p, string(name), "must be a standard resource for quota"))
		}
		errs = append(errs, nameErrs...)
		errs = append(errs, resourceQuantity(string(name), list[name], p)...)
	}
	return errs
}

// resourceQuotaSpec checks hard limits and scopes. A scope narrows what
// is counted (BestEffort pods, say), so it only fits some resources.
func resourceQuotaSpec(s *corev1.ResourceQuotaSpec, spec *field.Path) field.ErrorList {
	errs := quotaList(s.Hard, spec.Child("hard"))
	scopesPath := spec.Child("scopes")
	for _, scope := range s.Scopes {
		if !slices.Contains(quotaScopes, scope) {
			errs = append(errs, field.Invalid(scopesPath, s.Scopes, "unsupported scope"))
		}
		for _, name := range sortedKeys(s.Hard) {
			if slices.Contains(quotaResources, string(name)) && !scopeFitsResource(scope, string(name)) {
				errs = append(errs, field.Invalid(scopesPath, s.Scopes, "unsupported scope applied to resource"))
			}
		}
	}
	errs = append(errs, conflictingScopes(s.Scopes, scopesPath, s.Scopes)...)
	if s.ScopeSelector == nil {
		return errs
	}
	exprs := spec.Child("scopeSelector", "matchExpressions")
	var selected []corev1.ResourceQuotaScope
	for _, req := range s.ScopeSelector.MatchExpressions {
		if !slices.Contains(quotaScopes, req.ScopeName) {
			errs = append(errs, field.Invalid(exprs.Child("scopeName"), string(req.ScopeName), "unsupported scope"))
		}
		for _, name := range sortedKeys(s.Hard) {
			if slices.Contains(quotaResources, string(name)) && !scopeFitsResource(req.ScopeName, string(name)) {
				errs = append(errs, field.Invalid(exprs, s.ScopeSelector, "unsupported scope applied to resource"))
			}
		}
		if slices.Contains(existsOnlyScopes, req.ScopeName) && req.Operator != corev1.ScopeSelectorOpExists {
			errs = append(errs, field.Invalid(exprs.Child("operator"), string(req.Operator),
				"must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity"))
		}
		switch req.Operator {
		case corev1.ScopeSelectorOpIn, corev1.ScopeSelectorOpNotIn:
			if len(req.Values) == 0 {
				errs = append(errs, field.Required(exprs.Child("values"), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"))
			}
		case corev1.ScopeSelectorOpExists, corev1.ScopeSelectorOpDoesNotExist:
			if len(req.Values) != 0 {
				errs = append(errs, field.Invalid(exprs.Child("values"), req.Values, "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"))
			}
		default:
			errs = append(errs, field.Invalid(exprs.Child("operator"), string(req.Operator), "not a valid selector operator"))
		}
		selected = append(selected, req.ScopeName)
	}
	return append(errs, conflictingScopes(selected, exprs, s.Scopes)...)
}

// scopeFitsResource: pod scopes count pods and their compute resources;
// BestEffort pods have no compute resources to count.
func scopeFitsResource(scope corev1.ResourceQuotaScope, name string) bool {
	switch scope {
	case corev1.ResourceQuotaScopeBestEffort:
		return name == string(corev1.ResourcePods)
	case corev1.ResourceQuotaScopeTerminating, corev1.ResourceQuotaScopeNotTerminating, corev1.ResourceQuotaScopeNotBestEffort,
		corev1.ResourceQuotaScopePriorityClass, "CrossNamespacePodAffinity":
		return name == string(corev1.ResourcePods) || slices.Contains(podComputeQuotaResources, name)
	}
	return true
}

// conflictingScopes rejects a pair of scopes no pod can match at once.
// bad is the value the message shows (upstream shows spec.scopes).
func conflictingScopes(scopes []corev1.ResourceQuotaScope, path *field.Path, bad any) field.ErrorList {
	pairs := [][2]corev1.ResourceQuotaScope{
		{corev1.ResourceQuotaScopeBestEffort, corev1.ResourceQuotaScopeNotBestEffort},
		{corev1.ResourceQuotaScopeTerminating, corev1.ResourceQuotaScopeNotTerminating},
	}
	var errs field.ErrorList
	for _, p := range pairs {
		if slices.Contains(scopes, p[0]) && slices.Contains(scopes, p[1]) {
			errs = append(errs, field.Invalid(path, bad, "conflicting scopes"))
		}
	}
	return errs
}

func validateResourceQuotaStatus(s *corev1.ResourceQuotaStatus, path *field.Path) field.ErrorList {
	return append(quotaList(s.Hard, path.Child("hard")), quotaList(s.Used, path.Child("used"))...)
}

// validateResourceQuotaUpdate: the scopes are fixed, since usage already
// counted under them would no longer mean anything.
func validateResourceQuotaUpdate(rq, old *corev1.ResourceQuota) field.ErrorList {
	n, o := slices.Clone(rq.Spec.Scopes), slices.Clone(old.Spec.Scopes)
	slices.Sort(n)
	slices.Sort(o)
	if !slices.Equal(slices.Compact(n), slices.Compact(o)) {
		return field.ErrorList{field.Invalid(field.NewPath("spec", "scopes"), rq.Spec.Scopes, fieldImmutableMsg)}
	}
	return nil
}
