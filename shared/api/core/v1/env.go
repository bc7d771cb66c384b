// Environment variables of a container, and where their values come from.
//
// Interface:
//   - EnvVar is one variable: a literal Value, or ValueFrom an
//     EnvVarSource (a pod field, a container resource, a ConfigMap key or
//     a Secret key).
//   - EnvFromSource imports every key of a ConfigMap or Secret at once.
//
// The kubelet (stage 5) resolves these when it creates the container; the
// downward API volume (volume.go) reuses the two field selectors.
package corev1

import "github.com/kubeworkbook/kubeworkbook/shared/api/resource"

// EnvVar is one environment variable. At most one of Value and ValueFrom
// may be set; $(VAR) references in Value expand to earlier variables.
type EnvVar struct {
	Name      string        `json:"name"`
	Value     string        `json:"value,omitempty"`
	ValueFrom *EnvVarSource `json:"valueFrom,omitempty"`
}

// EnvVarSource says where a variable's value is read from. Exactly one
// field must be set.
type EnvVarSource struct {
	// FieldRef reads a field of the pod: metadata.name, metadata.namespace,
	// metadata.labels['key'], spec.nodeName, status.podIP, ...
	FieldRef *ObjectFieldSelector `json:"fieldRef,omitempty"`
	// ResourceFieldRef reads a container's request or limit, such as
	// limits.memory.
	ResourceFieldRef *ResourceFieldSelector `json:"resourceFieldRef,omitempty"`
	ConfigMapKeyRef  *ConfigMapKeySelector  `json:"configMapKeyRef,omitempty"`
	SecretKeyRef     *SecretKeySelector     `json:"secretKeyRef,omitempty"`
}

// ObjectFieldSelector selects a field of the pod by path.
type ObjectFieldSelector struct {
	// APIVersion is the version the path is written against; default "v1".
	APIVersion string `json:"apiVersion,omitempty"`
	FieldPath  string `json:"fieldPath"`
}

// ResourceFieldSelector selects a container's request or limit.
type ResourceFieldSelector struct {
	// ContainerName is required in a volume and optional in an env var
	// (where it defaults to the container itself).
	ContainerName string `json:"containerName,omitempty"`
	// Resource is "limits.cpu", "requests.memory" and so on.
	Resource string `json:"resource"`
	// Divisor scales the value (for example "1Mi" to get mebibytes). It is
	// a struct value, so an unset divisor is written as "0", exactly as
	// upstream writes it; readers treat zero as 1.
	Divisor resource.Quantity `json:"divisor,omitempty"`
}

// ConfigMapKeySelector selects one key of a ConfigMap in the pod's
// namespace.
type ConfigMapKeySelector struct {
	LocalObjectReference `json:",inline"`
	Key                  string `json:"key"`
	// Optional lets the pod start when the ConfigMap or key is missing.
	Optional *bool `json:"optional,omitempty"`
}

// SecretKeySelector selects one key of a Secret in the pod's namespace.
type SecretKeySelector struct {
	LocalObjectReference `json:",inline"`
	Key                  string `json:"key"`
	// Optional lets the pod start when the Secret or key is missing.
	Optional *bool `json:"optional,omitempty"`
}

// EnvFromSource imports all keys of a ConfigMap or a Secret as variables,
// each name prefixed with Prefix. Exactly one of the refs must be set.
type EnvFromSource struct {
	Prefix       string              `json:"prefix,omitempty"`
	ConfigMapRef *ConfigMapEnvSource `json:"configMapRef,omitempty"`
	SecretRef    *SecretEnvSource    `json:"secretRef,omitempty"`
}

// ConfigMapEnvSource names the ConfigMap an EnvFromSource imports.
type ConfigMapEnvSource struct {
	LocalObjectReference `json:",inline"`
	Optional             *bool `json:"optional,omitempty"`
}

// SecretEnvSource names the Secret an EnvFromSource imports.
type SecretEnvSource struct {
	LocalObjectReference `json:",inline"`
	Optional             *bool `json:"optional,omitempty"`
}
