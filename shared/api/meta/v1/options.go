// Request options: the parameters each verb accepts, as query parameters
// (get, list, watch, create, update, patch) or as a body (delete).
//
// Interface:
//   - ListOptions: labelSelector, fieldSelector, watch, resourceVersion,
//     limit/continue paging, timeoutSeconds, bookmarks.
//   - GetOptions, CreateOptions, UpdateOptions, PatchOptions.
//   - DeleteOptions with Preconditions and the DeletionPropagation policy.
//
// The JSON names are the query parameter names, so stages/01-kubectl/rest
// can build a URL from the same struct the stage-2 server decodes.
package metav1

// ListOptions are the parameters of list and watch.
type ListOptions struct {
	TypeMeta `json:",inline"`
	// LabelSelector is the string form, "app=web,tier!=db".
	LabelSelector string `json:"labelSelector,omitempty"`
	// FieldSelector is the string form, "metadata.name=web".
	FieldSelector string `json:"fieldSelector,omitempty"`
	// Watch turns the list into a stream of WatchEvents.
	Watch bool `json:"watch,omitempty"`
	// AllowWatchBookmarks lets the server send BOOKMARK events.
	AllowWatchBookmarks bool `json:"allowWatchBookmarks,omitempty"`
	// ResourceVersion is where a watch starts, or how fresh a list must be.
	ResourceVersion string `json:"resourceVersion,omitempty"`
	// ResourceVersionMatch says how ResourceVersion applies to a list.
	ResourceVersionMatch ResourceVersionMatch `json:"resourceVersionMatch,omitempty"`
	// TimeoutSeconds ends a watch after this long.
	TimeoutSeconds *int64 `json:"timeoutSeconds,omitempty"`
	// Limit caps the items of one page; the rest come with Continue.
	Limit int64 `json:"limit,omitempty"`
	// Continue is the token from the previous page's ListMeta.
	Continue string `json:"continue,omitempty"`
	// SendInitialEvents makes a watch begin with ADDED events for every
	// existing object.
	SendInitialEvents *bool `json:"sendInitialEvents,omitempty"`
}

// ResourceVersionMatch says how a list's resourceVersion is interpreted.
type ResourceVersionMatch string

// The resourceVersionMatch values.
const (
	ResourceVersionMatchNotOlderThan ResourceVersionMatch = "NotOlderThan"
	ResourceVersionMatchExact        ResourceVersionMatch = "Exact"
)

// GetOptions are the parameters of get.
type GetOptions struct {
	TypeMeta        `json:",inline"`
	ResourceVersion string `json:"resourceVersion,omitempty"`
}

// DryRunAll is the only dryRun value: validate and admit, but do not store.
const DryRunAll = "All"

// The fieldValidation values: what the server does with unknown or
// duplicate fields in a request body.
const (
	FieldValidationIgnore = "Ignore"
	FieldValidationWarn   = "Warn"
	FieldValidationStrict = "Strict"
)

// CreateOptions are the parameters of create.
type CreateOptions struct {
	TypeMeta `json:",inline"`
	DryRun   []string `json:"dryRun,omitempty"`
	// FieldManager names the actor making the change ("kubectl-create").
	FieldManager    string `json:"fieldManager,omitempty"`
	FieldValidation string `json:"fieldValidation,omitempty"`
}

// UpdateOptions are the parameters of update (PUT).
type UpdateOptions struct {
	TypeMeta        `json:",inline"`
	DryRun          []string `json:"dryRun,omitempty"`
	FieldManager    string   `json:"fieldManager,omitempty"`
	FieldValidation string   `json:"fieldValidation,omitempty"`
}

// PatchOptions are the parameters of patch.
type PatchOptions struct {
	TypeMeta `json:",inline"`
	DryRun   []string `json:"dryRun,omitempty"`
	// Force takes over conflicting fields in a server-side apply.
	Force           *bool  `json:"force,omitempty"`
	FieldManager    string `json:"fieldManager,omitempty"`
	FieldValidation string `json:"fieldValidation,omitempty"`
}

// DeleteOptions is the optional body of a delete.
type DeleteOptions struct {
	TypeMeta `json:",inline"`
	// GracePeriodSeconds overrides the object's grace period; 0 deletes now.
	GracePeriodSeconds *int64 `json:"gracePeriodSeconds,omitempty"`
	// Preconditions must hold or the delete fails with a Conflict.
	Preconditions *Preconditions `json:"preconditions,omitempty"`
	// PropagationPolicy says what happens to dependents.
	PropagationPolicy *DeletionPropagation `json:"propagationPolicy,omitempty"`
	DryRun            []string             `json:"dryRun,omitempty"`
}

// Preconditions guard a delete against acting on a different object or copy.
type Preconditions struct {
	UID             *UID    `json:"uid,omitempty"`
	ResourceVersion *string `json:"resourceVersion,omitempty"`
}

// DeletionPropagation is the garbage collection policy of a delete.
type DeletionPropagation string

// The propagation policies.
const (
	// DeletePropagationOrphan leaves dependents, removing their owner
	// reference.
	DeletePropagationOrphan DeletionPropagation = "Orphan"
	// DeletePropagationBackground deletes the owner now and the dependents
	// afterwards; kubectl's default.
	DeletePropagationBackground DeletionPropagation = "Background"
	// DeletePropagationForeground keeps the owner (with a deletionTimestamp)
	// until its blocking dependents are gone.
	DeletePropagationForeground DeletionPropagation = "Foreground"
)
