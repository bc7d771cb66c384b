// Store: the one implementation of Storage, for every kind.
//
// Interface:
//   - Store, built by the Registry for each resource of shared/scheme.
//   - Resource, Get and List here; Create (create.go), Update
//     (update.go), Delete and DeleteCollection (delete.go), Watch
//     (watch.go).
//   - (*Store).statusError: every failure leaves this package as an
//     *apierrors.StatusError.
//
// A Store knows its resource (names, Go type, scope) from shared/scheme
// and its kind's peculiarities from a Strategy (strategy.go). Below it,
// stages/02-apiserver/storage reads and writes JSON bytes in etcd; above
// it, the HTTP layer (stages/02-apiserver/endpoints) turns requests into
// these calls. Talk 004, step 2 "save objects": every write of every
// component ends in one of these methods.
package registry

import (
	"context"
	"errors"
	"fmt"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// Store serves one resource over etcd. It is safe for concurrent use and
// holds no state of its own besides its configuration: two API servers
// with a Store each over one etcd behave as one (talk 003, "scaled
// horizontally").
type Store struct {
	res      *scheme.Resource
	gr       metav1.GroupResource
	store    *storage.Store
	strategy Strategy
	// form, when not nil, is the other kind the objects are stored as
	// (events.k8s.io events as core events), under form.res's keys.
	form *storageForm
	// checkNamespace answers whether a create may put an object into a
	// namespace (nil for cluster-scoped kinds and for namespaces).
	checkNamespace func(ctx context.Context, namespace, name string) error
	// beforeDeleteHook, when set, is told of each delete that will mark or
	// remove an object, just before the write (the namespaces' Store
	// records them for checkNamespace).
	beforeDeleteHook func(key Key)
	// now is the clock for timestamps.
	now func() time.Time
	// bookmarkInterval is how often a watch that allows bookmarks asks
	// etcd for a progress report; 0 never.
	bookmarkInterval time.Duration
	// watchTimeout picks the lifetime of a watch without timeoutSeconds.
	watchTimeout func() time.Duration
}

var _ Storage = (*Store)(nil)

// Resource returns the scheme entry the Store serves.
func (s *Store) Resource() *scheme.Resource { return s.res }

// Get returns the object under key. A missing object is 404 NotFound
// `pods "web" not found`.
func (s *Store) Get(ctx context.Context, key Key, opts GetOptions) (metav1.Object, error) {
	k, err := s.key(key)
	if err != nil {
		return nil, err
	}
	data, _, err := s.store.Get(ctx, k, storage.GetOptions{ResourceVersion: opts.ResourceVersion})
	if err != nil {
		return nil, s.statusError(err, key.Name)
	}
	return s.decodeOrInternal(data)
}

// List returns the objects in namespace ("" for all namespaces, and for
// cluster-scoped kinds) that opts' selectors match, a page at a time when
// opts.Limit is set.
func (s *Store) List(ctx context.Context, namespace string, opts ListOptions) (*List, error) {
	pred, err := s.newPredicate(opts)
	if err != nil {
		return nil, err
	}
	page, err := s.store.List(ctx, s.prefix(namespace), s.storageListOptions(opts, pred))
	if err != nil {
		return nil, s.listError(err)
	}
	out := &List{
		Items:              make([]metav1.Object, 0, len(page.Items)),
		ResourceVersion:    fmt.Sprint(page.ResourceVersion),
		Continue:           page.Continue,
		RemainingItemCount: page.RemainingItemCount,
	}
	for _, data := range page.Items {
		obj, err := s.decodeOrInternal(data)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, obj)
	}
	return out, nil
}

// storageListOptions translates a list request for the storage layer,
// with the selectors as a Predicate on the stored bytes.
func (s *Store) storageListOptions(opts ListOptions, pred predicate) storage.ListOptions {
	lo := storage.ListOptions{
		ResourceVersion:      opts.ResourceVersion,
		ResourceVersionMatch: metav1.ResourceVersionMatch(opts.ResourceVersionMatch),
		Limit:                opts.Limit,
		Continue:             opts.Continue,
	}
	if !pred.everything() {
		lo.Predicate = func(data []byte) (bool, error) {
			obj, err := s.decode(data)
			if err != nil {
				return false, err
			}
			return pred.matches(obj), nil
		}
	}
	return lo
}

// listError is statusError for a list: a 410 for a compacted revision
// carries upstream's explanation and, for a continue token, a token that
// continues inconsistently at the newest revision.
func (s *Store) listError(err error) error {
	se := storage.AsError(err)
	if se == nil || !errors.Is(err, storage.ErrExpired) {
		return s.statusError(err, "")
	}
	if se.Continue == "" {
		return apierrors.NewResourceExpired(listExpiredMessage)
	}
	e := apierrors.NewResourceExpired(continueExpiredMessage)
	e.ErrStatus.ListMeta.Continue = se.Continue
	return e
}

// listExpiredMessage is upstream's message when a list asks for a revision
// etcd has compacted.
const listExpiredMessage = "The resourceVersion for the provided list is too old."

// continueExpiredMessage is upstream's message when the revision a
// continue token reads at has been compacted.
const continueExpiredMessage = "The provided continue parameter is too old to display a consistent list result. " +
	"You can start a new list without the continue parameter, or use the continue token in this response to " +
	"retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - " +
	"objects that were created, modified, or deleted between the time the first chunk was returned and now may " +
	"show up in the list."

// key returns the etcd key of one object. A namespaced kind needs a
// namespace (400 otherwise); a cluster-scoped kind ignores it.
func (s *Store) key(key Key) (string, error) {
	if key.Name == "" {
		return "", apierrors.NewBadRequest("resource name may not be empty")
	}
	if !s.res.Namespaced {
		return s.store.Key(s.storedResource(), "", key.Name), nil
	}
	if key.Namespace == "" {
		return "", apierrors.NewBadRequest(fmt.Sprintf("a namespace is required for %s", s.gr))
	}
	return s.store.Key(s.storedResource(), key.Namespace, key.Name), nil
}

// prefix returns the collection prefix of namespace (all namespaces for
// "" and for cluster-scoped kinds).
func (s *Store) prefix(namespace string) string {
	if !s.res.Namespaced {
		namespace = ""
	}
	return s.store.Prefix(s.storedResource(), namespace)
}

// storedResource is the plural that names the keys: the resource's own,
// or its storage form's (core "events" for events.k8s.io events, so both
// groups read and write the same keys).
func (s *Store) storedResource() string {
	if s.form != nil {
		return s.form.res.Resource
	}
	return s.res.Resource
}

// keyOf returns the Key naming obj.
func keyOf(obj metav1.Object) Key {
	m := obj.GetObjectMeta()
	return Key{Namespace: m.Namespace, Name: m.Name}
}

// decodeOrInternal decodes stored bytes; a value that does not decode
// is a 500, since only this package writes values.
func (s *Store) decodeOrInternal(data []byte) (metav1.Object, error) {
	obj, err := s.decode(data)
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	return obj, nil
}

// statusError turns any error from below into a StatusError about the
// object name: storage's categories into their status codes, anything
// else (etcd unreachable, a cancelled request) into a 500. StatusErrors
// pass through unchanged.
func (s *Store) statusError(err error, name string) error {
	if err == nil {
		return nil
	}
	var se *apierrors.StatusError
	if errors.As(err, &se) {
		return se
	}
	err = apierrors.FromStorage(err, s.gr, name)
	if errors.As(err, &se) {
		return se
	}
	return apierrors.NewInternalError(err)
}
