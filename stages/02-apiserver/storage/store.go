// Store: API objects in etcd, one key per object, JSON values.
//
// Interface:
//   - New(client, Options) wraps an etcd client.
//   - Create stores a new object; it fails with ErrAlreadyExists if the key
//     is taken, decided inside one etcd transaction.
//   - Get reads one object, honouring the request's resourceVersion.
//   - Delete removes an object if its Preconditions (uid, resourceVersion)
//     hold, and returns it as it was.
//   - Count counts the objects under a prefix; CurrentRevision reads the
//     revision etcd is at.
//   - GuaranteedUpdate (update.go), List (list.go) and Watch (watch.go).
//
// Every object handed out carries metadata.resourceVersion, the etcd
// revision of its last change (object.go). Below the Store is the etcd
// client (Dial, or an Embedded server's endpoints); above it, the REST
// layer of stages/02-apiserver turns these calls into HTTP verbs.
package storage

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Store reads and writes API objects in etcd. It holds no state besides
// the client, so any number of Stores (and API servers) may share one etcd
// cluster: etcd's revisions order all of their writes (talk 003, "Scaled
// horizontally").
type Store struct {
	client *clientv3.Client
	// prefix is the root of every key, without a trailing "/".
	prefix string
}

// Options configure a Store.
type Options struct {
	// Prefix is the root of every key; "" means DefaultPrefix. Tests give
	// each case its own prefix to share one etcd.
	Prefix string
}

// New returns a Store that keeps objects under opts.Prefix in the etcd
// cluster behind client. The caller keeps ownership of client and closes it
// after the last use of the Store.
func New(client *clientv3.Client, opts Options) *Store {
	prefix := strings.TrimSuffix(opts.Prefix, "/")
	if prefix == "" {
		prefix = DefaultPrefix
	}
	if !strings.HasPrefix(prefix, "/") {
		prefix = "/" + prefix
	}
	return &Store{client: client, prefix: prefix}
}

// Client returns the etcd client the Store uses.
func (s *Store) Client() *clientv3.Client { return s.client }

// GetOptions say how fresh a Get must be.
type GetOptions struct {
	// ResourceVersion "" reads the newest copy with a quorum read; "0"
	// accepts whatever the contacted etcd member has (a serializable read,
	// possibly stale); "N" needs a copy at least as new as revision N and
	// fails with ErrTooLargeResourceVersion when etcd is not there yet.
	ResourceVersion string
}

// Preconditions must hold on the stored object for a Delete or
// GuaranteedUpdate to proceed. Empty fields are not checked.
type Preconditions struct {
	UID             metav1.UID
	ResourceVersion string
}

// Create stores obj under key, which must not exist yet. obj must be a
// JSON object without metadata.resourceVersion (upstream refuses one with
// "resourceVersion should not be set on objects to be created"). It returns
// the object as stored, with metadata.resourceVersion set to the revision
// of the write, and that revision.
func (s *Store) Create(ctx context.Context, key string, obj []byte) ([]byte, int64, error) {
	if err := s.checkKey(key, false); err != nil {
		return nil, 0, err
	}
	o, err := parseObject(obj)
	if err != nil {
		return nil, 0, withKey(err, key)
	}
	if rv := o.metaString("resourceVersion"); rv != "" {
		return nil, 0, &Error{Err: ErrInvalidObject, Key: key, Detail: "resourceVersion should not be set on objects to be created"}
	}
	stored := o.withResourceVersion(0)
	// The comparison and the put run as one transaction, so two creates of
	// the same name cannot both succeed.
	resp, err := s.client.Txn(ctx).
		If(clientv3.Compare(clientv3.ModRevision(key), "=", 0)).
		Then(clientv3.OpPut(key, string(stored))).
		Commit()
	if err != nil {
		return nil, 0, etcdError("create", key, err)
	}
	if !resp.Succeeded {
		return nil, 0, &Error{Err: ErrAlreadyExists, Key: key}
	}
	rev := resp.Header.Revision
	return o.withResourceVersion(rev), rev, nil
}

// Get returns the object under key and its resourceVersion, or
// ErrNotFound.
func (s *Store) Get(ctx context.Context, key string, opts GetOptions) ([]byte, int64, error) {
	if err := s.checkKey(key, false); err != nil {
		return nil, 0, err
	}
	minRV, err := ParseResourceVersion(opts.ResourceVersion)
	if err != nil {
		return nil, 0, withKey(err, key)
	}
	var ops []clientv3.OpOption
	if opts.ResourceVersion == "0" {
		ops = append(ops, clientv3.WithSerializable())
	}
	resp, err := s.client.Get(ctx, key, ops...)
	if err != nil {
		return nil, 0, etcdError("get", key, err)
	}
	if minRV > resp.Header.Revision {
		return nil, 0, &Error{Err: ErrTooLargeResourceVersion, Key: key, ResourceVersion: minRV, Current: resp.Header.Revision}
	}
	if len(resp.Kvs) == 0 {
		return nil, 0, &Error{Err: ErrNotFound, Key: key}
	}
	kv := resp.Kvs[0]
	data, err := withRevision(kv.Value, kv.ModRevision)
	return data, kv.ModRevision, withKey(err, key)
}

