// TokenRequest: ask the API server to issue a token for a service
// account, the subresource serviceaccounts/{name}/token that `kubectl
// create token` and the kubelet's projected token volumes call.
//
// Interface:
//   - TokenRequest = metadata + TokenRequestSpec (audiences, lifetime,
//     the object the token is bound to) + TokenRequestStatus (the token
//     and when it expires).
//   - BoundObjectReference: the Pod, Secret or Node a token lives no
//     longer than.
//
// The issuer that fills the status lives in
// stages/02-apiserver/authentication/serviceaccount.
package authenticationv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// TokenRequest requests a token for a service account.
type TokenRequest struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Spec is what the client asks for.
	Spec TokenRequestSpec `json:"spec"`
	// Status is the issued token.
	Status TokenRequestStatus `json:"status,omitempty"`
}

// TokenRequestSpec holds the client's parameters of a token request.
// Upstream writes every field even when empty (no omitempty): an empty
// spec is {"audiences":null,"expirationSeconds":null,"boundObjectRef":null}.
type TokenRequestSpec struct {
	// Audiences the token is for; a recipient must find itself in them.
	// Empty means the API server's audiences.
	Audiences []string `json:"audiences"`
	// ExpirationSeconds is the requested lifetime. The issuer may grant a
	// different one, so the client reads Status.ExpirationTimestamp.
	ExpirationSeconds *int64 `json:"expirationSeconds"`
	// BoundObjectRef is the object the token is bound to: the token is
	// valid only as long as that object exists with that uid.
	BoundObjectRef *BoundObjectReference `json:"boundObjectRef"`
}

// TokenRequestStatus is the issued token.
type TokenRequestStatus struct {
	// Token is the opaque bearer token.
	Token string `json:"token"`
	// ExpirationTimestamp is when the token expires.
	ExpirationTimestamp metav1.Time `json:"expirationTimestamp"`
}

// BoundObjectReference names the object a token is bound to.
type BoundObjectReference struct {
	// Kind is "Pod", "Secret" or "Node".
	Kind string `json:"kind,omitempty"`
	// APIVersion of the referent ("v1").
	APIVersion string `json:"apiVersion,omitempty"`
	// Name of the referent, in the service account's namespace (a
	// Node has none).
	Name string `json:"name,omitempty"`
	// UID of the referent; when set it must match the object's.
	UID metav1.UID `json:"uid,omitempty"`
}
