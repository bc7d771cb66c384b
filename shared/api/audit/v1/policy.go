// Policy: which requests the audit log records, and at which level.
//
// Interface:
//   - Policy (with PolicyList): ordered rules, stages to omit, and
//     whether to strip managedFields from recorded bodies.
//   - PolicyRule: a level and the requests it applies to.
//   - GroupResources: resources of one API group, with subresource and
//     name forms ("pods/log", "*/scale", resourceNames).
//
// How a rule matches a request is the audit filter's business
// (stages/02-apiserver/audit, evaluate.go); these are the file's shape.
package auditv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// Policy is the content of an --audit-policy-file.
type Policy struct {
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta is there because every kind has one; nothing reads it.
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Rules are tried in order; the first that matches a request gives
	// its level. A request no rule matches is not recorded (LevelNone).
	Rules []PolicyRule `json:"rules"`
	// OmitStages are stages no event is written for, whatever the rule.
	// A rule's own OmitStages add to these.
	OmitStages []Stage `json:"omitStages,omitempty"`
	// OmitManagedFields drops metadata.managedFields from recorded request
	// and response bodies; a rule's own setting wins over it.
	OmitManagedFields bool `json:"omitManagedFields,omitempty"`
}

// PolicyList is a list of audit policies.
type PolicyList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`

	Items []Policy `json:"items"`
}

// PolicyRule maps the requests it matches to a level. A request matches
// when it matches every field given; an empty field matches everything.
// A rule may name resources or non-resource URLs, not both.
type PolicyRule struct {
	// Level is what matching requests are recorded at.
	Level Level `json:"level"`

	// Users are authenticated user names.
	Users []string `json:"users,omitempty"`
	// UserGroups match a user who is in any of them.
	UserGroups []string `json:"userGroups,omitempty"`
	// Verbs are Kubernetes verbs ("get", "watch", "create", ...).
	Verbs []string `json:"verbs,omitempty"`

	// Resources match resource requests of these groups and resources.
	Resources []GroupResources `json:"resources,omitempty"`
	// Namespaces match resource requests in them; "" stands for
	// cluster-scoped resources.
	Namespaces []string `json:"namespaces,omitempty"`

	// NonResourceURLs are paths of requests outside the resources
	// ("/healthz", "/version"); a final "*" matches any rest
	// ("/healthz*").
	NonResourceURLs []string `json:"nonResourceURLs,omitempty"`

	// OmitStages are stages no event is written for, added to the
	// policy's.
	OmitStages []Stage `json:"omitStages,omitempty"`
	// OmitManagedFields, when set, overrides the policy's setting for
	// the requests of this rule.
	OmitManagedFields *bool `json:"omitManagedFields,omitempty"`
}

// GroupResources names resources of one API group.
type GroupResources struct {
	// Group is the API group; "" is the core group.
	Group string `json:"group,omitempty"`
	// Resources are plural names: "pods" matches pods; "pods/log" the
	// log subresource of pods; "pods/*" every subresource of pods; "*"
	// every resource and subresource; "*/scale" every scale
	// subresource. Empty means every resource of the group.
	Resources []string `json:"resources,omitempty"`
	// ResourceNames are object names; empty means every object. Needs
	// Resources.
	ResourceNames []string `json:"resourceNames,omitempty"`
}
