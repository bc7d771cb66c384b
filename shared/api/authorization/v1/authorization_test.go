package authorizationv1

import (
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/api/internal/apitest"
)

// Talk 000, "Authorization chain": the questions an authorizer answers
// decode with no unknown field and encode back to the same document,
// exactly as an authorization webhook and kubectl auth can-i exchange them.
func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		file string
		obj  any
	}{
		{"subject access review sent to a webhook", "subjectaccessreview.json", &SubjectAccessReview{}},
		{"self review of a non-resource path", "selfsubjectaccessreview.json", &SelfSubjectAccessReview{}},
		{"local review of a subresource", "localsubjectaccessreview.json", &LocalSubjectAccessReview{}},
		{"rules review as can-i --list reads it", "selfsubjectrulesreview.json", &SelfSubjectRulesReview{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			apitest.RoundTrip(t, tc.file, tc.obj)
		})
	}
}

// A denial is written with "allowed": false, and an empty rules review
// with null lists and "incomplete": false, as upstream writes them.
func TestZeroValueShape(t *testing.T) {
	tests := []struct {
		name string
		obj  any
		want string
	}{
		{"review status", SubjectAccessReview{}, `{"metadata":{},"spec":{},"status":{"allowed":false}}`},
		{"rules status", SelfSubjectRulesReview{}, `{"metadata":{},"spec":{},"status":{"resourceRules":null,"nonResourceRules":null,"incomplete":false}}`},
		{"rule verbs", ResourceRule{}, `{"verbs":null}`},
		{"non-resource rule verbs", NonResourceRule{}, `{"verbs":null}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			apitest.MarshalsTo(t, tc.obj, tc.want)
		})
	}
}

// ExtraValue prints like the slice it is, as upstream's String does.
func TestExtraValueString(t *testing.T) {
	v := ExtraValue{"a", "b"}
	if got, want := v.String(), "[a b]"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
