// Secrets: sensitive data pods consume as files or environment variables.
//
// Interface:
//   - Secret (with SecretList): Data as bytes (base64 in JSON), write-only
//     StringData, and a Type that fixes which keys must be present.
//   - SecretType values and their well-known keys; MaxSecretSize.
//
// The kubelet (stage 5) projects Secrets like ConfigMaps (configmap.go);
// the API server (stage 2) folds stringData into data on write.
package corev1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// MaxSecretSize is the largest total size of a Secret's data: 1 MiB.
const MaxSecretSize = 1 * 1024 * 1024

// Secret holds sensitive data, such as passwords, tokens or keys, which
// pods read as environment variables or as files in a volume. Its values
// are base64 in JSON only because they are bytes; base64 is an encoding,
// not encryption.
type Secret struct {
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta holds the Secret's name, by which pods refer to it, and
	// its labels and annotations.
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Immutable, when true, forbids any later change to the data; the
	// Secret can only be deleted and created anew.
	Immutable *bool `json:"immutable,omitempty"`
	// Data holds the secret values by key, each base64-encoded in JSON and
	// YAML.
	Data map[string][]byte `json:"data,omitempty"`
	// StringData is a write-only convenience: values given as plain text,
	// which the API server merges into data on write and never returns.
	StringData map[string]string `json:"stringData,omitempty"`
	// Type tells what the data holds and which keys it must have
	// (kubernetes.io/tls needs tls.crt and tls.key); defaults to Opaque,
	// which means anything.
	Type SecretType `json:"type,omitempty"`
}

// SecretList is a list of Secrets.
type SecretList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Secret `json:"items"`
}

// SecretType says what a Secret holds and which keys it must have.
type SecretType string

// The secret types and the keys each one requires.
const (
	// SecretTypeOpaque holds arbitrary data (the default).
	SecretTypeOpaque SecretType = "Opaque"

	// SecretTypeServiceAccountToken holds a long-lived token for the
	// ServiceAccount named in its annotations.
	SecretTypeServiceAccountToken SecretType = "kubernetes.io/service-account-token"
	ServiceAccountNameKey                    = "kubernetes.io/service-account.name"
	ServiceAccountUIDKey                     = "kubernetes.io/service-account.uid"
	ServiceAccountTokenKey                   = "token"
	ServiceAccountRootCAKey                  = "ca.crt"
	ServiceAccountNamespaceKey               = "namespace"

	// SecretTypeDockerConfigJson holds a ~/.docker/config.json for image
	// pulls (kubectl create secret docker-registry).
	SecretTypeDockerConfigJson SecretType = "kubernetes.io/dockerconfigjson"
	DockerConfigJsonKey                   = ".dockerconfigjson"
	// SecretTypeDockercfg holds the older ~/.dockercfg format.
	SecretTypeDockercfg SecretType = "kubernetes.io/dockercfg"
	DockerConfigKey                = ".dockercfg"

	// SecretTypeBasicAuth holds a username and/or password.
	SecretTypeBasicAuth  SecretType = "kubernetes.io/basic-auth"
	BasicAuthUsernameKey            = "username"
	BasicAuthPasswordKey            = "password"

	// SecretTypeSSHAuth holds an SSH private key.
	SecretTypeSSHAuth SecretType = "kubernetes.io/ssh-auth"
	SSHAuthPrivateKey            = "ssh-privatekey"

	// SecretTypeTLS holds a certificate and its key (kubectl create secret
	// tls).
	SecretTypeTLS    SecretType = "kubernetes.io/tls"
	TLSCertKey                  = "tls.crt"
	TLSPrivateKeyKey            = "tls.key"

	// SecretTypeBootstrapToken holds a node bootstrap token.
	SecretTypeBootstrapToken SecretType = "bootstrap.kubernetes.io/token"
)
