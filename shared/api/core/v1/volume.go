// Volumes: directories a pod's containers can mount, and where their
// content comes from.
//
// Interface:
//   - Volume is a name plus one VolumeSource: emptyDir, hostPath,
//     configMap, secret, persistentVolumeClaim, projected or downwardAPI.
//   - KeyToPath maps a ConfigMap or Secret key to a file; the projections
//     combine several sources (service account token, ConfigMap, Secret,
//     downward API) into one directory.
//   - HostPathType, StorageMedium and the default file modes.
//
// The kubelet (stage 5) prepares each volume under
// /var/lib/kubelet/pods/<uid>/volumes before starting containers (talk
// 001, "kubelet pod directories"); containers mount them by name through
// VolumeMount (container.go).
package corev1

import "github.com/kubeworkbook/kubeworkbook/shared/api/resource"

// Volume is a named volume of a pod. VolumeSource is inlined, so the JSON
// reads {"name": "data", "emptyDir": {}}. Exactly one source must be set.
type Volume struct {
	// Name is a DNS label, unique within the pod.
	Name         string `json:"name"`
	VolumeSource `json:",inline"`
}

// VolumeSource is where a volume's content comes from. Exactly one field
// may be set.
type VolumeSource struct {
	HostPath              *HostPathVolumeSource              `json:"hostPath,omitempty"`
	EmptyDir              *EmptyDirVolumeSource              `json:"emptyDir,omitempty"`
	Secret                *SecretVolumeSource                `json:"secret,omitempty"`
	PersistentVolumeClaim *PersistentVolumeClaimVolumeSource `json:"persistentVolumeClaim,omitempty"`
	DownwardAPI           *DownwardAPIVolumeSource           `json:"downwardAPI,omitempty"`
	ConfigMap             *ConfigMapVolumeSource             `json:"configMap,omitempty"`
	Projected             *ProjectedVolumeSource             `json:"projected,omitempty"`
}

// Default file modes of volumes built from API data: rw-r--r--.
const (
	SecretVolumeSourceDefaultMode      int32 = 0644
	ConfigMapVolumeSourceDefaultMode   int32 = 0644
	DownwardAPIVolumeSourceDefaultMode int32 = 0644
	ProjectedVolumeSourceDefaultMode   int32 = 0644
)

// HostPathVolumeSource mounts a file or directory of the node. It is how
// system agents such as kube-proxy reach the host; ordinary apps should not
// need it.
type HostPathVolumeSource struct {
	Path string `json:"path"`
	// Type checks (or creates) what is at Path before mounting; nil and ""
	// check nothing.
	Type *HostPathType `json:"type,omitempty"`
}

// HostPathType says what must exist at a hostPath.
type HostPathType string

// The hostPath types.
const (
	HostPathUnset             HostPathType = ""
	HostPathDirectoryOrCreate HostPathType = "DirectoryOrCreate"
	HostPathDirectory         HostPathType = "Directory"
	HostPathFileOrCreate      HostPathType = "FileOrCreate"
	HostPathFile              HostPathType = "File"
	HostPathSocket            HostPathType = "Socket"
	HostPathCharDev           HostPathType = "CharDevice"
	HostPathBlockDev          HostPathType = "BlockDevice"
)

// EmptyDirVolumeSource is a scratch directory that lives as long as the
// pod. It is written as "emptyDir: {}" when no field is set.
type EmptyDirVolumeSource struct {
	// Medium "" uses the node's disk; "Memory" uses a tmpfs.
	Medium    StorageMedium      `json:"medium,omitempty"`
	SizeLimit *resource.Quantity `json:"sizeLimit,omitempty"`
}

// StorageMedium is what backs an emptyDir.
type StorageMedium string

// The storage media.
const (
	StorageMediumDefault StorageMedium = ""
	StorageMediumMemory  StorageMedium = "Memory"
)

// KeyToPath maps one key of a ConfigMap or Secret to a relative file path.
type KeyToPath struct {
	Key  string `json:"key"`
	Path string `json:"path"`
	// Mode overrides the volume's default mode for this file.
	Mode *int32 `json:"mode,omitempty"`
}

