package admission

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// Talk 000, "Admission controllers": every plugin runs (not first match
// wins), mutating ones before validating ones, and a rejection stops the
// request.
func TestChain(t *testing.T) {
	type spec struct {
		name          string
		kind          string // "mutating", "validating", "both"
		label, reject string
		ops           []Operation
	}
	tests := []struct {
		name      string
		plugins   []spec
		op        Operation
		wantCalls []string
		wantSteps Trace
		wantErr   string
	}{
		{
			name: "mutators first, in order, then validators",
			plugins: []spec{
				{name: "A", kind: "validating"},
				{name: "B", kind: "mutating", label: "b"},
				{name: "C", kind: "both"},
			},
			wantCalls: []string{"admit B", "admit C", "validate A", "validate C"},
			wantSteps: Trace{
				{Plugin: "B", Phase: PhaseMutating, Outcome: OutcomeMutated},
				{Plugin: "C", Phase: PhaseMutating, Outcome: OutcomeAdmitted},
				{Plugin: "A", Phase: PhaseValidating, Outcome: OutcomeAdmitted},
				{Plugin: "C", Phase: PhaseValidating, Outcome: OutcomeAdmitted},
			},
		},
		{
			name: "a mutating rejection stops before later mutators and all validators",
			plugins: []spec{
				{name: "A", kind: "mutating", reject: "no A"},
				{name: "B", kind: "mutating"},
				{name: "C", kind: "validating"},
			},
			wantCalls: []string{"admit A"},
			wantSteps: Trace{{Plugin: "A", Phase: PhaseMutating, Outcome: OutcomeRejected, Reason: `pods "web" is forbidden: no A`}},
			wantErr:   `pods "web" is forbidden: no A`,
		},
		{
			name: "a validating rejection is reported with its plugin",
			plugins: []spec{
				{name: "A", kind: "both", label: "a"},
				{name: "Q", kind: "validating", reject: "exceeded quota"},
				{name: "Z", kind: "validating"},
			},
			wantCalls: []string{"admit A", "validate A", "validate Q"},
			wantSteps: Trace{
				{Plugin: "A", Phase: PhaseMutating, Outcome: OutcomeMutated},
				{Plugin: "A", Phase: PhaseValidating, Outcome: OutcomeAdmitted},
				{Plugin: "Q", Phase: PhaseValidating, Outcome: OutcomeRejected, Reason: `pods "web" is forbidden: exceeded quota`},
			},
			wantErr: `pods "web" is forbidden: exceeded quota`,
		},
		{
			name:      "a plugin that does not handle the operation is skipped",
			plugins:   []spec{{name: "A", kind: "both", ops: []Operation{Delete}}, {name: "B", kind: "both"}},
			wantCalls: []string{"admit B", "validate B"},
			wantSteps: Trace{
				{Plugin: "B", Phase: PhaseMutating, Outcome: OutcomeAdmitted},
				{Plugin: "B", Phase: PhaseValidating, Outcome: OutcomeAdmitted},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var calls []string
			var plugins []Plugin
			for _, s := range tc.plugins {
				ops := s.ops
				if ops == nil {
					ops = []Operation{Create, Update}
				}
				f := &fakePlugin{Handler: NewHandler(ops...), name: s.name, label: s.label, reject: s.reject, calls: &calls}
				switch s.kind {
				case "mutating":
					plugins = append(plugins, mutatingPlugin{f})
				case "validating":
					plugins = append(plugins, validatingPlugin{f})
				default:
					plugins = append(plugins, bothPlugin{f})
				}
			}
			chain := NewChain(plugins...)
			a := podCreate()
			err := chain.Admit(context.Background(), a)
			if err == nil {
				err = chain.Validate(context.Background(), a)
			}
			if got := errString(err); got != tc.wantErr {
				t.Errorf("error = %q, want %q", got, tc.wantErr)
			}
			if tc.wantErr != "" && apierrors.StatusFor(err).Code != 403 {
				t.Errorf("status code = %d, want 403", apierrors.StatusFor(err).Code)
			}
			if diff := cmp.Diff(tc.wantCalls, calls); diff != "" {
				t.Errorf("calls (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantSteps, a.Trace); diff != "" {
				t.Errorf("trace (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNilChainAdmitsEverything(t *testing.T) {
	var c *Chain
	a := podCreate()
	if err := c.Admit(context.Background(), a); err != nil {
		t.Fatalf("Admit: %v", err)
	}
	if err := c.Validate(context.Background(), a); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if len(a.Trace) != 0 || c.Names() != nil {
		t.Errorf("nil chain recorded %v, names %v", a.Trace, c.Names())
	}
}

func TestTraceForms(t *testing.T) {
	tr := Trace{
		{Plugin: "ServiceAccount", Phase: PhaseMutating, Outcome: OutcomeMutated},
		{Plugin: "ResourceQuota", Phase: PhaseValidating, Outcome: OutcomeRejected, Reason: "exceeded quota: q"},
	}
	wantString := "mutating ServiceAccount: mutated; validating ResourceQuota: rejected: exceeded quota: q"
	if got := tr.String(); got != wantString {
		t.Errorf("String() = %q, want %q", got, wantString)
	}
	if got := (Trace{}).String(); got != "no admission plugin ran" {
		t.Errorf("empty String() = %q", got)
	}
	wantAnn := map[string]string{
		"admission.kubeworkbook/mutating.ServiceAccount":  "mutated",
		"admission.kubeworkbook/validating.ResourceQuota": "rejected: exceeded quota: q",
	}
	if diff := cmp.Diff(wantAnn, tr.AuditAnnotations()); diff != "" {
		t.Errorf("AuditAnnotations (-want +got):\n%s", diff)
	}
	if s, ok := tr.RejectedBy(); !ok || s.Plugin != "ResourceQuota" {
		t.Errorf("RejectedBy = %v, %v", s, ok)
	}
	if got := tr.MutatedBy(); !cmp.Equal(got, []string{"ServiceAccount"}) {
		t.Errorf("MutatedBy = %v", got)
	}
}

func TestAddAnnotation(t *testing.T) {
	a := podCreate()
	if err := a.AddAnnotation("pod-security.kubernetes.io/enforce-policy", "baseline:latest"); err != nil {
		t.Fatal(err)
	}
	if err := a.AddAnnotation("pod-security.kubernetes.io/enforce-policy", "baseline:latest"); err != nil {
		t.Errorf("same value again: %v", err)
	}
	err := a.AddAnnotation("pod-security.kubernetes.io/enforce-policy", "restricted:latest")
	if err == nil || !strings.Contains(err.Error(), `already set to "baseline:latest"`) {
		t.Errorf("conflicting value: err = %v", err)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
