// The RBAC authorizer: bindings -> roles -> rules.
//
// Interface:
//   - New(lister) *Authorizer.
//   - (*Authorizer).Authorize: Allow with the binding that allowed, or
//     NoOpinion (with the resolution errors, if any).
//   - (*Authorizer).RulesFor: the rules of a user in a namespace, for
//     SelfSubjectRulesReview (kubectl auth can-i --list).
//
// Both walk the same bindings in the same order (visitRules): every
// ClusterRoleBinding, then the RoleBindings of the request's namespace.
package rbac

import (
	"context"
	"errors"
	"fmt"
	"slices"

	authorizationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authorization/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// Authorizer is the RBAC mode. It holds no state of its own: every
// decision reads the Lister.
type Authorizer struct {
	lister Lister
}

var (
	_ authorizer.Authorizer   = (*Authorizer)(nil)
	_ authorizer.RuleResolver = (*Authorizer)(nil)
)

// New returns the RBAC authorizer reading roles and bindings from lister.
func New(lister Lister) *Authorizer {
	return &Authorizer{lister: lister}
}

// Authorize allows a when a rule bound to its user matches it. The reason
// names the grant, upstream's words: `RBAC: allowed by ClusterRoleBinding
// "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"`.
// Otherwise it has no opinion; a binding whose role is missing does not
// stop the search but is reported in the reason ("RBAC: ...").
func (r *Authorizer) Authorize(_ context.Context, a authorizer.Attributes) (authorizer.Decision, string, error) {
	var reason string
	var errs []error
	r.visitRules(a.User, a.Namespace, func(g grant, rule *rbacv1.PolicyRule, err error) bool {
		if err != nil {
			errs = append(errs, err)
			return true
		}
		if RuleAllows(a, rule) {
			reason = "RBAC: allowed by " + g.String()
			return false
		}
		return true
	})
	if reason != "" {
		return authorizer.DecisionAllow, reason, nil
	}
	if len(errs) > 0 {
		return authorizer.DecisionNoOpinion, fmt.Sprintf("RBAC: %v", errors.Join(errs...)), nil
	}
	return authorizer.DecisionNoOpinion, "", nil
}

// RulesFor lists every rule bound to u in namespace (cluster-wide rules
// included), split into resource and non-resource rules. RBAC can always
// list its rules, so the result is never incomplete; errors name bindings
// whose role could not be read.
func (r *Authorizer) RulesFor(_ context.Context, u user.Info, namespace string) (authorizer.Rules, error) {
	var out authorizer.Rules
	var errs []error
	r.visitRules(u, namespace, func(_ grant, rule *rbacv1.PolicyRule, err error) bool {
		if err != nil {
			errs = append(errs, err)
			return true
		}
		if len(rule.Resources) > 0 {
			out.Resource = append(out.Resource, authorizationv1.ResourceRule{
				Verbs: rule.Verbs, APIGroups: rule.APIGroups,
				Resources: rule.Resources, ResourceNames: rule.ResourceNames,
			})
		}
		if len(rule.NonResourceURLs) > 0 {
			out.NonResource = append(out.NonResource, authorizationv1.NonResourceRule{
				Verbs: rule.Verbs, NonResourceURLs: rule.NonResourceURLs,
			})
		}
		return true
	})
	return out, errors.Join(errs...)
}

// grant is one binding subject that applies to the user, for the reason
// string: which binding, which role, which subject.
type grant struct {
	kind      string // "ClusterRoleBinding" or "RoleBinding"
	name      string // "name", or "name/namespace" for a RoleBinding
	namespace string // a RoleBinding's namespace
	roleRef   rbacv1.RoleRef
	subject   rbacv1.Subject
}

// String describes the grant as upstream does, a service account as
// "name/namespace".
func (g grant) String() string {
	subject := fmt.Sprintf("%s %q", g.subject.Kind, g.subject.Name)
	if g.subject.Kind == rbacv1.ServiceAccountKind {
		ns := g.subject.Namespace
		if ns == "" {
			ns = g.namespace
		}
		subject = fmt.Sprintf("%s %q", g.subject.Kind, g.subject.Name+"/"+ns)
	}
	return fmt.Sprintf("%s %q of %s %q to %s", g.kind, g.name, g.roleRef.Kind, g.roleRef.Name, subject)
}

// visitor receives each rule with the grant it came from, or an error
// when bindings or a role could not be read. Returning false stops the
// walk.
type visitor func(g grant, rule *rbacv1.PolicyRule, err error) bool

// visitRules walks the rules bound to u: ClusterRoleBindings first, then,
// for a namespaced request, the RoleBindings of namespace.
func (r *Authorizer) visitRules(u user.Info, namespace string, visit visitor) {
	crbs, err := r.lister.ListClusterRoleBindings()
	if err != nil {
		if !visit(grant{}, nil, err) {
			return
		}
	}
	for _, b := range crbs {
		i, ok := appliesTo(u, b.Subjects, "")
		if !ok {
			continue
		}
		g := grant{kind: "ClusterRoleBinding", name: b.Name, roleRef: b.RoleRef, subject: b.Subjects[i]}
		if !r.visitRole(g, "", visit) {
			return
		}
	}
	if namespace == "" {
		return
	}
	rbs, err := r.lister.ListRoleBindings(namespace)
	if err != nil {
		visit(grant{}, nil, err)
		return
	}
	for _, b := range rbs {
		i, ok := appliesTo(u, b.Subjects, namespace)
		if !ok {
			continue
		}
		g := grant{kind: "RoleBinding", name: b.Name + "/" + b.Namespace, namespace: b.Namespace, roleRef: b.RoleRef, subject: b.Subjects[i]}
		if !r.visitRole(g, namespace, visit) {
			return
		}
	}
}

// visitRole resolves g's role and visits its rules; false means stop.
func (r *Authorizer) visitRole(g grant, namespace string, visit visitor) bool {
	rules, err := r.roleRules(g.roleRef, namespace)
	if err != nil {
		return visit(g, nil, err)
	}
	for i := range rules {
		if !visit(g, &rules[i], nil) {
			return false
		}
	}
	return true
}

// roleRules returns the rules of the role ref names; a Role is looked up
// in the binding's namespace.
func (r *Authorizer) roleRules(ref rbacv1.RoleRef, namespace string) ([]rbacv1.PolicyRule, error) {
	switch ref.Kind {
	case "Role":
		role, err := r.lister.GetRole(namespace, ref.Name)
		if err != nil {
			return nil, err
		}
		return role.Rules, nil
	case "ClusterRole":
		role, err := r.lister.GetClusterRole(ref.Name)
		if err != nil {
			return nil, err
		}
		return role.Rules, nil
	}
	return nil, fmt.Errorf("unsupported role reference kind: %q", ref.Kind)
}

// appliesTo returns the index of the first subject that is u.
func appliesTo(u user.Info, subjects []rbacv1.Subject, namespace string) (int, bool) {
	for i, s := range subjects {
		if subjectIs(u, s, namespace) {
			return i, true
		}
	}
	return 0, false
}

// subjectIs reports whether s names u. A ServiceAccount subject without a
// namespace means the binding's own namespace; in a ClusterRoleBinding,
// where there is none, it matches nobody.
func subjectIs(u user.Info, s rbacv1.Subject, namespace string) bool {
	switch s.Kind {
	case rbacv1.UserKind:
		return u.Name == s.Name
	case rbacv1.GroupKind:
		return slices.Contains(u.Groups, s.Name)
	case rbacv1.ServiceAccountKind:
		ns := s.Namespace
		if ns == "" {
			ns = namespace
		}
		return ns != "" && u.Name == user.ServiceAccountUsername(ns, s.Name)
	}
	return false
}
