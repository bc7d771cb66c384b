// ConfigMaps: non-secret configuration data pods consume as files or
// environment variables.
//
// Interface:
//   - ConfigMap (with ConfigMapList): string Data and binary BinaryData,
//     optionally Immutable.
//
// The kubelet (stage 5) projects ConfigMaps into volumes (volume.go) and
// env vars (env.go); Secrets (secret.go) work the same way for sensitive
// data. Talk 002's declarative manifests include a ConfigMap.
package corev1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// ConfigMap holds non-secret configuration. Keys of Data and BinaryData
// consist of alphanumerics, '-', '_' and '.', and must not overlap.
type ConfigMap struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Immutable true forbids any later change to the data.
	Immutable *bool             `json:"immutable,omitempty"`
	Data      map[string]string `json:"data,omitempty"`
	// BinaryData holds values that are not UTF-8; encoding/json writes a
	// []byte as base64.
	BinaryData map[string][]byte `json:"binaryData,omitempty"`
}

// ConfigMapList is a list of ConfigMaps.
type ConfigMapList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ConfigMap `json:"items"`
}
