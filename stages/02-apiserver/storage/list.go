// List: the objects under a prefix, a page at a time.
//
// Interface:
//   - Store.List(ctx, prefix, ListOptions) returns a ListResult: the items,
//     the revision they were read at, and a continue token when more
//     remain.
//   - ListOptions carry the list parameters a client sends
//     (resourceVersion, resourceVersionMatch, limit, continue) and a
//     Predicate for the REST layer's label and field selectors.
//
// The resourceVersion rules are upstream's:
//
//	resourceVersion  match          reads
//	""               ""             newest, quorum read
//	"0"              "" or NotOlder any copy: the contacted member's (serializable)
//	"N"              NotOlderThan   newest; ErrTooLargeResourceVersion if older than N
//	"N"              Exact          at revision N; ErrExpired if compacted
//	"N"              "" (legacy)    at N when limit > 0, else as NotOlderThan
//	continue token   -              at the revision of the first page
package storage

import (
	"context"
	"errors"
	"fmt"

	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// maxPageFetch caps how far List widens its etcd reads when a Predicate
// drops most items, as upstream does.
const maxPageFetch = 10000

// ListOptions are a list request's parameters.
type ListOptions struct {
	// ResourceVersion and ResourceVersionMatch choose the revision to read
	// (see the table in the file comment).
	ResourceVersion      string
	ResourceVersionMatch metav1.ResourceVersionMatch
	// Limit is the most items to return; 0 means all.
	Limit int64
	// Continue is the token of the previous page; ResourceVersion must
	// then be "" or "0".
	Continue string
	// Predicate, when set, keeps only items for which it returns true;
	// dropped items do not count towards Limit. An error aborts the list.
	Predicate func(obj []byte) (bool, error)
}

// ListResult is one page of a list.
type ListResult struct {
	// Items are the objects in key order, each with its resourceVersion.
	Items [][]byte
	// ResourceVersion is the revision the page was read at: the list's
	// metadata.resourceVersion, from which a watch can continue.
	ResourceVersion int64
	// Continue is the token for the next page; "" on the last page.
	Continue string
	// RemainingItemCount is how many items follow this page, when known
	// (only without a Predicate).
	RemainingItemCount *int64
}

// List returns the objects under prefix, a collection prefix from
// Store.Prefix. See ListOptions for paging and freshness.
func (s *Store) List(ctx context.Context, prefix string, opts ListOptions) (*ListResult, error) {
	if err := s.checkKey(prefix, true); err != nil {
		return nil, err
	}
	prefix = collection(prefix)
	from, rev, serializable, err := listStart(prefix, opts)
	if err != nil {
		return nil, err
	}
	minRV, _ := ParseResourceVersion(opts.ResourceVersion) // validated by listStart

	limit := opts.Limit
	ops := []clientv3.OpOption{clientv3.WithRange(clientv3.GetPrefixRangeEnd(prefix))}
	if serializable {
		ops = append(ops, clientv3.WithSerializable())
	}
	result := &ListResult{Items: [][]byte{}}
	var lastKey []byte
	for {
		pageOps := ops
		if limit > 0 {
			pageOps = append(pageOps, clientv3.WithLimit(limit))
		}
		if rev > 0 {
			pageOps = append(pageOps, clientv3.WithRev(rev))
		}
		resp, err := s.client.Get(ctx, from, pageOps...)
		if err != nil {
			return nil, listError(err, prefix, from, rev, opts.Continue != "")
		}
		if rev == 0 {
			// Pin every later read of this list to the first one's revision.
			rev = resp.Header.Revision
			if minRV > rev {
				return nil, &Error{Err: ErrTooLargeResourceVersion, Key: prefix, ResourceVersion: minRV, Current: rev}
			}
		}
		more := resp.More
		for _, kv := range resp.Kvs {
			if opts.Limit > 0 && int64(len(result.Items)) == opts.Limit {
				more = true
				break
			}
			lastKey = kv.Key
			item, err := withRevision(kv.Value, kv.ModRevision)
			if err != nil {
				return nil, withKey(err, string(kv.Key))
			}
			if opts.Predicate != nil {
				keep, err := opts.Predicate(item)
				if err != nil {
					return nil, err
				}
				if !keep {
					continue
				}
			}
			result.Items = append(result.Items, item)
		}
		if more && opts.Limit > 0 && int64(len(result.Items)) < opts.Limit {
			// The Predicate dropped items: read on from the last key,
			// fetching more at a time.
			from = string(lastKey) + "\x00"
			limit = min(limit*2, maxPageFetch)
			continue
		}
		result.ResourceVersion = rev
		if !more {
			return result, nil
		}
		if result.Continue, err = encodeContinue(string(lastKey)+"\x00", prefix, rev); err != nil {
			return nil, err
		}
		if opts.Predicate == nil {
			// Without a Predicate this page came from one read, and its
			// Count covers the page and everything after it.
			remaining := resp.Count - int64(len(result.Items))
			result.RemainingItemCount = &remaining
		}
		return result, nil
	}
}

// listStart validates the list options and returns the key to start at,
// the revision to read at (0 for the newest) and whether any member's copy
// will do.
func listStart(prefix string, opts ListOptions) (from string, rev int64, serializable bool, err error) {
	bad := func(detail string) error { return &Error{Err: ErrBadRequest, Key: prefix, Detail: detail} }
	rv, err := ParseResourceVersion(opts.ResourceVersion)
	if err != nil {
		return "", 0, false, withKey(err, prefix)
	}
	if opts.Continue != "" {
		if opts.ResourceVersion != "" && opts.ResourceVersion != "0" {
			return "", 0, false, bad("specifying resource version is not allowed when using continue")
		}
		from, rev, err := decodeContinue(opts.Continue, prefix)
		if err != nil {
			return "", 0, false, err
		}
		return from, max(rev, 0), false, nil // rv -1: the newest revision
	}
	switch opts.ResourceVersionMatch {
	case "":
		if opts.ResourceVersion == "0" {
			return prefix, 0, true, nil
		}
		if rv > 0 && opts.Limit > 0 {
			return prefix, rv, false, nil
		}
		return prefix, 0, false, nil
	case metav1.ResourceVersionMatchNotOlderThan:
		if opts.ResourceVersion == "" {
			return "", 0, false, bad("resourceVersionMatch is forbidden unless resourceVersion is provided")
		}
		return prefix, 0, rv == 0, nil
	case metav1.ResourceVersionMatchExact:
		if rv == 0 {
			return "", 0, false, bad(`resourceVersionMatch "Exact" is forbidden for resourceVersion "0" or unset`)
		}
		return prefix, rv, false, nil
	}
	return "", 0, false, bad(fmt.Sprintf("unknown resourceVersionMatch %q: must be NotOlderThan or Exact", opts.ResourceVersionMatch))
}

// listError translates a failed read at revision rev: a compacted one is
// ErrExpired (a continued list also gets a token that resumes at the
// newest revision, as upstream offers), a future one
// ErrTooLargeResourceVersion.
func listError(err error, prefix, from string, rev int64, continued bool) error {
	switch {
	case errors.Is(err, rpctypes.ErrCompacted):
		e := &Error{Err: ErrExpired, Key: prefix, ResourceVersion: rev}
		if continued {
			e.Continue, _ = encodeContinue(from, prefix, -1)
		}
		return e
	case errors.Is(err, rpctypes.ErrFutureRev):
		return &Error{Err: ErrTooLargeResourceVersion, Key: prefix, ResourceVersion: rev}
	}
	return etcdError("list", prefix, err)
}
