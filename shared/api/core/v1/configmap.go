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

// ConfigMap holds non-secret configuration as key/value pairs, which pods
// read as environment variables or as files in a volume. Keys of data and
// binaryData consist of alphanumerics, '-', '_' and '.', and must not
// overlap.
type ConfigMap struct {
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta holds the ConfigMap's name, by which pods refer to it,
	// and its labels and annotations.
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Immutable, when true, forbids any later change to the data; the
	// ConfigMap can only be deleted and created anew.
	Immutable *bool `json:"immutable,omitempty"`
	// Data holds the configuration as UTF-8 text, by key.
	Data map[string]string `json:"data,omitempty"`
	// BinaryData holds values that are not UTF-8 text, base64-encoded in
	// JSON and YAML.
	//
	// encoding/json writes a []byte as base64 on its own.
	BinaryData map[string][]byte `json:"binaryData,omitempty"`
}

// ConfigMapList is a list of ConfigMaps.
type ConfigMapList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ConfigMap `json:"items"`
}
