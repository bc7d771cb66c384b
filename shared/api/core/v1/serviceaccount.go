// ServiceAccounts: the identity pods use to call the API server.
//
// Interface:
//   - ServiceAccount (with ServiceAccountList): mountable secrets, image
//     pull secrets, and whether pods automount a token.
//
// Every namespace gets a "default" ServiceAccount from the service account
// controller (stage 3); the service account admission plugin (stage 2)
// fills spec.serviceAccountName and adds the projected token volume
// (volume.go); the authenticator maps the token to the user
// "system:serviceaccount:<namespace>:<name>" (talk 000, "Server side authentication").
package corev1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// ServiceAccount is an identity for processes in pods.
type ServiceAccount struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Secrets lists secrets pods using this account may mount; it only
	// restricts them under the deprecated enforce-mountable-secrets
	// annotation.
	Secrets []ObjectReference `json:"secrets,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	// ImagePullSecrets are added to every pod that uses this account.
	ImagePullSecrets []LocalObjectReference `json:"imagePullSecrets,omitempty"`
	// AutomountServiceAccountToken false stops token mounting unless the
	// pod asks for it.
	AutomountServiceAccountToken *bool `json:"automountServiceAccountToken,omitempty"`
}

// ServiceAccountList is a list of ServiceAccounts.
type ServiceAccountList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ServiceAccount `json:"items"`
}
