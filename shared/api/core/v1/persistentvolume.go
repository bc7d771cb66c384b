// Persistent storage: volumes provisioned by an administrator, and the
// claims pods make on them.
//
// Interface:
//   - PersistentVolume (cluster-scoped): capacity, access modes, reclaim
//     policy, storage class, the backing source (hostPath here) and the
//     claimRef it is bound to.
//   - PersistentVolumeClaim (namespaced): the storage a pod asks for; once
//     bound, spec.volumeName names its volume.
//   - The access modes, reclaim policies and phases of both.
//
// Talk 002, "Persistent Volumes": a pod mounts a claim by name
// (PersistentVolumeClaimVolumeSource in volume.go); the binder matches
// claims to volumes by class, size and access mode.
package corev1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// PersistentVolume is a piece of storage in the cluster.
type PersistentVolume struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              PersistentVolumeSpec   `json:"spec,omitempty"`
	Status            PersistentVolumeStatus `json:"status,omitempty"`
}

// PersistentVolumeList is a list of PersistentVolumes.
type PersistentVolumeList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []PersistentVolume `json:"items"`
}

// PersistentVolumeSpec describes a volume. Exactly one source must be set
// in the inlined PersistentVolumeSource.
type PersistentVolumeSpec struct {
	// Capacity holds "storage".
	Capacity               ResourceList `json:"capacity,omitempty"`
	PersistentVolumeSource `json:",inline"`
	AccessModes            []PersistentVolumeAccessMode `json:"accessModes,omitempty"`
	// ClaimRef is the claim this volume is bound to (or reserved for).
	ClaimRef *ObjectReference `json:"claimRef,omitempty"`
	// PersistentVolumeReclaimPolicy defaults to Retain for volumes made by
	// hand.
	PersistentVolumeReclaimPolicy PersistentVolumeReclaimPolicy `json:"persistentVolumeReclaimPolicy,omitempty"`
	// StorageClassName is a string here but a *string in the claim; empty
	// means "no class".
	StorageClassName string                `json:"storageClassName,omitempty"`
	MountOptions     []string              `json:"mountOptions,omitempty"`
	VolumeMode       *PersistentVolumeMode `json:"volumeMode,omitempty"`
}

// PersistentVolumeSource is the storage behind a PersistentVolume. Only
// hostPath, for single-node and test clusters, is supported here.
type PersistentVolumeSource struct {
	HostPath *HostPathVolumeSource `json:"hostPath,omitempty"`
}

// PersistentVolumeStatus is the observed state of a volume.
type PersistentVolumeStatus struct {
	Phase   PersistentVolumePhase `json:"phase,omitempty"`
	Message string                `json:"message,omitempty"`
	Reason  string                `json:"reason,omitempty"`
	// LastPhaseTransitionTime is reset on every phase change.
	LastPhaseTransitionTime *metav1.Time `json:"lastPhaseTransitionTime,omitempty"`
}

// PersistentVolumeClaim is a request for storage by a user.
type PersistentVolumeClaim struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              PersistentVolumeClaimSpec   `json:"spec,omitempty"`
	Status            PersistentVolumeClaimStatus `json:"status,omitempty"`
}

// PersistentVolumeClaimList is a list of PersistentVolumeClaims.
type PersistentVolumeClaimList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []PersistentVolumeClaim `json:"items"`
}

// PersistentVolumeClaimSpec is what a claim asks for.
type PersistentVolumeClaimSpec struct {
	AccessModes []PersistentVolumeAccessMode `json:"accessModes,omitempty"`
	// Selector restricts which volumes may bind, by label.
	Selector *metav1.LabelSelector `json:"selector,omitempty"`
	// Resources holds requests.storage, the minimum size.
	Resources VolumeResourceRequirements `json:"resources,omitempty"`
	// VolumeName is set when the claim is bound.
	VolumeName string `json:"volumeName,omitempty"`
	// StorageClassName nil means the default class; "" means no class.
	StorageClassName *string               `json:"storageClassName,omitempty"`
	VolumeMode       *PersistentVolumeMode `json:"volumeMode,omitempty"`
}

