// Access reviews: one question about one request, answered in status.
//
// Interface:
//   - SubjectAccessReview, LocalSubjectAccessReview (spec names the
//     user), SelfSubjectAccessReview (the caller is the user).
//   - ResourceAttributes or NonResourceAttributes: exactly one says what
//     is being asked about; FieldSelectorAttributes and
//     LabelSelectorAttributes narrow a list or watch.
//   - SubjectAccessReviewStatus: allowed, denied (an explicit deny), the
//     reason and any evaluation error.
//
// The rules review, which lists permissions instead of checking one, is
// in rules.go.
package authorizationv1

import (
	"fmt"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// SubjectAccessReview asks whether a user or group may perform an action.
// It is cluster-scoped; its metadata must be empty.
type SubjectAccessReview struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              SubjectAccessReviewSpec `json:"spec"`
	// Status is filled in by the server.
	Status SubjectAccessReviewStatus `json:"status,omitempty"`
}

// LocalSubjectAccessReview is a SubjectAccessReview inside one namespace:
// spec.resourceAttributes.namespace must equal metadata.namespace, and
// non-resource questions are refused.
type LocalSubjectAccessReview struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              SubjectAccessReviewSpec   `json:"spec"`
	Status            SubjectAccessReviewStatus `json:"status,omitempty"`
}

// SelfSubjectAccessReview asks whether the caller may perform an action.
// Every authenticated user may create one (the system:basic-user role).
type SelfSubjectAccessReview struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              SelfSubjectAccessReviewSpec `json:"spec"`
	Status            SubjectAccessReviewStatus   `json:"status,omitempty"`
}

// SubjectAccessReviewSpec is the question. Exactly one of
// ResourceAttributes and NonResourceAttributes must be set, and at least
// one of User and Groups.
type SubjectAccessReviewSpec struct {
	ResourceAttributes    *ResourceAttributes    `json:"resourceAttributes,omitempty"`
	NonResourceAttributes *NonResourceAttributes `json:"nonResourceAttributes,omitempty"`
	// User is the user name to check. With User but no Groups the question
	// is "what if User were in no group at all".
	User   string                `json:"user,omitempty"`
	Groups []string              `json:"groups,omitempty"`
	Extra  map[string]ExtraValue `json:"extra,omitempty"`
	UID    string                `json:"uid,omitempty"`
}

// SelfSubjectAccessReviewSpec is the question without a user: the server
// takes the caller's. Exactly one of the two attribute sets must be set.
type SelfSubjectAccessReviewSpec struct {
	ResourceAttributes    *ResourceAttributes    `json:"resourceAttributes,omitempty"`
	NonResourceAttributes *NonResourceAttributes `json:"nonResourceAttributes,omitempty"`
}

// ExtraValue is the list of values of one extra attribute of a user.
type ExtraValue []string

// String prints the values as a Go slice, as upstream does.
func (v ExtraValue) String() string { return fmt.Sprintf("%v", []string(v)) }

// ResourceAttributes describe a request on a resource. "*" in Verb, Group,
// Version or Resource means all; an empty Namespace means cluster-scoped,
// or every namespace for a namespaced resource; an empty Name means all.
type ResourceAttributes struct {
	Namespace   string `json:"namespace,omitempty"`
	Verb        string `json:"verb,omitempty"`
	Group       string `json:"group,omitempty"`
	Version     string `json:"version,omitempty"`
	Resource    string `json:"resource,omitempty"`
	Subresource string `json:"subresource,omitempty"`
	Name        string `json:"name,omitempty"`
	// FieldSelector and LabelSelector limit a list or watch; they can only
	// narrow what is asked, never widen it.
	FieldSelector *FieldSelectorAttributes `json:"fieldSelector,omitempty"`
	LabelSelector *LabelSelectorAttributes `json:"labelSelector,omitempty"`
}

// FieldSelectorAttributes is a field selector, either as written in a
// query (RawSelector) or parsed (Requirements); not both.
type FieldSelectorAttributes struct {
	RawSelector  string                     `json:"rawSelector,omitempty"`
	Requirements []FieldSelectorRequirement `json:"requirements,omitempty"`
}

// FieldSelectorRequirement is one parsed term of a field selector. Upstream
// keeps it in meta/v1; it lives here until that package needs it.
type FieldSelectorRequirement struct {
	Key string `json:"key"`
	// Operator is In, NotIn, Exists or DoesNotExist.
	Operator FieldSelectorOperator `json:"operator"`
	Values   []string              `json:"values,omitempty"`
}

// FieldSelectorOperator relates a field to its values.
type FieldSelectorOperator string

// The field selector operators.
const (
	FieldSelectorOpIn           FieldSelectorOperator = "In"
	FieldSelectorOpNotIn        FieldSelectorOperator = "NotIn"
	FieldSelectorOpExists       FieldSelectorOperator = "Exists"
	FieldSelectorOpDoesNotExist FieldSelectorOperator = "DoesNotExist"
)

// LabelSelectorAttributes is a label selector, raw or parsed; not both.
type LabelSelectorAttributes struct {
	RawSelector  string                            `json:"rawSelector,omitempty"`
	Requirements []metav1.LabelSelectorRequirement `json:"requirements,omitempty"`
}

// NonResourceAttributes describe a request for a path that is not a
// resource (/healthz, /version, /apis): the path and the lower-case HTTP
// verb.
type NonResourceAttributes struct {
	Path string `json:"path,omitempty"`
	Verb string `json:"verb,omitempty"`
}

// SubjectAccessReviewStatus is the answer. Allowed and Denied are never
// both true; both false means no authorizer had an opinion, which the
// server treats as a denial.
type SubjectAccessReviewStatus struct {
	// Allowed has no omitempty: a denial is written as "allowed": false.
	Allowed bool `json:"allowed"`
	// Denied is an explicit denial: no later authorizer is asked.
	Denied bool   `json:"denied,omitempty"`
	Reason string `json:"reason,omitempty"`
	// EvaluationError reports a failure that happened while deciding (a
	// webhook that did not answer, a binding to a missing role); the
	// answer may still be right, because rules only ever add permissions.
	EvaluationError string `json:"evaluationError,omitempty"`
}
