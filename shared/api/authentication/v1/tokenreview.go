// TokenReview: "whose token is this?", asked of the API server by someone
// holding a token they did not issue (a kubelet checking a caller, an
// aggregated API server, a webhook).
//
// Interface:
//   - TokenReview = metadata + TokenReviewSpec (the token and the
//     audiences the asker answers to) + TokenReviewStatus (authenticated,
//     the user, the audiences that matched, or an error).
//   - UserInfo and ExtraValue: a user as the API writes it; also used by
//     SelfSubjectReview (selfsubjectreview.go).
//
// The server evaluates a review with its token authenticators only
// (stages/02-apiserver/authentication: ReviewToken).
package authenticationv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// TokenReview asks the server to authenticate a token. It is created,
// never stored: the answer is the status of the response.
type TokenReview struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Spec is the question.
	Spec TokenReviewSpec `json:"spec"`
	// Status is the server's answer.
	Status TokenReviewStatus `json:"status,omitempty"`
}

// TokenReviewSpec is the token to check.
type TokenReviewSpec struct {
	// Token is the opaque bearer token.
	Token string `json:"token,omitempty"`
	// Audiences are the identifiers the asker answers to; an
	// audience-aware authenticator accepts the token only if it was
	// issued for one of them. Empty means the API server's own
	// audiences.
	Audiences []string `json:"audiences,omitempty"`
}

// TokenReviewStatus is the result of a TokenReview.
type TokenReviewStatus struct {
	// Authenticated is true when the token belongs to a known user.
	Authenticated bool `json:"authenticated,omitempty"`
	// User is who the token belongs to, when Authenticated.
	User UserInfo `json:"user,omitempty"`
	// Audiences are those of the spec's (or the API server's) that the
	// token was issued for. Empty with Authenticated true means the
	// token is valid for the API server's audiences.
	Audiences []string `json:"audiences,omitempty"`
	// Error says why the token could not be checked.
	Error string `json:"error,omitempty"`
}

// UserInfo is an authenticated user as the API writes it.
type UserInfo struct {
	// Username identifies the user among all others.
	Username string `json:"username,omitempty"`
	// UID identifies the user across time: a user deleted and created
	// again under the same name has a new one.
	UID string `json:"uid,omitempty"`
	// Groups the user belongs to.
	Groups []string `json:"groups,omitempty"`
	// Extra holds what the authenticator knows besides.
	Extra map[string]ExtraValue `json:"extra,omitempty"`
}

// ExtraValue is the list of values of one UserInfo.Extra key. Upstream
// needs the named type for protobuf; it keeps the Go names alike here.
type ExtraValue []string
