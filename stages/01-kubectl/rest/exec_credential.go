// ExecCredential: the document a credential plugin reads and prints
// (client.authentication.k8s.io/v1, and v1beta1 whose shape is the same
// for every field used here).
//
// Interface:
//   - ExecCredential, ExecCredentialSpec, ExecCluster,
//     ExecCredentialStatus: the document, named as client-go names it, so
//     decode errors name the same Go types ("Go struct field
//     ExecCredentialStatus.status.token").
//   - decodeExecCredential(stdout): the plugin's output, read as
//     client-go's decoder reads it.
//
// exec.go runs the plugin and uses the result.

package rest

import (
	"encoding/json"
	"fmt"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"sigs.k8s.io/yaml"
)

// execGroup is the API group of the plugin protocol.
const execGroup = "client.authentication.k8s.io"

// The plugin API versions this client speaks.
var supportedExecVersions = map[string]bool{
	execGroup + "/v1":      true,
	execGroup + "/v1beta1": true,
}

// ExecCredential is the document exchanged with a credential plugin, in
// both directions: the client fills Spec, the plugin Status.
type ExecCredential struct {
	Kind       string                `json:"kind"`
	APIVersion string                `json:"apiVersion"`
	Spec       ExecCredentialSpec    `json:"spec"`
	Status     *ExecCredentialStatus `json:"status,omitempty"`
}

// ExecCredentialSpec is what the client tells the plugin.
type ExecCredentialSpec struct {
	// Cluster is set when the kubeconfig's provideClusterInfo is true.
	Cluster *ExecCluster `json:"cluster,omitempty"`
	// Interactive tells whether the plugin may prompt on the terminal.
	Interactive bool `json:"interactive"`
}

// ExecCluster tells the plugin which server the credential is for.
type ExecCluster struct {
	Server                   string          `json:"server"`
	TLSServerName            string          `json:"tls-server-name,omitempty"`
	InsecureSkipTLSVerify    bool            `json:"insecure-skip-tls-verify,omitempty"`
	CertificateAuthorityData []byte          `json:"certificate-authority-data,omitempty"`
	ProxyURL                 string          `json:"proxy-url,omitempty"`
	Config                   json.RawMessage `json:"config,omitempty"`
}

// ExecCredentialStatus is the plugin's answer: a token, or a client
// certificate and key (PEM), valid until ExpirationTimestamp when set.
type ExecCredentialStatus struct {
	ExpirationTimestamp   *metav1.Time `json:"expirationTimestamp,omitempty"`
	Token                 string       `json:"token,omitempty"`
	ClientCertificateData string       `json:"clientCertificateData,omitempty"`
	ClientKeyData         string       `json:"clientKeyData,omitempty"`
}

// decodeExecCredential reads a plugin's output as client-go's decoder
// does, so a plugin that prints something else gets upstream kubectl's
// words (each error is then wrapped in "decoding stdout: "):
//
//  1. YAML, of which JSON is a subset, is turned into JSON; a syntax error
//     is returned as the YAML parser words it.
//  2. apiVersion and kind are read first: "couldn't get version/kind; json
//     parse error: ..." when the document is not an object.
//  3. A missing kind means ExecCredential. A missing apiVersion leaves the
//     decoder's internal version, client.authentication.k8s.io/__internal,
//     which the caller then refuses as not the configured one; any other
//     version or kind is "no kind ... is registered for version ...".
//  4. The whole document is decoded; unknown fields are ignored, a value
//     of the wrong type is encoding/json's error.
func decodeExecCredential(out []byte) (*ExecCredential, error) {
	j, err := yaml.YAMLToJSON(out)
	if err != nil {
		return nil, err
	}
	// The field names and tags are upstream's: Go prints this type in its
	// error, which should read as upstream's does.
	var findKind struct {
		APIVersion string `json:"apiVersion,omitempty"`
		Kind       string `json:"kind,omitempty"`
	}
	if err := json.Unmarshal(j, &findKind); err != nil {
		return nil, fmt.Errorf("couldn't get version/kind; json parse error: %w", err)
	}
	kind, version := findKind.Kind, findKind.APIVersion
	if kind == "" {
		kind = "ExecCredential"
	}
	if version != "" && (kind != "ExecCredential" || !supportedExecVersions[version]) {
		return nil, fmt.Errorf("no kind %q is registered for version %q", kind, version)
	}
	var cred ExecCredential
	if err := json.Unmarshal(j, &cred); err != nil {
		return nil, err
	}
	cred.Kind, cred.APIVersion = kind, version
	if version == "" {
		cred.APIVersion = execGroup + "/__internal"
	}
	return &cred, nil
}
