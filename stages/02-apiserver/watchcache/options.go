// Options: the knobs of a Cacher, and how it reads an object's labels and
// selectable fields.
//
// Interface:
//   - Options, whose zero value picks every default below.
//   - AttrFunc and DefaultAttrs: the labels and fields selectors match.
package watchcache

import (
	"context"
	"math/rand/v2"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
)

// Defaults for the zero fields of Options.
const (
	// DefaultCapacity is how many events the ring buffer keeps. Upstream
	// began with a fixed 100 (--default-watch-cache-size) and now resizes
	// between 100 and 102,400 to hold the last 75 seconds. A fixed 1024
	// keeps the ring easy to read and covers a burst of a thousand writes,
	// so an informer that reconnects right after one resumes instead of
	// relisting; for pods of ~2 KiB it costs a few MiB.
	DefaultCapacity = 1024
	// DefaultWatcherBuffer is how many events one watcher may have queued
	// before it counts as slow (upstream: 10 to 1000 by resource).
	DefaultWatcherBuffer = 100
	// DefaultDispatchTimeout is how long one event waits for slow watchers
	// before they are closed (upstream's dispatch budget, 100ms).
	DefaultDispatchTimeout = 100 * time.Millisecond
	// DefaultBookmarkInterval is how often watchers that allow bookmarks
	// get one (upstream: about once a minute).
	DefaultBookmarkInterval = time.Minute
	// DefaultFreshTimeout is how long a request for a resourceVersion the
	// cache has not reached waits for it (upstream's blockTimeout, 3s).
	DefaultFreshTimeout = 3 * time.Second
	// DefaultRetryInterval is the pause before the reflector watches or
	// lists the inner storage again after a failure.
	DefaultRetryInterval = time.Second
	// minRequestTimeout is upstream's --min-request-timeout: a watch
	// without timeoutSeconds lasts between one and two of it.
	minRequestTimeout = 30 * time.Minute
)

// defaultWatchTimeout is upstream's lifetime of a watch that did not ask
// for one: random between 30 and 60 minutes, so that clients that
// connected together do not all reconnect together.
func defaultWatchTimeout() time.Duration {
	return time.Duration(float64(minRequestTimeout) * (1 + rand.Float64()))
}

// AttrFunc returns the labels and the selectable fields ("metadata.name",
// "spec.nodeName", ...) of obj. It is called once per object version, not
// once per watcher, and must not modify obj.
type AttrFunc func(obj metav1.Object) (labels.Set, fields.Set)

// DefaultAttrs returns obj's labels and the two fields every resource
// supports, metadata.name and metadata.namespace.
func DefaultAttrs(obj metav1.Object) (labels.Set, fields.Set) {
	m := obj.GetObjectMeta()
	return labels.Set(m.Labels), fields.Set{"metadata.name": m.Name, "metadata.namespace": m.Namespace}
}

// Options tune a Cacher. Every zero field takes its default.
type Options struct {
	// Capacity is the number of recent events kept for watches that
	// resume from a resourceVersion (DefaultCapacity).
	Capacity int
	// WatcherBuffer is the number of events a watcher may have queued
	// (DefaultWatcherBuffer).
	WatcherBuffer int
	// DispatchTimeout bounds how long one event waits for watchers whose
	// queue is full; those still full then are closed
	// (DefaultDispatchTimeout).
	DispatchTimeout time.Duration
	// BookmarkInterval is the period of the BOOKMARK events sent to
	// watchers with AllowWatchBookmarks (DefaultBookmarkInterval).
	BookmarkInterval time.Duration
	// FreshTimeout bounds the wait for the cache to reach a requested
	// resourceVersion (DefaultFreshTimeout).
	FreshTimeout time.Duration
	// WatchTimeout picks the lifetime of a watch without TimeoutSeconds
	// (defaultWatchTimeout: 30 to 60 minutes).
	WatchTimeout func() time.Duration
	// RetryInterval is the pause before the inner storage is watched or
	// listed again after a failure (DefaultRetryInterval).
	RetryInterval time.Duration
	// Attrs gives the labels and fields selectors are matched against:
	// inner's Attrs method if it has one (registry.Store's knows each
	// kind's fields, spec.nodeName, status.phase, ...), else DefaultAttrs.
	Attrs AttrFunc
	// RequestProgress asks the inner storage to send a BOOKMARK with its
	// current revision (storage.Store.RequestProgress); inner's own
	// RequestProgress method if it has one.
	// It is called while a request waits for the cache to catch up;
	// without it such a wait ends only when an event or a periodic
	// bookmark for this resource arrives, because etcd's revision also
	// counts writes to other resources.
	RequestProgress func(ctx context.Context) error
	// CurrentRevision returns the revision etcd is at now, by a quorum
	// read (storage.Store.CurrentRevision). A consistent list or watch
	// waits for the cache to reach it; nil reads it with a one-object list
	// of the inner storage instead.
	CurrentRevision func(ctx context.Context) (int64, error)
}

// withDefaults returns o with every zero field set to its default.
func (o Options) withDefaults() Options {
	if o.Capacity <= 0 {
		o.Capacity = DefaultCapacity
	}
	if o.WatcherBuffer <= 0 {
		o.WatcherBuffer = DefaultWatcherBuffer
	}
	if o.DispatchTimeout <= 0 {
		o.DispatchTimeout = DefaultDispatchTimeout
	}
	if o.BookmarkInterval <= 0 {
		o.BookmarkInterval = DefaultBookmarkInterval
	}
	if o.FreshTimeout <= 0 {
		o.FreshTimeout = DefaultFreshTimeout
	}
	if o.WatchTimeout == nil {
		o.WatchTimeout = defaultWatchTimeout
	}
	if o.RetryInterval <= 0 {
		o.RetryInterval = DefaultRetryInterval
	}
	if o.Attrs == nil {
		o.Attrs = DefaultAttrs
	}
	return o
}
