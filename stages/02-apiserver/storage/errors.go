// Errors: what a storage operation can fail with, typed so the REST layer
// picks the HTTP status without reading messages.
//
// Interface:
//   - Sentinels, tested with errors.Is: ErrNotFound (404), ErrAlreadyExists
//     (409), ErrConflict (409), ErrExpired (410 Gone),
//     ErrTooLargeResourceVersion (504 upstream, with a retry hint),
//     ErrInvalidObject (the value is not a storable object), ErrBadRequest
//     (400: malformed resourceVersion, continue token or key),
//     ErrRequestTooLarge (etcd refused the value: over its 1.5 MiB request
//     limit; upstream passes etcd's message on as a 500, kubernetes issue
//     112152, where 413 would fit).
//   - *Error carries the key and the revisions involved; errors.As gets it.
//   - OptimisticLockErrorMsg, the clause upstream appends to every stale
//     update: "the object has been modified; please apply ...".
//
// Failures of etcd itself (unreachable, timeout) are returned wrapped with
// the operation and the key, and match none of the sentinels.
package storage

import (
	"errors"
	"fmt"
)

// The error categories. Every *Error returned by this package wraps one.
var (
	ErrNotFound                = errors.New("not found")
	ErrAlreadyExists           = errors.New("already exists")
	ErrConflict                = errors.New("conflict")
	ErrExpired                 = errors.New("resource version expired")
	ErrTooLargeResourceVersion = errors.New("resource version too large")
	ErrInvalidObject           = errors.New("invalid object")
	ErrBadRequest              = errors.New("bad request")
	ErrRequestTooLarge         = errors.New("request too large")
)

// OptimisticLockErrorMsg is the explanation of a Conflict caused by a stale
// resourceVersion, worded as upstream's registry/rest package.
const OptimisticLockErrorMsg = "the object has been modified; please apply your changes to the latest version and try again"

// Error is a storage failure with its context. Err is one of the
// sentinels above; the other fields are set where the category has them.
type Error struct {
	// Err is the category: ErrNotFound, ErrConflict, ...
	Err error
	// Key is the etcd key (or collection prefix) the operation used.
	Key string
	// ResourceVersion is the revision the caller asked for (ErrExpired,
	// ErrTooLargeResourceVersion) or the object's current one (ErrConflict).
	ResourceVersion int64
	// Current is, for ErrExpired, the oldest revision etcd still has (its
	// compact revision; 0 when etcd did not say), and for
	// ErrTooLargeResourceVersion the newest one (0 when unknown).
	Current int64
	// Detail is the specific reason in upstream's words, for the message
	// of the Status the REST layer sends.
	Detail string
	// Continue is set on ErrExpired for a continued list: a token that
	// resumes the list at the latest revision, as upstream sends in the
	// 410 Status's metadata (an inconsistent continuation).
	Continue string
}

// Error returns a lowercase message naming the key and the revisions.
// ErrExpired and ErrTooLargeResourceVersion give upstream's watch-cache
// wording, "too old resource version: 5 (12)", which the REST layer sends
// as is.
func (e *Error) Error() string {
	switch {
	case errors.Is(e.Err, ErrExpired):
		if e.Current > 0 {
			return fmt.Sprintf("too old resource version: %d (%d)", e.ResourceVersion, e.Current)
		}
		return fmt.Sprintf("too old resource version: %d", e.ResourceVersion)
	case errors.Is(e.Err, ErrTooLargeResourceVersion):
		if e.Current > 0 {
			return fmt.Sprintf("too large resource version: %d, current: %d", e.ResourceVersion, e.Current)
		}
		return fmt.Sprintf("too large resource version: %d", e.ResourceVersion)
	case e.Detail != "":
		return fmt.Sprintf("%s %q: %s", e.Err, e.Key, e.Detail)
	default:
		return fmt.Sprintf("key %q %s", e.Key, e.Err)
	}
}

// Unwrap returns the category, so errors.Is(err, ErrNotFound) works.
func (e *Error) Unwrap() error { return e.Err }

// AsError returns the *Error inside err, or nil when err is not (or does
// not wrap) one.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}
