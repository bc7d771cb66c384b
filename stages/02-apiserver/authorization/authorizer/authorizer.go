// Authorizer: the interface every authorization mode implements.
//
// Interface:
//   - Decision: DecisionDeny, DecisionAllow, DecisionNoOpinion.
//   - Authorizer (Authorize) and AuthorizerFunc.
//   - RuleResolver (RulesFor) and Rules: what a user may do in a
//     namespace, for SelfSubjectRulesReview.
//   - AlwaysAllow, AlwaysDeny and PrivilegedGroups, the trivial modes.
package authorizer

import (
	"context"
	"fmt"
	"slices"

	authorizationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authorization/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// Decision is an authorizer's answer. The values are upstream's.
type Decision int

const (
	// DecisionDeny is an explicit "no": the union stops and the request
	// is forbidden, whatever later authorizers would say.
	DecisionDeny Decision = iota
	// DecisionAllow is "yes": the union stops and the request goes on.
	DecisionAllow
	// DecisionNoOpinion is "not mine to say": the union asks the next
	// authorizer, and a request nobody allows is forbidden.
	DecisionNoOpinion
)

// String returns "Deny", "Allow" or "NoOpinion".
func (d Decision) String() string {
	switch d {
	case DecisionDeny:
		return "Deny"
	case DecisionAllow:
		return "Allow"
	case DecisionNoOpinion:
		return "NoOpinion"
	}
	return fmt.Sprintf("Decision(%d)", int(d))
}

// Authorizer decides one request. It is called for every request, after
// authentication, so it must be fast and safe for concurrent use.
//
// reason explains the decision for logs, audit and the 403 message (RBAC
// names the binding that allowed; the Node authorizer says which
// relationship was missing); it may be empty. err reports a failure to
// decide (a webhook that did not answer); the decision returned with it is
// then usually DecisionNoOpinion, and the union goes on to the next mode.
type Authorizer interface {
	Authorize(ctx context.Context, a Attributes) (d Decision, reason string, err error)
}

// AuthorizerFunc adapts a function to Authorizer.
type AuthorizerFunc func(ctx context.Context, a Attributes) (Decision, string, error)

// Authorize calls f.
func (f AuthorizerFunc) Authorize(ctx context.Context, a Attributes) (Decision, string, error) {
	return f(ctx, a)
}

// Rules is what a user may do in one namespace, as a SelfSubjectRulesReview
// reports it.
type Rules struct {
	Resource    []authorizationv1.ResourceRule
	NonResource []authorizationv1.NonResourceRule
	// Incomplete is true when some authorizer could not list its rules;
	// the rules listed still hold.
	Incomplete bool
}

// RuleResolver lists a user's rules in a namespace. err reports rules
// that could not be resolved (a binding to a missing role); the Rules
// returned with it are still valid, because rules only add permissions.
type RuleResolver interface {
	RulesFor(ctx context.Context, u user.Info, namespace string) (Rules, error)
}

// everything is the rule set of a mode that allows every request.
var everything = Rules{
	Resource:    []authorizationv1.ResourceRule{{Verbs: []string{"*"}, APIGroups: []string{"*"}, Resources: []string{"*"}}},
	NonResource: []authorizationv1.NonResourceRule{{Verbs: []string{"*"}, NonResourceURLs: []string{"*"}}},
}

// AlwaysAllow is --authorization-mode=AlwaysAllow: every request is
// allowed. For tests and tutorials only.
type AlwaysAllow struct{}

var (
	_ Authorizer   = AlwaysAllow{}
	_ RuleResolver = AlwaysAllow{}
)

// Authorize allows.
func (AlwaysAllow) Authorize(context.Context, Attributes) (Decision, string, error) {
	return DecisionAllow, "", nil
}

// RulesFor returns "everything".
func (AlwaysAllow) RulesFor(context.Context, user.Info, string) (Rules, error) {
	return everything, nil
}

// AlwaysDenyReason is the reason AlwaysDeny gives, upstream's words.
const AlwaysDenyReason = "Everything is forbidden."

// AlwaysDeny is --authorization-mode=AlwaysDeny. As upstream, it answers
// NoOpinion rather than Deny, so a later mode may still allow.
type AlwaysDeny struct{}

var (
	_ Authorizer   = AlwaysDeny{}
	_ RuleResolver = AlwaysDeny{}
)

// Authorize has no opinion, with AlwaysDenyReason.
func (AlwaysDeny) Authorize(context.Context, Attributes) (Decision, string, error) {
	return DecisionNoOpinion, AlwaysDenyReason, nil
}

// RulesFor returns no rules.
func (AlwaysDeny) RulesFor(context.Context, user.Info, string) (Rules, error) {
	return Rules{}, nil
}

// PrivilegedGroups allows every request of a member of one of its groups.
// The apiserver puts PrivilegedGroups{system:masters} in front of every
// configured mode, so the admin certificate works whatever
// --authorization-mode says.
type PrivilegedGroups []string

var (
	_ Authorizer   = PrivilegedGroups(nil)
	_ RuleResolver = PrivilegedGroups(nil)
)

// Authorize allows members and has no opinion about others.
func (g PrivilegedGroups) Authorize(_ context.Context, a Attributes) (Decision, string, error) {
	if g.includes(a.User) {
		return DecisionAllow, "", nil
	}
	return DecisionNoOpinion, "", nil
}

// RulesFor lists nothing, for members too: upstream leaves this short cut
// out of the rule resolvers, so `kubectl auth can-i --list` shows an
// admin the rules of their bindings (cluster-admin's "*") once, not twice.
func (g PrivilegedGroups) RulesFor(context.Context, user.Info, string) (Rules, error) {
	return Rules{}, nil
}

func (g PrivilegedGroups) includes(u user.Info) bool {
	for _, group := range u.Groups {
		if slices.Contains(g, group) {
			return true
		}
	}
	return false
}
