// Watch events: one line of a ?watch=true response stream.
//
// Interface:
//   - WatchEvent{Type, Object}: the server writes one JSON document per
//     change; Object is the object as it is now (or a Status for ERROR, or
//     an object carrying only a resourceVersion for BOOKMARK).
//   - The event type constants Added, Modified, Deleted, Bookmark, Error.
//
// The stage-2 API server streams these from its storage watch; kubectl get -w
// and stage-3 informers read them (talk 001, "informers").
package metav1

import "encoding/json"

// WatchEvent is one change in a watch stream.
type WatchEvent struct {
	// Type is one of Added, Modified, Deleted, Bookmark, Error.
	Type string `json:"type"`
	// Object is the raw JSON of the changed object, decoded by the caller
	// once it knows the kind.
	Object json.RawMessage `json:"object"`
}

// The watch event types.
const (
	Added    = "ADDED"
	Modified = "MODIFIED"
	Deleted  = "DELETED"
	Bookmark = "BOOKMARK"
	Error    = "ERROR"
)