// Delete removes the object under key if pre holds, and returns it as it
// was, with metadata.resourceVersion set to the revision of the delete
// (what a watcher sees in the DELETED event). A failed precondition is an
// ErrConflict with upstream's "Precondition failed: ..." detail.
//
// validate, if not nil, sees the current object just before the delete and
// may veto it by returning an error, which Delete returns unchanged (the
// REST layer uses it for finalizers and graceful deletion). If the object
// changes between that check and the delete, both run again.
func (s *Store) Delete(ctx context.Context, key string, pre Preconditions, validate func(current []byte) error) ([]byte, int64, error) {
	if err := s.checkKey(key, false); err != nil {
		return nil, 0, err
	}
	resp, err := s.client.Get(ctx, key)
	if err != nil {
		return nil, 0, etcdError("delete", key, err)
	}
	for {
		if len(resp.Kvs) == 0 {
			return nil, 0, &Error{Err: ErrNotFound, Key: key}
		}
		kv := resp.Kvs[0]
		current, err := withRevision(kv.Value, kv.ModRevision)
		if err != nil {
			return nil, 0, withKey(err, key)
		}
		if err := pre.check(key, current, kv.ModRevision, false); err != nil {
			return nil, 0, err
		}
		if validate != nil {
			if err := validate(current); err != nil {
				return nil, 0, err
			}
		}
		txn, err := s.client.Txn(ctx).
			If(clientv3.Compare(clientv3.ModRevision(key), "=", kv.ModRevision)).
			Then(clientv3.OpDelete(key)).
			Else(clientv3.OpGet(key)).
			Commit()
		if err != nil {
			return nil, 0, etcdError("delete", key, err)
		}
		if txn.Succeeded {
			rev := txn.Header.Revision
			data, err := withRevision(kv.Value, rev)
			return data, rev, withKey(err, key)
		}
		// Someone changed the object since we read it: check again against
		// the copy the transaction returned.
		resp = (*clientv3.GetResponse)(txn.Responses[0].GetResponseRange())
	}
}

// Count returns how many objects are stored under prefix (a collection
// prefix from Store.Prefix).
func (s *Store) Count(ctx context.Context, prefix string) (int64, error) {
	if err := s.checkKey(prefix, true); err != nil {
		return 0, err
	}
	prefix = collection(prefix)
	resp, err := s.client.Get(ctx, prefix, clientv3.WithPrefix(), clientv3.WithCountOnly())
	if err != nil {
		return 0, etcdError("count", prefix, err)
	}
	return resp.Count, nil
}

// CurrentRevision returns the revision etcd is at now: a quorum read of
// one key that asks for no keys back, so it costs a round trip to the
// leader but no data. A watch cache waits until it has seen this revision
// before it answers a consistent read from memory.
func (s *Store) CurrentRevision(ctx context.Context) (int64, error) {
	resp, err := s.client.Get(ctx, s.prefix, clientv3.WithCountOnly())
	if err != nil {
		return 0, etcdError("read the current revision", s.prefix, err)
	}
	return resp.Header.Revision, nil
}

// check returns an ErrConflict when current (stored at revision rev; nil
// and 0 when missing) does not satisfy p. A stale resourceVersion on an update is reported with
// OptimisticLockErrorMsg, as upstream does; on a delete with its
// "Precondition failed" wording.
func (p Preconditions) check(key string, current []byte, rev int64, update bool) error {
	if p.UID != "" {
		uid := "" // a missing object (current nil) has no uid
		if current != nil {
			o, err := parseStored(current)
			if err != nil {
				return withKey(err, key)
			}
			uid = o.metaString("uid")
		}
		if uid != string(p.UID) {
			return &Error{Err: ErrConflict, Key: key, ResourceVersion: rev,
				Detail: fmt.Sprintf("Precondition failed: UID in precondition: %v, UID in object meta: %v", p.UID, uid)}
		}
	}
	if p.ResourceVersion != "" && p.ResourceVersion != strconv.FormatInt(rev, 10) {
		detail := fmt.Sprintf("Precondition failed: ResourceVersion in precondition: %v, ResourceVersion in object meta: %v", p.ResourceVersion, rev)
		if update {
			detail = OptimisticLockErrorMsg
		}
		return &Error{Err: ErrConflict, Key: key, ResourceVersion: rev, Detail: detail}
	}
	return nil
}

// withRevision returns a stored value with metadata.resourceVersion = rev.
func withRevision(value []byte, rev int64) ([]byte, error) {
	o, err := parseStored(value)
	if err != nil {
		return nil, err
	}
	return o.withResourceVersion(rev), nil
}

// collection makes sure prefix ends in "/", so "/registry/pods/a" does not
// also match "/registry/pods/ab".
func collection(prefix string) string {
	if strings.HasSuffix(prefix, "/") {
		return prefix
	}
	return prefix + "/"
}

// withKey fills in the key of an *Error produced before the key was known.
func withKey(err error, key string) error {
	if e := AsError(err); e != nil && e.Key == "" {
		e.Key = key
	}
	return err
}

// etcdError wraps an error from the etcd client with the operation and
// key, translating the few etcd errors that have an API meaning.
func etcdError(op, key string, err error) error {
	switch {
	case errors.Is(err, rpctypes.ErrCompacted):
		return &Error{Err: ErrExpired, Key: key}
	case errors.Is(err, rpctypes.ErrRequestTooLarge):
		return &Error{Err: ErrRequestTooLarge, Key: key, Detail: err.Error()}
	}
	return fmt.Errorf("%s %q: %w", op, key, err)
}
