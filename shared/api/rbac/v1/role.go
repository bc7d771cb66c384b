// Roles: sets of permissions, in a namespace (Role) or cluster-wide
// (ClusterRole).
//
// Interface:
//   - PolicyRule: verbs on resources of API groups (optionally only some
//     resource names), or verbs on non-resource URLs such as /healthz.
//   - Role, ClusterRole (with their lists); a ClusterRole may instead
//     aggregate the rules of ClusterRoles selected by label.
//   - The wildcard constants: "*" for any group, resource, verb or URL.
//
// The RBAC authorizer (stage 2) matches a request against every rule of
// every role bound to the requester (binding.go).
package rbacv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// Wildcards a PolicyRule may use.
const (
	APIGroupAll    = "*"
	ResourceAll    = "*"
	VerbAll        = "*"
	NonResourceAll = "*"
)

// PolicyRule grants Verbs on either resources or non-resource URLs, never
// both.
type PolicyRule struct {
	// Verbs are get, list, watch, create, update, patch, delete,
	// deletecollection, or "*". The tag has no omitempty.
	Verbs []string `json:"verbs"`
	// APIGroups lists groups; "" is the core group.
	APIGroups []string `json:"apiGroups,omitempty"`
	// Resources lists resources, "resource/subresource" (pods/log), or "*".
	Resources []string `json:"resources,omitempty"`
	// ResourceNames restricts the rule to objects with these names.
	ResourceNames []string `json:"resourceNames,omitempty"`
	// NonResourceURLs lists paths such as "/healthz" or "/api/*"; only
	// meaningful in a ClusterRole.
	NonResourceURLs []string `json:"nonResourceURLs,omitempty"`
}

// Role is a namespaced set of rules.
type Role struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Rules has no omitempty: a Role without rules is written with
	// "rules": null.
	Rules []PolicyRule `json:"rules"`
}

// RoleList is a list of Roles.
type RoleList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Role `json:"items"`
}

// ClusterRole is a cluster-wide set of rules. Bound by a RoleBinding it
// grants its rules inside one namespace only.
type ClusterRole struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Rules is filled by the aggregation controller when AggregationRule
	// is set; edits to it are then overwritten.
	Rules           []PolicyRule     `json:"rules"`
	AggregationRule *AggregationRule `json:"aggregationRule,omitempty"`
}

// ClusterRoleList is a list of ClusterRoles.
type ClusterRoleList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ClusterRole `json:"items"`
}

// AggregationRule makes a ClusterRole the union of the ClusterRoles its
// selectors match (how "admin", "edit" and "view" grow when CRDs add
// rules).
type AggregationRule struct {
	ClusterRoleSelectors []metav1.LabelSelector `json:"clusterRoleSelectors,omitempty"`
}
