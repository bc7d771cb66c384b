// Chain: the admission plugins of a server, run in order on every write.
//
// Interface:
//   - NewChain(plugins...) keeps the plugins in the order given (the
//     recommended order is in options.go).
//   - Admit runs every Mutator that handles the operation; Validate every
//     Validator. The first rejection stops the pass and is returned.
//   - Both append a Step per plugin called to Attributes.Trace.
//
// Where it sits: the create, update and delete handlers
// (stages/02-apiserver/endpoints) decode the body, call Admit, validate
// the object (422), call Validate, and only then write to etcd. Reads
// never get here. Talk 000, "Admission controllers": the plugins can
// modify or reject a request, and have no say in reads.
package admission

import (
	"bytes"
	"context"
	"encoding/json"
)

// Chain runs admission plugins in a fixed order. A nil *Chain admits
// everything, which is what a server with every plugin disabled has.
type Chain struct {
	plugins []Plugin
}

// NewChain returns a chain of plugins in the given order. Each plugin
// should implement Mutator, Validator or both; one that implements
// neither is never called.
func NewChain(plugins ...Plugin) *Chain {
	return &Chain{plugins: plugins}
}

// Names lists the plugins in order, for the startup log line
// "admission plugins: NamespaceLifecycle, LimitRanger, ...".
func (c *Chain) Names() []string {
	if c == nil {
		return nil
	}
	names := make([]string, len(c.plugins))
	for i, p := range c.plugins {
		names[i] = p.Name()
	}
	return names
}

// Admit runs the mutating pass: every Mutator that handles a.Operation,
// in order, each seeing the object as the previous one left it. It
// returns the first rejection unchanged (usually a 403 from
// NewForbidden); later mutators are not called.
func (c *Chain) Admit(ctx context.Context, a *Attributes) error {
	if c == nil {
		return nil
	}
	// The object is encoded once before the pass and once after each
	// plugin; one plugin's "after" is the next one's "before".
	var before []byte
	encoded := false
	for _, p := range c.plugins {
		m, ok := p.(Mutator)
		if !ok || !m.Handles(a.Operation) {
			continue
		}
		if !encoded {
			before, encoded = snapshot(a), true
		}
		err := m.Admit(ctx, a)
		step := Step{Plugin: p.Name(), Phase: PhaseMutating, Outcome: OutcomeAdmitted}
		if err != nil {
			step.Outcome, step.Reason = OutcomeRejected, err.Error()
		} else if after := snapshot(a); !bytes.Equal(before, after) {
			step.Outcome = OutcomeMutated
			before = after
		}
		a.Trace = append(a.Trace, step)
		if err != nil {
			return err
		}
	}
	return nil
}

// Validate runs the validating pass: every Validator that handles
// a.Operation, in order. Validators must not change the object; the
// first rejection is returned and stops the pass.
func (c *Chain) Validate(ctx context.Context, a *Attributes) error {
	if c == nil {
		return nil
	}
	for _, p := range c.plugins {
		v, ok := p.(Validator)
		if !ok || !v.Handles(a.Operation) {
			continue
		}
		err := v.Validate(ctx, a)
		step := Step{Plugin: p.Name(), Phase: PhaseValidating, Outcome: OutcomeAdmitted}
		if err != nil {
			step.Outcome, step.Reason = OutcomeRejected, err.Error()
		}
		a.Trace = append(a.Trace, step)
		if err != nil {
			return err
		}
	}
	return nil
}

// snapshot is the object's JSON, to tell whether a mutator changed it.
// An object that cannot be encoded (which a decoded API object always
// can) snapshots as nil and so never counts as mutated: the trace is a
// diagnostic, not worth failing a request over.
func snapshot(a *Attributes) []byte {
	if a.Object == nil {
		return nil
	}
	b, err := json.Marshal(a.Object)
	if err != nil {
		return nil
	}
	return b
}
