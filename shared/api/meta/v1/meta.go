// Object identity: the apiVersion/kind header and the metadata block.
//
// Interface:
//   - TypeMeta says which schema a JSON document follows (kind, apiVersion).
//   - ObjectMeta is the "metadata" every stored object has: name, namespace,
//     uid, resourceVersion, labels, owners, finalizers, timestamps.
//   - ListMeta is the "metadata" of a list: its resourceVersion and the
//     continue token for the next page.
//   - Object and ListInterface are satisfied by any struct that embeds
//     TypeMeta plus ObjectMeta (or ListMeta); generic code (storage, printers,
//     controllers) reaches the header and metadata through them.
//
// The per-group types (shared/api/core/v1, apps/v1, ...) embed these;
// shared/scheme maps a kind to its Go type.
package metav1

import "encoding/json"

// UID is the cluster-unique id the API server gives an object on create
// (upstream k8s.io/apimachinery/pkg/types.UID). It never changes and is never
// reused, so it tells apart two objects that had the same name at different
// times.
type UID string

// TypeMeta is the header of every API document: which kind of object it
// holds, in which API version.
//
// Embed it with the tag `json:",inline"` so its fields sit at the top level
// of the object. Both fields may be empty on objects nested inside others,
// and the server may omit them from objects in a list.
type TypeMeta struct {
	// Kind names the object's schema in CamelCase: Pod, Deployment,
	// ConfigMap. With apiVersion it tells the server how to read the rest
	// of the document.
	Kind string `json:"kind,omitempty"`
	// APIVersion is the API group and version the object is written in,
	// "group/version" (apps/v1), or just the version (v1) for the core
	// group.
	APIVersion string `json:"apiVersion,omitempty"`
}

// GetObjectKind returns t itself, so every type embedding TypeMeta exposes
// its header through the Object and ListInterface interfaces.
func (t *TypeMeta) GetObjectKind() *TypeMeta { return t }

// GroupVersionKind parses APIVersion and pairs it with Kind. An APIVersion
// that does not parse (more than one "/") yields a GroupVersionKind holding
// only the Kind, as upstream's FromAPIVersionAndKind does.
func (t *TypeMeta) GroupVersionKind() GroupVersionKind {
	return FromAPIVersionAndKind(t.APIVersion, t.Kind)
}

// SetGroupVersionKind writes gvk into APIVersion and Kind.
func (t *TypeMeta) SetGroupVersionKind(gvk GroupVersionKind) {
	t.APIVersion, t.Kind = gvk.ToAPIVersionAndKind()
}

// ObjectMeta is the metadata every stored object has: its name and
// namespace, labels and annotations, owners, and the bookkeeping the server
// keeps about it.
//
// Fields marked "set by the server" are ignored or rejected when a client
// sends them.
type ObjectMeta struct {
	// Name identifies the object among those of its kind in its namespace
	// (or in the whole cluster, for cluster-scoped kinds). It cannot change
	// once the object exists.
	Name string `json:"name,omitempty"`
	// GenerateName is a prefix from which the server makes a unique name,
	// by appending random characters, when name is empty on create.
	GenerateName string `json:"generateName,omitempty"`
	// Namespace is the namespace the object lives in; empty for
	// cluster-scoped kinds. A namespaced object sent without one goes to
	// the namespace of the request.
	Namespace string `json:"namespace,omitempty"`
	// UID is the object's cluster-unique id, set by the server on create;
	// it tells apart two objects that had the same name at different
	// times.
	UID UID `json:"uid,omitempty"`
	// ResourceVersion is the opaque storage revision of this copy, set by the
	// server; an update carrying a stale one fails with a Conflict.
	ResourceVersion string `json:"resourceVersion,omitempty"`
	// Generation counts changes to the desired state (spec); set by the server.
	Generation int64 `json:"generation,omitempty"`
	// CreationTimestamp is when the object was created, set by the server.
	//
	// The zero value is left out of JSON entirely, as upstream does since
	// kubernetes PR 130989 (older clients and servers wrote
	// "creationTimestamp": null).
	CreationTimestamp Time `json:"creationTimestamp,omitempty,omitzero"`
	// DeletionTimestamp is set by the server when a delete is requested on an
	// object that still has finalizers or a grace period.
	DeletionTimestamp *Time `json:"deletionTimestamp,omitempty"`
	// DeletionGracePeriodSeconds is how long the object has left to go away
	// once DeletionTimestamp is set.
	DeletionGracePeriodSeconds *int64 `json:"deletionGracePeriodSeconds,omitempty"`
	// Labels are short key/value pairs that group objects: selectors
	// (kubectl get -l, a Service's or Deployment's selector) match them.
	Labels map[string]string `json:"labels,omitempty"`
	// Annotations hold non-identifying data for tools (kubectl's
	// last-applied-configuration, deployment revisions, ...).
	Annotations map[string]string `json:"annotations,omitempty"`
	// OwnerReferences name the objects this one depends on; at most one has
	// Controller set. The garbage collector deletes an object whose owners
	// are all gone.
	OwnerReferences []OwnerReference `json:"ownerReferences,omitempty" patchStrategy:"merge" patchMergeKey:"uid"`
	// Finalizers must all be removed before a deleted object leaves storage.
	Finalizers []string `json:"finalizers,omitempty" patchStrategy:"merge"`
	// ManagedFields records which manager (kubectl, a controller) last set
	// which fields, for server-side apply; clients rarely need to read it.
	//
	// This project keeps it so it survives a round trip.
	ManagedFields []ManagedFieldsEntry `json:"managedFields,omitempty"`
}

