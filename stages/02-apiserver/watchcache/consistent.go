// Consistent reads: answering "the newest state" from memory.
//
// Interface (package-internal):
//   - Cacher.consistentList: a list with resourceVersion "" served from
//     the cache once it has caught up with etcd's current revision.
//   - Cacher.innerResourceVersion: the revision etcd is at now.
//   - Cacher.waitFresh: wait, asking etcd for progress, until the cache
//     has reached a revision.
//
// A list or watch without a resourceVersion promises a state at least as
// new as etcd's at the time of the request. The cache may lag its etcd
// watch by a few events, so it first asks etcd for its current revision
// (a read that returns no keys), then waits until its own watch has
// delivered everything up to that revision. etcd's revision also counts
// writes to other resources, which this cache never sees as events, so
// the wait asks etcd for a progress report (a bookmark with the revision
// every change up to which has been delivered). Upstream calls this
// ConsistentListFromCache (beta and on by default since 1.31); like it, a
// cache that does not catch up in time hands the list to etcd.
package watchcache

import (
	"context"
	"fmt"
	"strconv"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// progressPeriod is how often a request waiting for the cache to catch up
// asks the inner storage for progress again (upstream: 100ms).
const progressPeriod = 100 * time.Millisecond

// consistentFromCache reports whether a list with opts is a consistent
// read the cache may answer: resourceVersion and resourceVersionMatch
// unset, and no paging (upstream 1.31 also sends a list with a limit or a
// continue token to etcd, which pages at one revision).
func consistentFromCache(opts registry.ListOptions) bool {
	return opts.ResourceVersion == "" && opts.ResourceVersionMatch == "" && opts.Limit == 0 && opts.Continue == ""
}

// consistentList answers a consistent list of namespace from memory:
//  1. read etcd's current revision;
//  2. wait until the cache has reached it (FreshTimeout at most);
//  3. list the cache.
//
// ok is false when the cache could not answer (no progress requests, the
// revision read failed, the wait timed out): the caller then asks the
// inner storage, which reports any lasting failure itself. A bad field
// selector is an error with ok true.
func (c *Cacher) consistentList(ctx context.Context, namespace string, opts registry.ListOptions) (list *registry.List, ok bool, err error) {
	if c.opts.RequestProgress == nil {
		return nil, false, nil
	}
	rv, err := c.innerResourceVersion(ctx)
	if err != nil {
		return nil, false, nil
	}
	if err := c.waitFresh(ctx, rv); err != nil {
		return nil, false, nil
	}
	objects, cached := c.store.list(namespace)
	list, err = c.listOf(objects, cached, opts)
	return list, true, err
}

// innerResourceVersion returns the revision etcd is at now: from
// Options.CurrentRevision, else by a quorum list of at most one object of
// the inner storage.
func (c *Cacher) innerResourceVersion(ctx context.Context) (int64, error) {
	if c.opts.CurrentRevision != nil {
		rv, err := c.opts.CurrentRevision(ctx)
		if err != nil {
			return 0, apierrors.NewInternalError(fmt.Errorf("read the current revision of %s: %w", c.res.Resource, err))
		}
		return rv, nil
	}
	list, err := c.inner.List(ctx, "", registry.ListOptions{Limit: 1})
	if err != nil {
		return 0, err
	}
	rv, err := strconv.ParseInt(list.ResourceVersion, 10, 64)
	if err != nil {
		return 0, apierrors.NewInternalError(fmt.Errorf("list %s: resourceVersion %q: %w", c.res.Resource, list.ResourceVersion, err))
	}
	return rv, nil
}

// waitFresh returns once the cache is at rv or newer, asking the inner
// storage for progress meanwhile (etcd's revision also moves for writes to
// other resources, which this cache never sees as events). After
// FreshTimeout it fails with "too large resource version", which the
// client receives as upstream's 504 Timeout with a retry hint.
func (c *Cacher) waitFresh(ctx context.Context, rv int64) error {
	cur, changed := c.store.current()
	if cur >= rv {
		return nil // the common case: no timers
	}
	deadline := time.NewTimer(c.opts.FreshTimeout)
	defer deadline.Stop()
	ticker := time.NewTicker(progressPeriod)
	defer ticker.Stop()
	asked := false
	for {
		if !asked && c.opts.RequestProgress != nil {
			// A failed request only means the wait may be longer.
			_ = c.opts.RequestProgress(ctx)
			asked = true
		}
		select {
		case <-changed:
		case <-ticker.C:
			asked = false
		case <-deadline.C:
			err := &storage.Error{Err: storage.ErrTooLargeResourceVersion, ResourceVersion: rv, Current: cur}
			return apierrors.FromStorage(err, metav1.GroupResource{Group: c.res.Group, Resource: c.res.Resource}, "")
		case <-ctx.Done():
			return apierrors.NewInternalError(fmt.Errorf("wait for resource version %d: %w", rv, ctx.Err()))
		}
		if cur, changed = c.store.current(); cur >= rv {
			return nil
		}
	}
}
