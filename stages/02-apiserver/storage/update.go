// GuaranteedUpdate: read, modify, compare-and-swap, and retry.
//
// Interface:
//   - Store.GuaranteedUpdate(ctx, key, UpdateOptions, UpdateFunc) applies
//     UpdateFunc to the current object and writes the result only if
//     nobody wrote the key in between (etcd compares mod_revision inside
//     the transaction).
//   - UpdateFunc is the caller's change: PUT replaces the body, PATCH
//     applies a patch, the status subresource copies one field.
//
// This is how the API server stays correct without locks while several
// servers and controllers write the same object (talk 004, step 6 "update
// objects"): a write based on a stale read loses the compare and is either
// retried on the fresh copy or, when the client named the version it
// edited, refused with 409 Conflict.
package storage

import (
	"bytes"
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// UpdateFunc computes the new object from the current one. current carries
// metadata.resourceVersion = rv; it is nil (and rv 0) when the key does not
// exist and UpdateOptions.IgnoreNotFound is set. UpdateFunc may run several
// times, once per retry, so it must not have side effects. An error it
// returns aborts the update and is returned unchanged.
type UpdateFunc func(current []byte, rv int64) ([]byte, error)

// UpdateOptions control a GuaranteedUpdate.
type UpdateOptions struct {
	// Preconditions must hold on the current object. With a
	// ResourceVersion, the update is never retried: a changed object is an
	// ErrConflict with OptimisticLockErrorMsg. Without one, a lost race is
	// retried on the fresh copy.
	Preconditions Preconditions
	// IgnoreNotFound calls UpdateFunc with a nil current object when the
	// key does not exist, and creates it (create-on-update, used by
	// server-side apply). Otherwise a missing key is ErrNotFound.
	IgnoreNotFound bool
}

// GuaranteedUpdate replaces the object under key with tryUpdate's result
// and returns the stored object with its new resourceVersion. The stored
// bytes never contain metadata.resourceVersion, whatever tryUpdate
// returns. If the result equals the current object, nothing is written and
// the current object and revision are returned, as upstream does (so a
// no-op update does not wake every watcher).
func (s *Store) GuaranteedUpdate(ctx context.Context, key string, opts UpdateOptions, tryUpdate UpdateFunc) ([]byte, int64, error) {
	if err := s.checkKey(key, false); err != nil {
		return nil, 0, err
	}
	resp, err := s.client.Get(ctx, key)
	if err != nil {
		return nil, 0, etcdError("update", key, err)
	}
	for {
		// 1. Observe: the current object, or nothing.
		var current, stored []byte
		var rev int64
		if len(resp.Kvs) == 0 {
			if !opts.IgnoreNotFound {
				return nil, 0, &Error{Err: ErrNotFound, Key: key}
			}
		} else {
			kv := resp.Kvs[0]
			stored, rev = kv.Value, kv.ModRevision
			if current, err = withRevision(stored, rev); err != nil {
				return nil, 0, withKey(err, key)
			}
		}
		if err := opts.Preconditions.check(key, current, rev, true); err != nil {
			return nil, 0, err
		}

		// 2. Compute the new object.
		updated, err := tryUpdate(current, rev)
		if err != nil {
			return nil, 0, err
		}
		o, err := parseObject(updated)
		if err != nil {
			return nil, 0, withKey(err, key)
		}
		next := o.withResourceVersion(0)
		if current != nil && bytes.Equal(next, stored) {
			return current, rev, nil
		}

		// 3. Compare-and-swap: write only if the key is still at rev (0
		// means "still absent").
		txn, err := s.client.Txn(ctx).
			If(clientv3.Compare(clientv3.ModRevision(key), "=", rev)).
			Then(clientv3.OpPut(key, string(next))).
			Else(clientv3.OpGet(key)).
			Commit()
		if err != nil {
			return nil, 0, etcdError("update", key, err)
		}
		if txn.Succeeded {
			newRev := txn.Header.Revision
			return o.withResourceVersion(newRev), newRev, nil
		}
		// 4. Lost the race: start over from the copy the transaction read.
		// A resourceVersion precondition now fails in check.
		resp = (*clientv3.GetResponse)(txn.Responses[0].GetResponseRange())
	}
}