// GetObjectMeta returns m itself, so every type embedding ObjectMeta exposes
// its metadata through the Object interface.
func (m *ObjectMeta) GetObjectMeta() *ObjectMeta { return m }

// ManagedFieldsOperationType is the operation that last wrote a set of
// fields: "Apply" or "Update".
type ManagedFieldsOperationType string

// The managed-fields operations.
const (
	ManagedFieldsOperationApply  ManagedFieldsOperationType = "Apply"
	ManagedFieldsOperationUpdate ManagedFieldsOperationType = "Update"
)

// ManagedFieldsEntry is one manager's claim on a set of fields.
type ManagedFieldsEntry struct {
	Manager     string                     `json:"manager,omitempty"`
	Operation   ManagedFieldsOperationType `json:"operation,omitempty"`
	APIVersion  string                     `json:"apiVersion,omitempty"`
	Time        *Time                      `json:"time,omitempty"`
	FieldsType  string                     `json:"fieldsType,omitempty"`
	FieldsV1    *FieldsV1                  `json:"fieldsV1,omitempty"`
	Subresource string                     `json:"subresource,omitempty"`
}

// FieldsV1 holds the field set of a ManagedFieldsEntry as the raw JSON the
// server wrote ("f:spec": {...}); this project does not interpret it.
type FieldsV1 struct {
	// Raw is the JSON object, kept byte for byte.
	Raw []byte
}

// MarshalJSON writes Raw unchanged, or null when it is empty.
func (f FieldsV1) MarshalJSON() ([]byte, error) {
	if f.Raw == nil {
		return []byte("null"), nil
	}
	return f.Raw, nil
}

// UnmarshalJSON keeps a copy of the raw bytes; null leaves Raw unchanged.
func (f *FieldsV1) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	f.Raw = append(f.Raw[:0], data...)
	return nil
}

var _ json.Marshaler = FieldsV1{}

// ListMeta is the metadata of a list response.
type ListMeta struct {
	// ResourceVersion is the storage revision the list was read at; a watch
	// started from it sees every later change.
	ResourceVersion string `json:"resourceVersion,omitempty"`
	// Continue is the token for the next page when the list was limited; empty
	// on the last page.
	Continue string `json:"continue,omitempty"`
	// RemainingItemCount estimates how many items the later pages hold.
	RemainingItemCount *int64 `json:"remainingItemCount,omitempty"`
}

// GetListMeta returns m itself, so every list type exposes its metadata
// through ListInterface.
func (m *ListMeta) GetListMeta() *ListMeta { return m }

// Object is any top-level API object: a pointer to a struct that embeds
// TypeMeta and ObjectMeta. Storage, controllers and printers use it to read
// and set the header and metadata without knowing the concrete kind.
type Object interface {
	GetObjectKind() *TypeMeta
	GetObjectMeta() *ObjectMeta
}

// ListInterface is any list response: a pointer to a struct that embeds
// TypeMeta and ListMeta (PodList, Table, Status, ...).
type ListInterface interface {
	GetObjectKind() *TypeMeta
	GetListMeta() *ListMeta
}

// PartialObjectMetadata is an object reduced to its header and metadata, the
// shape the server puts in a Table row when asked for metadata only.
type PartialObjectMetadata struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`
}

// PartialObjectMetadataList is a list of PartialObjectMetadata.
type PartialObjectMetadataList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`
	Items    []PartialObjectMetadata `json:"items"`
}

var (
	_ Object        = (*PartialObjectMetadata)(nil)
	_ ListInterface = (*PartialObjectMetadataList)(nil)
)
