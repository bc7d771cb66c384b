// RBAC escalation: writes of roles and bindings may not grant what the
// writer does not hold.
//
// Interface:
//   - newEscalationGuards(authz, rules, roles, caches): the four RBAC
//     storages wrapped with the check, for cachedRegistry.Storage.
//
// The `admin` role lets a namespace's owner create Roles and RoleBindings
// there; without this check they could bind themselves to cluster-admin.
// As upstream's policy-based RBAC storage, a write passes when the user is
// in system:masters, may "escalate" roles (for a Role or ClusterRole) or
// "bind" the role a binding names, or already holds every rule granted
// (authorization/rbac/escalation.go decides coverage). Writes the server
// makes itself (the bootstrap policy) carry no user and are not checked.
package server

import (
	"context"
	"fmt"
	"strings"

	authorizationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authorization/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/rbac"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// escalationGuard is a storage of roles or bindings that refuses writes
// granting more than the writer holds.
type escalationGuard struct {
	registry.Storage
	authz authorizer.Authorizer
	rules authorizer.RuleResolver
	roles rbac.Lister
}

// newEscalationGuards wraps the RBAC storages of c.
func newEscalationGuards(c *cachedRegistry, authz authorizer.Authorizer, rules authorizer.RuleResolver) map[metav1.GroupResource]registry.Storage {
	out := map[metav1.GroupResource]registry.Storage{}
	for _, resource := range []string{"roles", "clusterroles", "rolebindings", "clusterrolebindings"} {
		out[metav1.GroupResource{Group: rbacv1.GroupName, Resource: resource}] = &escalationGuard{
			Storage: c.cacheOf(rbacv1.GroupName, resource), authz: authz, rules: rules, roles: c.rbacLister(),
		}
	}
	return out
}

// Create checks obj before it is created.
func (g *escalationGuard) Create(ctx context.Context, namespace string, obj metav1.Object, opts registry.CreateOptions) (metav1.Object, error) {
	if err := g.check(ctx, obj); err != nil {
		return nil, err
	}
	return g.Storage.Create(ctx, namespace, obj, opts)
}

// Update checks the object the update would store.
func (g *escalationGuard) Update(ctx context.Context, key registry.Key, tryUpdate registry.UpdateFunc, opts registry.UpdateOptions) (metav1.Object, bool, error) {
	checked := func(ctx context.Context, current metav1.Object) (metav1.Object, error) {
		obj, err := tryUpdate(ctx, current)
		if err == nil {
			err = g.check(ctx, obj)
		}
		return obj, err
	}
	return g.Storage.Update(ctx, key, checked, opts)
}

// check refuses obj when it grants rules its writer does not hold and
// the writer may neither escalate nor bind.
func (g *escalationGuard) check(ctx context.Context, obj metav1.Object) error {
	u, ok := user.From(ctx)
	if !ok || isPrivileged(u) {
		return nil
	}
	meta := obj.GetObjectMeta()
	var granted []rbacv1.PolicyRule
	var verb, resource, name string
	switch o := obj.(type) {
	case *rbacv1.Role:
		granted, verb, resource, name = o.Rules, "escalate", "roles", o.Name
	case *rbacv1.ClusterRole:
		granted, verb, resource, name = o.Rules, "escalate", "clusterroles", o.Name
	case *rbacv1.RoleBinding:
		verb, resource, name = "bind", strings.ToLower(o.RoleRef.Kind)+"s", o.RoleRef.Name
		granted = g.roleRules(o.RoleRef, meta.Namespace)
	case *rbacv1.ClusterRoleBinding:
		verb, resource, name = "bind", "clusterroles", o.RoleRef.Name
		granted = g.roleRules(o.RoleRef, "")
	default:
		return nil
	}
	decision, _, _ := g.authz.Authorize(ctx, authorizer.Attributes{
		User: u, Verb: verb, ResourceRequest: true, Namespace: meta.Namespace,
		APIGroup: rbacv1.GroupName, APIVersion: "v1", Resource: resource, Name: name,
	})
	if decision == authorizer.DecisionAllow {
		return nil
	}
	held, _ := g.rules.RulesFor(ctx, u, meta.Namespace) // unresolved rules only add, so a partial list is safe
	missing := rbac.Covers(policyRules(held), granted)
	if len(missing) == 0 {
		return nil
	}
	lines := make([]string, len(missing))
	for i, r := range missing {
		lines[i] = rbac.CompactString(r)
	}
	gr := metav1.GroupResource{Group: rbacv1.GroupName, Resource: g.Resource().Resource}
	return apierrors.NewForbidden(gr, meta.Name, fmt.Errorf("user %q (groups=%q) is attempting to grant RBAC permissions not currently held:\n%s",
		u.Name, u.Groups, strings.Join(lines, "\n")))
}

// roleRules returns the rules of the role a binding refers to; a missing
// role grants nothing yet.
func (g *escalationGuard) roleRules(ref rbacv1.RoleRef, namespace string) []rbacv1.PolicyRule {
	if ref.Kind == "Role" {
		if r, err := g.roles.GetRole(namespace, ref.Name); err == nil {
			return r.Rules
		}
		return nil
	}
	if r, err := g.roles.GetClusterRole(ref.Name); err == nil {
		return r.Rules
	}
	return nil
}

// isPrivileged reports a member of system:masters, who may grant anything.
func isPrivileged(u user.Info) bool {
	for _, group := range u.Groups {
		if group == user.SystemPrivilegedGroup {
			return true
		}
	}
	return false
}

// policyRules turns the rules of a rules review into RBAC rules.
func policyRules(r authorizer.Rules) []rbacv1.PolicyRule {
	out := make([]rbacv1.PolicyRule, 0, len(r.Resource)+len(r.NonResource))
	for _, rr := range r.Resource {
		out = append(out, resourceRule(rr))
	}
	for _, nr := range r.NonResource {
		out = append(out, rbacv1.PolicyRule{Verbs: nr.Verbs, NonResourceURLs: nr.NonResourceURLs})
	}
	return out
}

func resourceRule(r authorizationv1.ResourceRule) rbacv1.PolicyRule {
	return rbacv1.PolicyRule{Verbs: r.Verbs, APIGroups: r.APIGroups, Resources: r.Resources, ResourceNames: r.ResourceNames}
}
