// ABAC policies: the file format and the matching.
//
// Interface:
//   - Policy, PolicySpec: one line of the file (abac.authorization.kubernetes.io/v1beta1).
//   - PolicyList: the file; an Authorizer and a RuleResolver.
//   - NewFromFile(path), Parse(r, name).
package abac

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	authorizationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authorization/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// APIVersion and Kind every policy line must carry.
const (
	APIVersion = "abac.authorization.kubernetes.io/v1beta1"
	Kind       = "Policy"
)

// ReasonNoMatch is the reason when no policy matches, upstream's words.
const ReasonNoMatch = "No policy matched."

// Policy is one line of the policy file.
type Policy struct {
	metav1.TypeMeta `json:",inline"`
	Spec            PolicySpec `json:"spec"`
}

// PolicySpec is what a policy allows. User or Group must be set.
type PolicySpec struct {
	// User is a user name; "*" means every authenticated user.
	User string `json:"user,omitempty"`
	// Group is a group name; "*" means every authenticated user.
	Group string `json:"group,omitempty"`
	// Readonly restricts the policy to get, list and watch.
	Readonly bool `json:"readonly,omitempty"`
	// APIGroup, Resource and Namespace must all match a resource request;
	// "*" matches anything, including the cluster scope for Namespace.
	APIGroup  string `json:"apiGroup,omitempty"`
	Resource  string `json:"resource,omitempty"`
	Namespace string `json:"namespace,omitempty"`
	// NonResourcePath matches a non-resource request: "*", an exact path,
	// or "/prefix/*".
	NonResourcePath string `json:"nonResourcePath,omitempty"`
}

// PolicyList is a loaded policy file, in file order. It is immutable and
// safe for concurrent use.
type PolicyList []Policy

var (
	_ authorizer.Authorizer   = PolicyList(nil)
	_ authorizer.RuleResolver = PolicyList(nil)
)

// NewFromFile reads the policy file at path (--authorization-policy-file).
func NewFromFile(path string) (PolicyList, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read policy file: %w", err)
	}
	defer f.Close()
	return Parse(f, path)
}

// Parse reads policies from r, one JSON object per line; name is used in
// errors, which give the line number and the line. A "*" user or group
// is turned into group system:authenticated, as upstream's v1beta1
// conversion does, so it never matches anonymous requests.
func Parse(r io.Reader, name string) (PolicyList, error) {
	var out PolicyList
	scanner := bufio.NewScanner(r)
	for line := 1; scanner.Scan(); line++ {
		b := bytes.TrimSpace(scanner.Bytes())
		if len(b) == 0 || b[0] == '#' {
			continue
		}
		p, err := parseLine(b)
		if err != nil {
			return nil, fmt.Errorf("error reading policy file %s, line %d: %s: %w", name, line, b, err)
		}
		out = append(out, p)
	}
	if err := scanner.Err(); err != nil {
		return nil, fmt.Errorf("error reading policy file %s: %w", name, err)
	}
	return out, nil
}

func parseLine(b []byte) (Policy, error) {
	var p Policy
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		if p.APIVersion == "" {
			return p, fmt.Errorf("%w (unversioned policies are not supported: write {\"apiVersion\": %q, \"kind\": %q, \"spec\": {...}})", err, APIVersion, Kind)
		}
		return p, err
	}
	if p.APIVersion != APIVersion || p.Kind != Kind {
		return p, fmt.Errorf("apiVersion %q, kind %q: must be apiVersion %q, kind %q", p.APIVersion, p.Kind, APIVersion, Kind)
	}
	if p.Spec.User == "" && p.Spec.Group == "" {
		return p, fmt.Errorf("spec.user or spec.group is required")
	}
	if p.Spec.User == "*" || p.Spec.Group == "*" {
		p.Spec.User, p.Spec.Group = "", user.AllAuthenticated
	}
	return p, nil
}

// Authorize allows a when a policy matches it.
func (pl PolicyList) Authorize(_ context.Context, a authorizer.Attributes) (authorizer.Decision, string, error) {
	for i := range pl {
		if pl[i].matches(a) {
			return authorizer.DecisionAllow, "", nil
		}
	}
	return authorizer.DecisionNoOpinion, ReasonNoMatch, nil
}

func (p *Policy) matches(a authorizer.Attributes) bool {
	if !p.subjectMatches(a.User) || (p.Spec.Readonly && !a.IsReadOnly()) {
		return false
	}
	if a.ResourceRequest {
		s := p.Spec
		return (s.Namespace == "*" || s.Namespace == a.Namespace) &&
			(s.Resource == "*" || s.Resource == a.Resource) &&
			(s.APIGroup == "*" || s.APIGroup == a.APIGroup)
	}
	path := p.Spec.NonResourcePath
	return path == "*" || path == a.Path ||
		(strings.HasSuffix(path, "*") && strings.HasPrefix(a.Path, strings.TrimRight(path, "*")))
}

// subjectMatches: every subject field that is set must match.
func (p *Policy) subjectMatches(u user.Info) bool {
	if p.Spec.User != "" && p.Spec.User != u.Name {
		return false
	}
	if p.Spec.Group != "" && !slices.Contains(u.Groups, p.Spec.Group) {
		return false
	}
	return p.Spec.User != "" || p.Spec.Group != ""
}

// RulesFor lists the policies of u that apply in namespace as rules: a
// readonly policy grants get, list and watch, others "*".
func (pl PolicyList) RulesFor(_ context.Context, u user.Info, namespace string) (authorizer.Rules, error) {
	var out authorizer.Rules
	for i := range pl {
		s := pl[i].Spec
		if !pl[i].subjectMatches(u) || (s.Namespace != "*" && s.Namespace != namespace) {
			continue
		}
		verbs := []string{"*"}
		if s.Readonly {
			verbs = []string{"get", "list", "watch"}
		}
		if s.Resource != "" {
			out.Resource = append(out.Resource, authorizationv1.ResourceRule{
				Verbs: verbs, APIGroups: []string{s.APIGroup}, Resources: []string{s.Resource},
			})
		}
		if s.NonResourcePath != "" {
			out.NonResource = append(out.NonResource, authorizationv1.NonResourceRule{
				Verbs: verbs, NonResourceURLs: []string{s.NonResourcePath},
			})
		}
	}
	return out, nil
}