// PersistentVolumeClaimStatus is the observed state of a claim.
type PersistentVolumeClaimStatus struct {
	Phase       PersistentVolumeClaimPhase       `json:"phase,omitempty"`
	AccessModes []PersistentVolumeAccessMode     `json:"accessModes,omitempty"`
	Capacity    ResourceList                     `json:"capacity,omitempty"`
	Conditions  []PersistentVolumeClaimCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
}

// PersistentVolumeClaimConditionType names a claim condition.
type PersistentVolumeClaimConditionType string

// The claim conditions, both about resizing.
const (
	PersistentVolumeClaimResizing                PersistentVolumeClaimConditionType = "Resizing"
	PersistentVolumeClaimFileSystemResizePending PersistentVolumeClaimConditionType = "FileSystemResizePending"
)

// PersistentVolumeClaimCondition is one condition of a claim.
type PersistentVolumeClaimCondition struct {
	Type               PersistentVolumeClaimConditionType `json:"type"`
	Status             ConditionStatus                    `json:"status"`
	LastProbeTime      metav1.Time                        `json:"lastProbeTime,omitempty"`
	LastTransitionTime metav1.Time                        `json:"lastTransitionTime,omitempty"`
	Reason             string                             `json:"reason,omitempty"`
	Message            string                             `json:"message,omitempty"`
}

// PersistentVolumeAccessMode is how a volume may be mounted.
type PersistentVolumeAccessMode string

// The access modes.
const (
	// ReadWriteOnce: read-write by one node.
	ReadWriteOnce PersistentVolumeAccessMode = "ReadWriteOnce"
	// ReadOnlyMany: read-only by many nodes.
	ReadOnlyMany PersistentVolumeAccessMode = "ReadOnlyMany"
	// ReadWriteMany: read-write by many nodes.
	ReadWriteMany PersistentVolumeAccessMode = "ReadWriteMany"
	// ReadWriteOncePod: read-write by one pod; no other mode may be listed
	// with it.
	ReadWriteOncePod PersistentVolumeAccessMode = "ReadWriteOncePod"
)

// PersistentVolumeReclaimPolicy is what happens to a volume when its claim
// is deleted.
type PersistentVolumeReclaimPolicy string

// The reclaim policies.
const (
	// PersistentVolumeReclaimRetain keeps the volume (Released) for an
	// administrator to clean up.
	PersistentVolumeReclaimRetain PersistentVolumeReclaimPolicy = "Retain"
	// PersistentVolumeReclaimDelete deletes the volume and its storage.
	PersistentVolumeReclaimDelete PersistentVolumeReclaimPolicy = "Delete"
	// PersistentVolumeReclaimRecycle scrubs and reuses it (deprecated).
	PersistentVolumeReclaimRecycle PersistentVolumeReclaimPolicy = "Recycle"
)

// PersistentVolumeMode is whether a volume carries a filesystem or is a
// raw block device.
type PersistentVolumeMode string

// The volume modes; Filesystem is the default.
const (
	PersistentVolumeBlock      PersistentVolumeMode = "Block"
	PersistentVolumeFilesystem PersistentVolumeMode = "Filesystem"
)

// PersistentVolumePhase is the lifecycle phase of a volume.
type PersistentVolumePhase string

// The volume phases.
const (
	VolumePending   PersistentVolumePhase = "Pending"
	VolumeAvailable PersistentVolumePhase = "Available"
	VolumeBound     PersistentVolumePhase = "Bound"
	VolumeReleased  PersistentVolumePhase = "Released"
	VolumeFailed    PersistentVolumePhase = "Failed"
)

// PersistentVolumeClaimPhase is the lifecycle phase of a claim.
type PersistentVolumeClaimPhase string

// The claim phases.
const (
	ClaimPending PersistentVolumeClaimPhase = "Pending"
	ClaimBound   PersistentVolumeClaimPhase = "Bound"
	// ClaimLost: the bound volume disappeared.
	ClaimLost PersistentVolumeClaimPhase = "Lost"
)
