// Escalation: a user may not grant permissions they do not hold.
//
// Interface:
//   - Covers(owner, requested): the parts of requested that owner's rules
//     do not allow, each as one atomic rule (empty: covered).
//   - CompactString(rule): a rule as upstream's messages print it.
//
// Whoever may create Roles and RoleBindings in a namespace (the `admin`
// role may) could otherwise bind themselves to cluster-admin. Upstream
// refuses a Role whose rules are not all the creator's own, and a binding
// to a role whose rules are not, unless the user may "escalate" (roles)
// or "bind" (the role named). The server applies the check on writes
// (stages/02-apiserver/server/rbac_escalation.go); this file decides
// coverage. Wildcards are taken literally: to grant "*" a user must hold
// "*", not every verb there is.
package rbac

import (
	"fmt"
	"strings"

	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
)

// Covers returns the atomic rules of requested (one API group, resource,
// verb and resource name each; one URL and verb for non-resource rules)
// that no rule of owner allows.
func Covers(owner, requested []rbacv1.PolicyRule) []rbacv1.PolicyRule {
	var uncovered []rbacv1.PolicyRule
	for _, r := range requested {
		for _, atom := range breakdown(r) {
			if !coveredBy(owner, &atom) {
				uncovered = append(uncovered, atom)
			}
		}
	}
	return uncovered
}

// breakdown splits a rule into atomic rules.
func breakdown(r rbacv1.PolicyRule) []rbacv1.PolicyRule {
	var out []rbacv1.PolicyRule
	for _, verb := range r.Verbs {
		for _, url := range r.NonResourceURLs {
			out = append(out, rbacv1.PolicyRule{NonResourceURLs: []string{url}, Verbs: []string{verb}})
		}
		for _, group := range r.APIGroups {
			for _, resource := range r.Resources {
				if len(r.ResourceNames) == 0 {
					out = append(out, rbacv1.PolicyRule{APIGroups: []string{group}, Resources: []string{resource}, Verbs: []string{verb}})
					continue
				}
				for _, name := range r.ResourceNames {
					out = append(out, rbacv1.PolicyRule{APIGroups: []string{group}, Resources: []string{resource},
						ResourceNames: []string{name}, Verbs: []string{verb}})
				}
			}
		}
	}
	return out
}

// coveredBy reports whether some owner rule allows the atomic rule atom.
func coveredBy(owner []rbacv1.PolicyRule, atom *rbacv1.PolicyRule) bool {
	verb := atom.Verbs[0]
	for i := range owner {
		o := &owner[i]
		if !verbMatches(o, verb) {
			continue
		}
		if len(atom.NonResourceURLs) > 0 {
			if nonResourceURLMatches(o, atom.NonResourceURLs[0]) {
				return true
			}
			continue
		}
		resource, subresource, _ := strings.Cut(atom.Resources[0], "/")
		if !apiGroupMatches(o, atom.APIGroups[0]) || !resourceMatches(o, resource, subresource) {
			continue
		}
		switch {
		case len(o.ResourceNames) == 0:
			return true
		case len(atom.ResourceNames) == 1 && resourceNameMatches(o, atom.ResourceNames[0]):
			return true
		}
	}
	return false
}

// CompactString prints a rule with only the fields it sets, as upstream's
// escalation message does: {APIGroups:["apps"], Resources:["deployments"], Verbs:["create"]}.
func CompactString(r rbacv1.PolicyRule) string {
	var parts []string
	add := func(name string, values []string) {
		if len(values) > 0 {
			parts = append(parts, fmt.Sprintf("%s:%s", name, quoteList(values)))
		}
	}
	add("APIGroups", r.APIGroups)
	add("Resources", r.Resources)
	add("ResourceNames", r.ResourceNames)
	add("NonResourceURLs", r.NonResourceURLs)
	add("Verbs", r.Verbs)
	return "{" + strings.Join(parts, ", ") + "}"
}

// quoteList is ["a", "b"], as upstream's message prints a list.
func quoteList(values []string) string {
	return `["` + strings.Join(values, `", "`) + `"]`
}
