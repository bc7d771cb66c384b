// Union: the authorization chain, asked in --authorization-mode order.
//
// Interface:
//   - Named: an Authorizer with the mode name it was configured as.
//   - NewUnion(...Named) *Union; Union is an Authorizer and a RuleResolver.
//   - (*Union).Explain returns a Verdict: the decision, the reason and
//     which mode decided, for the -v 4 log line and the audit event.
//
// The rules, upstream's: the first Allow wins; a Deny is final; NoOpinion
// asks the next mode; when every mode has no opinion the request is
// denied, with their reasons joined.
package authorizer

import (
	"context"
	"errors"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// Named is one mode of the chain.
type Named struct {
	// Name is the mode as --authorization-mode spells it ("RBAC").
	Name string
	Authorizer
}

// Union asks its authorizers in order. It is immutable after NewUnion and
// safe for concurrent use.
type Union struct {
	chain []Named
}

var (
	_ Authorizer   = (*Union)(nil)
	_ RuleResolver = (*Union)(nil)
)

// NewUnion returns the chain of the given modes, asked in this order.
func NewUnion(modes ...Named) *Union {
	return &Union{chain: modes}
}

// Verdict is the outcome of the chain for one request.
type Verdict struct {
	Decision Decision
	// Reason is the deciding mode's reason; for a request no mode allowed,
	// the reasons of all modes joined by newlines, as upstream.
	Reason string
	// Authorizer is the name of the mode that allowed or denied; "" when
	// none had an opinion.
	Authorizer string
	// Err joins the errors of the modes asked, even when a later one
	// decided; a caller denies with a 500 when Decision is not Allow and
	// Err is set, as upstream's filter does.
	Err error
}

// Explain asks each mode in turn and says which one decided.
func (u *Union) Explain(ctx context.Context, a Attributes) Verdict {
	var reasons []string
	var errs []error
	for _, m := range u.chain {
		d, reason, err := m.Authorize(ctx, a)
		if err != nil {
			errs = append(errs, err)
		}
		if reason != "" {
			reasons = append(reasons, reason)
		}
		if d == DecisionAllow || d == DecisionDeny {
			return Verdict{Decision: d, Reason: reason, Authorizer: m.Name, Err: err}
		}
	}
	return Verdict{Decision: DecisionNoOpinion, Reason: strings.Join(reasons, "\n"), Err: errors.Join(errs...)}
}

// Authorize is Explain without the name of the deciding mode.
func (u *Union) Authorize(ctx context.Context, a Attributes) (Decision, string, error) {
	v := u.Explain(ctx, a)
	return v.Decision, v.Reason, v.Err
}

// RulesFor merges the rules of every mode that can list them. A mode that
// cannot (it does not implement RuleResolver) makes the result
// incomplete; errors are joined and the rules found are kept.
func (u *Union) RulesFor(ctx context.Context, who user.Info, namespace string) (Rules, error) {
	var out Rules
	var errs []error
	for _, m := range u.chain {
		r, ok := m.Authorizer.(RuleResolver)
		if !ok {
			out.Incomplete = true
			continue
		}
		rules, err := r.RulesFor(ctx, who, namespace)
		if err != nil {
			errs = append(errs, err)
		}
		out.Resource = append(out.Resource, rules.Resource...)
		out.NonResource = append(out.NonResource, rules.NonResource...)
		out.Incomplete = out.Incomplete || rules.Incomplete
	}
	return out, errors.Join(errs...)
}
