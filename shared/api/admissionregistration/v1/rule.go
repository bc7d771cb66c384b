// Rules: which requests a webhook is sent.
//
// Interface:
//   - RuleWithOperations = operations + Rule.
//   - Rule: apiGroups, apiVersions, resources (with "pods/status" style
//     subresources and "*" wildcards) and scope.
//   - OperationType and ScopeType with their values.
//
// The matching itself is done by the webhook admission plugins in
// stages/02-apiserver/admission/plugin/webhook.
package admissionregistrationv1

// RuleWithOperations is a Rule plus the operations it applies to.
type RuleWithOperations struct {
	// Operations lists CREATE, UPDATE, DELETE, CONNECT, or "*" for all.
	Operations []OperationType `json:"operations,omitempty"`
	Rule       `json:",inline"`
}

// Rule selects resources. Each list must be non-empty; "*" matches every
// value.
type Rule struct {
	// APIGroups: "" is the core group.
	APIGroups   []string `json:"apiGroups,omitempty"`
	APIVersions []string `json:"apiVersions,omitempty"`
	// Resources: "pods" (no subresource), "pods/status", "pods/*" (pods
	// and all its subresources), "*" (all resources, no subresources),
	// "*/*" (everything), "*/status".
	Resources []string `json:"resources,omitempty"`
	// Scope is Cluster, Namespaced or "*" (the default).
	Scope *ScopeType `json:"scope,omitempty"`
}

// OperationType is a write a rule applies to.
type OperationType string

// The operations.
const (
	OperationAll OperationType = "*"
	Create       OperationType = "CREATE"
	Update       OperationType = "UPDATE"
	Delete       OperationType = "DELETE"
	Connect      OperationType = "CONNECT"
)

// ScopeType restricts a rule to cluster-scoped or namespaced resources.
type ScopeType string

// The scopes. Namespace objects count as cluster-scoped.
const (
	ClusterScope    ScopeType = "Cluster"
	NamespacedScope ScopeType = "Namespaced"
	AllScopes       ScopeType = "*"
)
