// Rules review: everything the caller may do in one namespace.
//
// Interface:
//   - SelfSubjectRulesReview with SelfSubjectRulesReviewSpec (the
//     namespace) and SubjectRulesReviewStatus (the rules, and whether the
//     list is incomplete).
//   - ResourceRule and NonResourceRule: a PolicyRule split in two.
//
// kubectl auth can-i --list prints this status as a table.
package authorizationv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// SelfSubjectRulesReview lists the actions the caller may perform in a
// namespace. The list is for showing, not for deciding: an authorizer that
// cannot enumerate its rules (a webhook, the Node authorizer) makes it
// incomplete.
type SelfSubjectRulesReview struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              SelfSubjectRulesReviewSpec `json:"spec"`
	Status            SubjectRulesReviewStatus   `json:"status,omitempty"`
}

// SelfSubjectRulesReviewSpec names the namespace to list rules for. It is
// required.
type SelfSubjectRulesReviewSpec struct {
	Namespace string `json:"namespace,omitempty"`
}

// SubjectRulesReviewStatus holds the rules. Rules only add permissions, so
// every rule listed holds even when Incomplete is true.
type SubjectRulesReviewStatus struct {
	// ResourceRules and NonResourceRules have no omitempty: empty lists
	// are written as null.
	ResourceRules    []ResourceRule    `json:"resourceRules"`
	NonResourceRules []NonResourceRule `json:"nonResourceRules"`
	// Incomplete has no omitempty either.
	Incomplete      bool   `json:"incomplete"`
	EvaluationError string `json:"evaluationError,omitempty"`
}

// ResourceRule lets Verbs on Resources of APIGroups, optionally only the
// objects named in ResourceNames. "*" means all; "*/scale" is the scale
// subresource of every resource.
type ResourceRule struct {
	Verbs         []string `json:"verbs"`
	APIGroups     []string `json:"apiGroups,omitempty"`
	Resources     []string `json:"resources,omitempty"`
	ResourceNames []string `json:"resourceNames,omitempty"`
}

// NonResourceRule lets Verbs on the paths in NonResourceURLs; a final "*"
// matches every path with that prefix.
type NonResourceRule struct {
	Verbs           []string `json:"verbs"`
	NonResourceURLs []string `json:"nonResourceURLs,omitempty"`
}
