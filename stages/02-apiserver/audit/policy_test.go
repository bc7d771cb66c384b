package audit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
)

// A policy file that would not work is refused when the server starts,
// and the message names the rule (by index) and the field to fix.
func TestParsePolicyErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want string
	}{
		{"missing level", `
apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: Metadata
- verbs: [get]
`, `rules[1].level: Required value`},
		{"unknown level", `{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":[{"level":"Verbose"}]}`,
			`rules[0].level: Unsupported value: "Verbose": supported values: "None", "Metadata", "Request", "RequestResponse"`},
		{"misspelt field", `
apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  verb: [watch]
`, `unknown field "rules[0].verb"`},
		{"wildcard not last", `
apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  nonResourceURLs: ["/healthz*/etcd"]
`, `rules[0].nonResourceURLs[0]: Invalid value: "/healthz*/etcd": non-resource URL wildcards '*' must be the final character of the rule`},
		{"URL without slash", `
apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  nonResourceURLs: ["healthz"]
`, `rules[0].nonResourceURLs[0]: Invalid value: "healthz": non-resource URL rules must begin with a '/' character`},
		{"resources and URLs", `
apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: Metadata
  namespaces: [default]
  nonResourceURLs: ["/version"]
`, `rules[0].nonResourceURLs: Invalid value: ["/version"]: rules cannot apply to both regular resources and non-resource URLs`},
		{"names without resources", `
apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: Metadata
- level: Request
  resources:
  - group: apps
    resourceNames: [web]
`, `rules[1].resources[0].resourceNames: Invalid value: ["web"]: using resourceNames requires at least one resource`},
		{"group with a version", `
apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: Metadata
  resources:
  - group: apps/v1
`, `rules[0].resources[0].group: Invalid value: "apps/v1"`},
		{"unknown stage", `
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [Received]
rules:
- level: Metadata
`, `omitStages[0]: Unsupported value: "Received"`},
		{"no rules", `{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":[]}`, `loaded illegal policy with 0 rules`},
		{"old version", `{"apiVersion":"audit.k8s.io/v1beta1","kind":"Policy","rules":[{"level":"Metadata"}]}`,
			`unknown group version field audit.k8s.io/v1beta1/Policy in policy`},
		{"not YAML", "rules: [", `decode audit policy`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParsePolicy([]byte(tc.doc))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// The example policy of the package documentation loads from a file,
// and the file's path is in the error of one that does not.
func TestLoadPolicyFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "policy.yaml")
	if err := os.WriteFile(good, []byte(examplePolicy), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := LoadPolicyFile(good)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(p.Spec().Rules); got != 5 {
		t.Errorf("%d rules, want 5", got)
	}
	missing := filepath.Join(dir, "missing.yaml")
	if _, err := LoadPolicyFile(missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("error %v, want it to name %s", err, missing)
	}
}

// Without a policy file every request is recorded at Metadata.
func TestDefaultPolicy(t *testing.T) {
	for _, a := range []struct{ name, path string }{{"resource", "/api/v1/pods"}, {"non-resource", "/healthz"}} {
		t.Run(a.name, func(t *testing.T) {
			attrs := attributes(t, "GET", a.path, nil)
			if got := DefaultPolicy().Evaluate(attrs).Level; got != auditv1.LevelMetadata {
				t.Errorf("level %q, want Metadata", got)
			}
		})
	}
}

// examplePolicy is a policy in the style of upstream's documentation.
const examplePolicy = `
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
# Health checks are noise.
- level: None
  nonResourceURLs: ["/healthz*", "/readyz", "/livez"]
# kube-proxy's watches are too.
- level: None
  users: ["system:kube-proxy"]
  verbs: ["watch"]
  resources:
  - resources: ["endpoints", "services"]
# Secrets' contents must not reach the log.
- level: Metadata
  resources:
  - resources: ["secrets", "configmaps"]
# Everything about pods, and their logs.
- level: RequestResponse
  resources:
  - resources: ["pods", "pods/log"]
- level: Metadata
`