// ConfigMapVolumeSource presents a ConfigMap's keys as files. Without
// Items every key becomes a file named after it.
type ConfigMapVolumeSource struct {
	LocalObjectReference `json:",inline"`
	Items                []KeyToPath `json:"items,omitempty"`
	DefaultMode          *int32      `json:"defaultMode,omitempty"`
	Optional             *bool       `json:"optional,omitempty"`
}

// SecretVolumeSource presents a Secret's keys as files. Note the field is
// secretName, unlike configMap's name.
type SecretVolumeSource struct {
	SecretName  string      `json:"secretName,omitempty"`
	Items       []KeyToPath `json:"items,omitempty"`
	DefaultMode *int32      `json:"defaultMode,omitempty"`
	Optional    *bool       `json:"optional,omitempty"`
}

// PersistentVolumeClaimVolumeSource mounts the volume bound to a claim in
// the pod's namespace.
type PersistentVolumeClaimVolumeSource struct {
	ClaimName string `json:"claimName"`
	ReadOnly  bool   `json:"readOnly,omitempty"`
}

// DownwardAPIVolumeSource writes pod fields and container resources into
// files.
type DownwardAPIVolumeSource struct {
	Items       []DownwardAPIVolumeFile `json:"items,omitempty"`
	DefaultMode *int32                  `json:"defaultMode,omitempty"`
}

// DownwardAPIVolumeFile is one file of a downward API volume. Exactly one
// of FieldRef and ResourceFieldRef must be set.
type DownwardAPIVolumeFile struct {
	Path             string                 `json:"path"`
	FieldRef         *ObjectFieldSelector   `json:"fieldRef,omitempty"`
	ResourceFieldRef *ResourceFieldSelector `json:"resourceFieldRef,omitempty"`
	Mode             *int32                 `json:"mode,omitempty"`
}

// ProjectedVolumeSource merges several sources into one directory. The
// service account admission plugin (stage 2) adds one of these,
// kube-api-access-<random>, to every pod that automounts its token.
type ProjectedVolumeSource struct {
	// Sources has no omitempty: an empty list is written as null.
	Sources     []VolumeProjection `json:"sources"`
	DefaultMode *int32             `json:"defaultMode,omitempty"`
}

// VolumeProjection is one source of a projected volume. Exactly one field
// must be set.
type VolumeProjection struct {
	Secret              *SecretProjection              `json:"secret,omitempty"`
	DownwardAPI         *DownwardAPIProjection         `json:"downwardAPI,omitempty"`
	ConfigMap           *ConfigMapProjection           `json:"configMap,omitempty"`
	ServiceAccountToken *ServiceAccountTokenProjection `json:"serviceAccountToken,omitempty"`
}

// SecretProjection projects a Secret's keys, like SecretVolumeSource
// without a default mode.
type SecretProjection struct {
	LocalObjectReference `json:",inline"`
	Items                []KeyToPath `json:"items,omitempty"`
	Optional             *bool       `json:"optional,omitempty"`
}

// ConfigMapProjection projects a ConfigMap's keys, like
// ConfigMapVolumeSource without a default mode.
type ConfigMapProjection struct {
	LocalObjectReference `json:",inline"`
	Items                []KeyToPath `json:"items,omitempty"`
	Optional             *bool       `json:"optional,omitempty"`
}

// DownwardAPIProjection projects pod fields, like DownwardAPIVolumeSource
// without a default mode.
type DownwardAPIProjection struct {
	Items []DownwardAPIVolumeFile `json:"items,omitempty"`
}

// ServiceAccountTokenProjection writes a short-lived token of the pod's
// service account to Path, which the kubelet refreshes before it expires.
type ServiceAccountTokenProjection struct {
	// Audience defaults to the API server's own identifier.
	Audience string `json:"audience,omitempty"`
	// ExpirationSeconds defaults to one hour and must be at least ten
	// minutes.
	ExpirationSeconds *int64 `json:"expirationSeconds,omitempty"`
	Path              string `json:"path"`
}
