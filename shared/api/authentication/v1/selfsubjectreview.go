// SelfSubjectReview: "who am I?", `kubectl auth whoami`. The client posts
// an empty review and the server fills the status with the user it
// authenticated the request as.
//
// Interface:
//   - SelfSubjectReview = metadata + SelfSubjectReviewStatus{UserInfo}.
//
// Built by stages/02-apiserver/authentication: SelfSubjectReview.
package authenticationv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// SelfSubjectReview returns the user the request was authenticated as,
// after impersonation. It has no spec: the request is the question.
type SelfSubjectReview struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Status is filled by the server.
	Status SelfSubjectReviewStatus `json:"status,omitempty"`
}

// SelfSubjectReviewStatus holds the requesting user.
type SelfSubjectReviewStatus struct {
	// UserInfo is the user making the request.
	UserInfo UserInfo `json:"userInfo,omitempty"`
}
