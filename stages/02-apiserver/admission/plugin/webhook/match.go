// Matching: does a webhook want to see this request?
//
// Interface:
//   - (*dispatcher).matches(ctx, h, a): rules, then the namespace
//     selector, then the object selector; a webhook is called only when
//     all three say yes.
//   - ruleMatches(rule, a): operation, group, version, resource (with
//     subresource and wildcards) and scope.
//
// Checking rules first keeps the namespace lookup, the one read matching
// needs, off the path of requests no rule wants.
package webhook

import (
	"context"
	"fmt"
	"slices"
	"strings"

	admissionregistrationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admissionregistration/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// matches reports whether h wants request a. An error (a namespace that
// cannot be read, a selector that does not parse) fails the request, as
// upstream does: the webhook's failurePolicy is about calling it, not
// about deciding whether to.
func (d *dispatcher) matches(ctx context.Context, h *hook, a *admission.Attributes) (bool, error) {
	if !slices.ContainsFunc(h.rules, func(r admissionregistrationv1.RuleWithOperations) bool { return ruleMatches(r, a) }) {
		return false, nil
	}
	ok, err := d.namespaceMatches(ctx, h, a)
	if err != nil || !ok {
		return false, err
	}
	return objectMatches(h, a)
}

// ruleMatches reports whether rule r covers request a.
func ruleMatches(r admissionregistrationv1.RuleWithOperations, a *admission.Attributes) bool {
	opOK := slices.ContainsFunc(r.Operations, func(op admissionregistrationv1.OperationType) bool {
		return op == admissionregistrationv1.OperationAll || string(op) == string(a.Operation)
	})
	return opOK &&
		matchesValue(r.APIGroups, a.Resource.Group) &&
		matchesValue(r.APIVersions, a.Resource.Version) &&
		resourceMatches(r.Resources, a.Resource.Resource, a.Subresource) &&
		scopeMatches(r.Scope, a)
}

func matchesValue(list []string, v string) bool {
	return slices.ContainsFunc(list, func(s string) bool { return s == "*" || s == v })
}

// resourceMatches reads each entry as "resource[/subresource]": "pods"
// matches pods but not pods/status, "pods/*" both, "*" every resource
// without subresource, "*/*" everything, "*/status" every status.
func resourceMatches(list []string, resource, subresource string) bool {
	for _, entry := range list {
		res, sub, _ := strings.Cut(entry, "/")
		if (res == "*" || res == resource) && (sub == "*" || sub == subresource) {
			return true
		}
	}
	return false
}

var namespacesResource = metav1.GroupResource{Resource: "namespaces"}

// scopeMatches applies a rule's scope. A Namespace object counts as
// cluster-scoped even though its request carries its own name as
// namespace.
func scopeMatches(scope *admissionregistrationv1.ScopeType, a *admission.Attributes) bool {
	isNamespace := a.Resource.GroupResource() == namespacesResource
	switch {
	case scope == nil || *scope == admissionregistrationv1.AllScopes:
		return true
	case *scope == admissionregistrationv1.NamespacedScope:
		return !isNamespace && a.Namespace != ""
	case *scope == admissionregistrationv1.ClusterScope:
		return isNamespace || a.Namespace == ""
	}
	return false
}

// selectorFor converts a webhook's selector; nil or empty selects all
// (upstream defaults a missing selector to {}).
func selectorFor(ls *metav1.LabelSelector) (labels.Selector, error) {
	if ls == nil {
		return labels.Everything(), nil
	}
	return labels.FromLabelSelector(ls)
}

// namespaceMatches matches the labels of the request's namespace: those of
// the Namespace object itself for namespaces, none at all (always a
// match) for other cluster-scoped resources.
func (d *dispatcher) namespaceMatches(ctx context.Context, h *hook, a *admission.Attributes) (bool, error) {
	sel, err := selectorFor(h.namespaceSelector)
	if err != nil {
		return false, apierrors.NewInternalError(fmt.Errorf("webhook %q: invalid namespaceSelector: %w", h.name, err))
	}
	if sel.Empty() {
		return true, nil
	}
	if a.Resource.GroupResource() == namespacesResource {
		obj := a.Object
		if obj == nil {
			obj = a.OldObject // DELETE carries only the old object
		}
		return obj != nil && sel.Matches(labels.Set(obj.GetObjectMeta().Labels)), nil
	}
	if a.Namespace == "" {
		return true, nil
	}
	ns, err := d.cfg.Namespaces.GetNamespace(ctx, a.Namespace)
	if err != nil {
		return false, apierrors.NewInternalError(fmt.Errorf("webhook %q: get namespace %s for its namespaceSelector: %w", h.name, a.Namespace, err))
	}
	return sel.Matches(labels.Set(ns.Labels)), nil
}

// objectMatches matches the labels of the new or the old object: either
// is enough, so a webhook sees an update that removes its label.
func objectMatches(h *hook, a *admission.Attributes) (bool, error) {
	sel, err := selectorFor(h.objectSelector)
	if err != nil {
		return false, apierrors.NewInternalError(fmt.Errorf("webhook %q: invalid objectSelector: %w", h.name, err))
	}
	if sel.Empty() {
		return true, nil
	}
	for _, obj := range []metav1.Object{a.Object, a.OldObject} {
		if obj != nil && sel.Matches(labels.Set(obj.GetObjectMeta().Labels)) {
			return true, nil
		}
	}
	return false, nil
}
