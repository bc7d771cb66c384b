// Evaluate: which rule of a policy a request falls under.
//
// Interface:
//   - (*Policy).Evaluate(attrs): the first matching rule's level, and
//     the stages to omit and whether to strip managedFields for it.
//   - RuleEvaluation: that answer.
//
// A request is described by the same authorizer.Attributes the
// authorization step reads (stages/02-apiserver/authorization/authorizer),
// as upstream's policy checker does: the audit step runs just before
// authorization and asks about the same user, verb and resource.
package audit

import (
	"slices"
	"strings"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// RuleEvaluation is what a policy says about one request.
type RuleEvaluation struct {
	// Level is the matching rule's level, LevelNone when no rule matched.
	Level auditv1.Level
	// OmitStages are the policy's and the rule's omitted stages together.
	OmitStages []auditv1.Stage
	// OmitManagedFields is the rule's setting if it has one, else the
	// policy's.
	OmitManagedFields bool
}

// Omits reports whether no event is written at stage s.
func (e RuleEvaluation) Omits(s auditv1.Stage) bool { return slices.Contains(e.OmitStages, s) }

// Evaluate returns what p says about the request attrs describes. The
// rules are tried in order and the first match decides; with no match the
// level is None. attrs.User is the zero user for a request that failed
// authentication: rules naming users or groups do not match it.
func (p *Policy) Evaluate(attrs authorizer.Attributes) RuleEvaluation {
	for _, rule := range p.spec.Rules {
		if !ruleMatches(rule, attrs) {
			continue
		}
		omitManaged := p.spec.OmitManagedFields
		if rule.OmitManagedFields != nil {
			omitManaged = *rule.OmitManagedFields
		}
		return RuleEvaluation{
			Level:             rule.Level,
			OmitStages:        union(p.spec.OmitStages, rule.OmitStages),
			OmitManagedFields: omitManaged,
		}
	}
	return RuleEvaluation{Level: auditv1.LevelNone, OmitStages: p.spec.OmitStages}
}

// ruleMatches: every field the rule sets must match; resources and
// non-resource URLs each match only their own kind of request, and a rule
// with neither matches both.
func ruleMatches(r auditv1.PolicyRule, a authorizer.Attributes) bool {
	if len(r.Users) > 0 && !slices.Contains(r.Users, a.User.Name) {
		return false
	}
	if len(r.UserGroups) > 0 && !slices.ContainsFunc(a.User.Groups, func(g string) bool { return slices.Contains(r.UserGroups, g) }) {
		return false
	}
	if len(r.Verbs) > 0 && !slices.Contains(r.Verbs, a.Verb) {
		return false
	}
	if len(r.Namespaces) > 0 || len(r.Resources) > 0 {
		return a.ResourceRequest && resourceMatches(r, a)
	}
	if len(r.NonResourceURLs) > 0 {
		return !a.ResourceRequest && slices.ContainsFunc(r.NonResourceURLs, func(spec string) bool { return pathMatches(a.Path, spec) })
	}
	return true
}

// resourceMatches checks a resource request against the rule's
// namespaces ("" is cluster scope) and group resources.
func resourceMatches(r auditv1.PolicyRule, a authorizer.Attributes) bool {
	if len(r.Namespaces) > 0 && !slices.Contains(r.Namespaces, a.Namespace) {
		return false
	}
	if len(r.Resources) == 0 {
		return true
	}
	for _, gr := range r.Resources {
		if gr.Group != a.APIGroup {
			continue
		}
		if len(gr.Resources) == 0 {
			return true
		}
		if len(gr.ResourceNames) > 0 && !slices.Contains(gr.ResourceNames, a.Name) {
			continue
		}
		if slices.ContainsFunc(gr.Resources, func(spec string) bool { return resourceNameMatches(spec, a.Resource, a.Subresource) }) {
			return true
		}
	}
	return false
}

// resourceNameMatches matches one entry of GroupResources.Resources:
// "*", "pods" (no subresource), "pods/log", "*/scale" (that subresource
// of any resource) or "pods/*" (every subresource of pods and, as
// upstream's checker has it, pods itself).
func resourceNameMatches(spec, resource, subresource string) bool {
	combined := resource
	if subresource != "" {
		combined = resource + "/" + subresource
	}
	switch {
	case spec == "*" || spec == combined:
		return true
	case subresource != "" && strings.HasPrefix(spec, "*/"):
		return strings.TrimPrefix(spec, "*/") == subresource
	case strings.HasSuffix(spec, "/*"):
		return strings.TrimSuffix(spec, "/*") == resource
	}
	return false
}

// pathMatches matches a non-resource URL: "*", the exact path, or a
// prefix ending in "*" ("/healthz*" matches /healthz and /healthz/etcd).
func pathMatches(path, spec string) bool {
	if spec == "*" || spec == path {
		return true
	}
	prefix, wildcard := strings.CutSuffix(spec, "*")
	return wildcard && strings.HasPrefix(path, prefix)
}

// union returns a and the members of b not in a.
func union(a, b []auditv1.Stage) []auditv1.Stage {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
