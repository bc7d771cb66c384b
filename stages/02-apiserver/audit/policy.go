// Policy: loading and checking an audit policy file.
//
// Interface:
//   - Policy: a checked auditv1.Policy, ready for Evaluate (evaluate.go).
//   - NewPolicy(spec), ParsePolicy(data), LoadPolicyFile(path): the ways
//     to make one; each refuses a policy that would not work, naming the
//     rule and field ("rules[2].level: Unsupported value: ...").
//   - DefaultPolicy(): Metadata for every request, used when the server
//     has an audit log but no --audit-policy-file.
//
// The rules follow upstream's validation
// (k8s.io/apiserver/pkg/apis/audit/validation); matching is in
// evaluate.go.
package audit

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// Policy is an audit policy that passed validation. Make one with
// NewPolicy, ParsePolicy, LoadPolicyFile or DefaultPolicy; the zero value
// has no rules and records nothing. A Policy is never changed after it is
// made, so one may serve any number of requests at once.
type Policy struct {
	spec auditv1.Policy
}

// DefaultPolicy records every request at LevelMetadata: who asked what,
// when, and the answer's status, but no bodies. Upstream has no default
// (no policy file means no audit log); this project writes one whenever
// --audit-log-path is given, so the log is useful without a policy file.
func DefaultPolicy() *Policy {
	return &Policy{spec: auditv1.Policy{
		TypeMeta: policyType,
		Rules:    []auditv1.PolicyRule{{Level: auditv1.LevelMetadata}},
	}}
}

// policyType is the apiVersion and kind a policy file must have.
var policyType = metav1.TypeMeta{APIVersion: auditv1.SchemeGroupVersion.String(), Kind: "Policy"}

// NewPolicy checks spec and returns it as a Policy. The error lists every
// problem, each naming its field path.
func NewPolicy(spec auditv1.Policy) (*Policy, error) {
	if errs := validatePolicy(spec); len(errs) > 0 {
		return nil, fmt.Errorf("validate audit policy: %w", errs.ToAggregate())
	}
	if len(spec.Rules) == 0 {
		return nil, errors.New("validate audit policy: loaded illegal policy with 0 rules; add at least one rule, for example {level: Metadata}")
	}
	return &Policy{spec: spec}, nil
}

// ParsePolicy decodes a policy document (YAML or JSON) and checks it. The
// document must say apiVersion audit.k8s.io/v1 and kind Policy. Unknown
// fields are an error, named by path ("rules[1].levl"); upstream only
// warns about them, but a misspelt field silently matching every request
// is worse in an audit log than a server that will not start.
func ParsePolicy(data []byte) (*Policy, error) {
	var spec auditv1.Policy
	if err := codec.DecodeStrict(data, &spec); err != nil {
		return nil, fmt.Errorf("decode audit policy: %w", err)
	}
	if spec.APIVersion != policyType.APIVersion || spec.Kind != policyType.Kind {
		return nil, fmt.Errorf("decode audit policy: unknown group version field %s/%s in policy; want apiVersion %q and kind %q",
			spec.APIVersion, spec.Kind, policyType.APIVersion, policyType.Kind)
	}
	return NewPolicy(spec)
}

// LoadPolicyFile reads and parses the policy file at path
// (--audit-policy-file).
func LoadPolicyFile(path string) (*Policy, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load audit policy: %w", err)
	}
	p, err := ParsePolicy(data)
	if err != nil {
		return nil, fmt.Errorf("load audit policy %s: %w", path, err)
	}
	return p, nil
}

// Spec returns a copy of the policy's rules as the file had them.
func (p *Policy) Spec() auditv1.Policy {
	spec := p.spec
	spec.Rules = slices.Clone(spec.Rules)
	return spec
}

// validatePolicy reports every problem of spec, by field path.
func validatePolicy(spec auditv1.Policy) field.ErrorList {
	errs := validateOmitStages(spec.OmitStages, field.NewPath("omitStages"))
	for i, rule := range spec.Rules {
		errs = append(errs, validateRule(rule, field.NewPath("rules").Index(i))...)
	}
	return errs
}

func validateRule(rule auditv1.PolicyRule, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	switch {
	case rule.Level == "":
		errs = append(errs, field.Required(path.Child("level"), "must be one of None, Metadata, Request, RequestResponse"))
	case !slices.Contains(auditv1.Levels, rule.Level):
		errs = append(errs, field.NotSupported(path.Child("level"), rule.Level, auditv1.Levels))
	}
	for i, url := range rule.NonResourceURLs {
		p := path.Child("nonResourceURLs").Index(i)
		if url == "*" {
			continue
		}
		if !strings.HasPrefix(url, "/") {
			errs = append(errs, field.Invalid(p, url, "non-resource URL rules must begin with a '/' character"))
		}
		if url != "" && strings.Contains(url[:len(url)-1], "*") {
			errs = append(errs, field.Invalid(p, url, "non-resource URL wildcards '*' must be the final character of the rule"))
		}
	}
	for i, gr := range rule.Resources {
		p := path.Child("resources").Index(i)
		if gr.Group != "" {
			if msgs := validation.IsDNS1123Subdomain(gr.Group); len(msgs) > 0 {
				errs = append(errs, field.Invalid(p.Child("group"), gr.Group, strings.Join(msgs, ",")))
			}
		}
		if len(gr.ResourceNames) > 0 && len(gr.Resources) == 0 {
			errs = append(errs, field.Invalid(p.Child("resourceNames"), gr.ResourceNames, "using resourceNames requires at least one resource"))
		}
	}
	if len(rule.NonResourceURLs) > 0 && (len(rule.Resources) > 0 || len(rule.Namespaces) > 0) {
		errs = append(errs, field.Invalid(path.Child("nonResourceURLs"), rule.NonResourceURLs,
			"rules cannot apply to both regular resources and non-resource URLs"))
	}
	return append(errs, validateOmitStages(rule.OmitStages, path.Child("omitStages"))...)
}

func validateOmitStages(stages []auditv1.Stage, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, s := range stages {
		if !slices.Contains(auditv1.Stages, s) {
			errs = append(errs, field.NotSupported(path.Index(i), s, auditv1.Stages))
		}
	}
	return errs
}
