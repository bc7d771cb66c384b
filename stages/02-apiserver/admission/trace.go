// Trace: what each admission plugin did with one request.
//
// Interface:
//   - Step: one plugin in one phase, and its Outcome (admitted, mutated,
//     rejected with a reason).
//   - Trace: the Steps in the order the Chain ran them; String is the
//     one-line form the server logs at -v 4, AuditAnnotations the form
//     it puts in the audit event, RejectedBy and MutatedBy answer the two
//     questions a reader asks.
//
// Upstream keeps this in metrics and scattered log lines; a single record
// per request makes the chain visible, which is the point of issue 5.
package admission

import (
	"fmt"
	"strings"
)

// Phase is one of the two passes of the chain.
type Phase string

// The phases, in the order a request passes them. Object validation (the
// 422 checks) runs between the two.
const (
	PhaseMutating   Phase = "mutating"
	PhaseValidating Phase = "validating"
)

// Outcome is what one plugin did.
type Outcome string

// The outcomes of a step.
const (
	// OutcomeAdmitted: the plugin looked and let the request through
	// unchanged.
	OutcomeAdmitted Outcome = "admitted"
	// OutcomeMutated: a mutating plugin changed the object.
	OutcomeMutated Outcome = "mutated"
	// OutcomeRejected: the plugin refused; the chain stopped here.
	OutcomeRejected Outcome = "rejected"
)

// Step records one plugin call.
type Step struct {
	Plugin  string
	Phase   Phase
	Outcome Outcome
	// Reason is the rejection's message; empty unless Outcome is
	// OutcomeRejected.
	Reason string
}

// String prints "mutating ServiceAccount: mutated" or
// "validating ResourceQuota: rejected: <reason>".
func (s Step) String() string {
	out := fmt.Sprintf("%s %s: %s", s.Phase, s.Plugin, s.Outcome)
	if s.Reason != "" {
		out += ": " + s.Reason
	}
	return out
}

// Trace is every Step of one request, in order. Plugins that do not
// handle the request's operation are not called and leave no Step.
type Trace []Step

// String joins the steps with "; ", or says "no admission plugin ran".
func (t Trace) String() string {
	if len(t) == 0 {
		return "no admission plugin ran"
	}
	parts := make([]string, len(t))
	for i, s := range t {
		parts[i] = s.String()
	}
	return strings.Join(parts, "; ")
}

// RejectedBy returns the step that refused the request, if one did.
func (t Trace) RejectedBy() (Step, bool) {
	for _, s := range t {
		if s.Outcome == OutcomeRejected {
			return s, true
		}
	}
	return Step{}, false
}

// MutatedBy names the plugins that changed the object, in order.
func (t Trace) MutatedBy() []string {
	var names []string
	for _, s := range t {
		if s.Outcome == OutcomeMutated {
			names = append(names, s.Plugin)
		}
	}
	return names
}

// AuditAnnotationPrefix starts the audit annotation keys of a Trace.
const AuditAnnotationPrefix = "admission.kubeworkbook/"

// AuditAnnotations returns one annotation per step,
// "admission.kubeworkbook/<phase>.<Plugin>" = "<outcome>[: <reason>]",
// the shape of an audit event's annotations map.
func (t Trace) AuditAnnotations() map[string]string {
	if len(t) == 0 {
		return nil
	}
	out := make(map[string]string, len(t))
	for _, s := range t {
		v := string(s.Outcome)
		if s.Reason != "" {
			v += ": " + s.Reason
		}
		out[AuditAnnotationPrefix+string(s.Phase)+"."+s.Plugin] = v
	}
	return out
}
