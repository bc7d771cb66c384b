// Update: read, change, compare-and-swap, for PUT, PATCH and the status
// subresource.
//
// Interface:
//   - (*Store).Update(ctx, key, tryUpdate, opts), in numbered steps.
//   - prepareUpdate: the rules that keep server-owned fields (identity,
//     timestamps, status or spec, generation) whatever the client sent.
//   - deletesOnUpdate: an update that removes the last finalizer of an
//     object being deleted removes the object.
//
// Talk 004, step 6 "update objects": controllers write status back with
// this path, users change specs with it, and neither can overwrite the
// other's half of an object. Several writers never lose a change: the
// write is a compare-and-swap on the revision read in step 1, retried
// from step 1 when someone else wrote first, unless the client named the
// version it edited (then 409 Conflict).
package registry

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/defaults"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/validation"
	"k8s.io/klog/v2"
)

// Update replaces the object under key with what tryUpdate makes of it,
// and returns the result as stored; created is true when opts.AllowCreate
// created a missing object. See the Storage interface for the contract of
// tryUpdate.
//
// Failures: 404 for a missing object (without AllowCreate) or an unknown
// subresource; 400 when the result names another object; 409 when its
// uid or resourceVersion is not the stored one; 422 when validation
// fails. An error of tryUpdate is returned as it is when it is a
// StatusError, and as a 500 otherwise.
func (s *Store) Update(ctx context.Context, key Key, tryUpdate UpdateFunc, opts UpdateOptions) (metav1.Object, bool, error) {
	k, err := s.key(key)
	if err != nil {
		return nil, false, err
	}
	if err := s.checkSubresource(opts.Subresource, key.Name); err != nil {
		return nil, false, err
	}
	for {
		// 1. Observe: the stored object and its revision.
		data, rv, err := s.store.Get(ctx, k, storage.GetOptions{})
		var current metav1.Object
		switch {
		case errors.Is(err, storage.ErrNotFound) && opts.AllowCreate && opts.Subresource == "":
		case err != nil:
			return nil, false, s.statusError(err, key.Name)
		default:
			if current, err = s.decodeOrInternal(data); err != nil {
				return nil, false, err
			}
		}
		// 2. Desired: the caller's change, made on a private copy.
		obj, err := tryUpdate(ctx, s.clone(current))
		if err != nil {
			return nil, false, s.statusError(err, key.Name)
		}
		if obj == nil {
			return nil, false, apierrors.NewInternalError(fmt.Errorf("update %s %q: the update function returned no object", s.gr, key.Name))
		}
		obj = s.clone(obj)
		// 3. Identity: the result must be the object the URL names.
		if err := s.checkIdentity(obj.GetObjectMeta(), key); err != nil {
			return nil, false, err
		}
		if current == nil {
			out, err := s.createOnUpdate(ctx, obj, opts)
			if apierrors.IsAlreadyExists(err) {
				continue // created by someone else since step 1: update it instead
			}
			return out, err == nil, err
		}
		// 4. Preconditions the client sent in the object.
		if err := s.checkPreconditions(obj.GetObjectMeta(), current.GetObjectMeta(), rv); err != nil {
			return nil, false, err
		}
		// 5-6. Server-owned fields, the kind's rules, pools, validation.
		obj, finish, err := s.prepareUpdate(ctx, obj, current, opts)
		if err != nil {
			return nil, false, err
		}
		// 7. Dry run: everything but the write.
		if opts.DryRun {
			finish(false)
			return obj, false, nil
		}
		// 8. Write with compare-and-swap on the revision of step 1 (or
		// remove, when the last finalizer of a deleting object went).
		var out metav1.Object
		if deletesOnUpdate(obj, current) {
			out, err = s.removeAt(ctx, k, obj, rv)
		} else {
			out, err = s.swap(ctx, k, obj, rv)
		}
		finish(err == nil)
		// 9. Lost the race: start over from step 1 with the fresh copy. A
		// PATCH is applied again to it; a PUT of a client that named the
		// version it edited now fails step 4 with 409.
		if errors.Is(err, errLostRace) {
			continue
		}
		return out, false, err
	}
}

// errLostRace reports that the object changed between read and write.
var errLostRace = errors.New("the object changed since it was read")

// swap writes obj over the object stored at revision rv.
func (s *Store) swap(ctx context.Context, k string, obj metav1.Object, rv int64) (metav1.Object, error) {
	data, err := s.encode(obj)
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	pre := storage.Preconditions{ResourceVersion: strconv.FormatInt(rv, 10)}
	stored, newRev, err := s.store.GuaranteedUpdate(ctx, k, storage.UpdateOptions{Preconditions: pre},
		func([]byte, int64) ([]byte, error) { return data, nil })
	if errors.Is(err, storage.ErrConflict) || errors.Is(err, storage.ErrNotFound) {
		return nil, errLostRace
	}
	if err != nil {
		return nil, s.statusError(err, obj.GetObjectMeta().Name)
	}
	klog.V(4).InfoS("etcd write", "op", "update", "key", k, "revision", newRev)
	return s.decodeOrInternal(stored)
}

// removeAt removes the object stored at revision rv and returns obj,
// its last state, with the revision of the delete.
func (s *Store) removeAt(ctx context.Context, k string, obj metav1.Object, rv int64) (metav1.Object, error) {
	pre := storage.Preconditions{ResourceVersion: strconv.FormatInt(rv, 10)}
	_, delRev, err := s.store.Delete(ctx, k, pre, nil)
	if errors.Is(err, storage.ErrConflict) || errors.Is(err, storage.ErrNotFound) {
		return nil, errLostRace
	}
	if err != nil {
		return nil, s.statusError(err, obj.GetObjectMeta().Name)
	}
	klog.V(4).InfoS("etcd write", "op", "delete", "key", k, "revision", delRev)
	if s.strategy.AfterDelete != nil {
		s.strategy.AfterDelete(ctx, obj)
	}
	obj.GetObjectMeta().ResourceVersion = strconv.FormatInt(delRev, 10)
	return obj, nil
}

// createOnUpdate creates an object an update did not find (AllowCreate):
// the create path from its namespace check on.
func (s *Store) createOnUpdate(ctx context.Context, obj metav1.Object, opts UpdateOptions) (metav1.Object, error) {
	meta := obj.GetObjectMeta()
	if meta.ResourceVersion != "" {
		// The client edited a version of an object that no longer exists.
		return nil, apierrors.NewNotFound(s.gr, meta.Name)
	}
	return s.Create(ctx, meta.Namespace, obj, CreateOptions{DryRun: opts.DryRun, FieldManager: opts.FieldManager, Admission: opts.Admission})
}

// prepareUpdate turns the client's object into the one to store:
//
//  5. defaults; then the half of the object the request may not change
//     comes from current (status on an update of the object, everything
//     but status on /status); identity, timestamps and deletion marks
//     are the stored ones; the kind's PrepareForUpdate; generation +1
//     when the desired state changed;
//  6. pools (a service's new node ports) and validation (422), with the
//     admission hooks (stage 2b) after defaults and after validation.
//
// It returns the object (possibly another value than obj) and the
// finish func of the pools.
func (s *Store) prepareUpdate(ctx context.Context, obj, current metav1.Object, opts UpdateOptions) (metav1.Object, func(bool), error) {
	old := s.clone(current)
	defaults.Default(obj)
	switch opts.Subresource {
	case "":
		if _, ok := s.res.Subresource("status"); ok {
			copyStatus(obj, old)
		}
	case "status":
		obj = withStatusOf(s.clone(old), obj)
	default:
		obj = s.strategy.Subresources[opts.Subresource](obj, s.clone(old))
	}
	// Mutating admission (stage 2b) sees the object the request asks for.
	if err := opts.Admission.mutate(ctx, obj, old); err != nil {
		return nil, nil, err
	}
	meta, oldMeta := obj.GetObjectMeta(), old.GetObjectMeta()
	meta.UID = oldMeta.UID
	meta.CreationTimestamp = oldMeta.CreationTimestamp
	meta.DeletionTimestamp = oldMeta.DeletionTimestamp
	meta.DeletionGracePeriodSeconds = oldMeta.DeletionGracePeriodSeconds
	meta.Generation = oldMeta.Generation
	if opts.Subresource == "" {
		if s.strategy.PrepareForUpdate != nil {
			s.strategy.PrepareForUpdate(obj, old)
		}
		if s.strategy.Generation != nil && s.strategy.Generation(obj, old) {
			meta.Generation++
		}
	}

	finish := func(bool) {}
	if s.strategy.BeginWrite != nil && opts.Subresource == "" {
		var err error
		if finish, err = s.strategy.BeginWrite(ctx, obj, old, opts.DryRun); err != nil {
			return nil, nil, err
		}
	}
	validate := validation.ValidateUpdate
	if opts.Subresource == "status" {
		validate = validation.ValidateStatusUpdate
	}
	errs := validate(obj, old)
	if len(errs) > 0 {
		finish(false)
		return nil, nil, apierrors.NewInvalid(s.res.GroupVersionKind().GroupKind(), meta.Name, errs)
	}
	if err := opts.Admission.validate(ctx, obj, old); err != nil {
		finish(false)
		return nil, nil, err
	}
	return obj, finish, nil
}

// checkSubresource answers 404 for a subresource the kind does not
// serve through Update ("" is the object itself).
func (s *Store) checkSubresource(sub, name string) error {
	if sub == "" {
		return nil
	}
	if _, ok := s.res.Subresource(sub); ok && sub == "status" {
		return nil
	}
	if _, ok := s.strategy.Subresources[sub]; ok {
		return nil
	}
	return apierrors.NewNotFound(metav1.GroupResource{Group: s.gr.Group, Resource: s.gr.Resource + "/" + sub}, name)
}

// checkIdentity compares the name and namespace of the update's result
// with the URL's, as upstream's handlers do (400 on a mismatch); an
// empty namespace takes the URL's and a cluster-scoped object has none.
func (s *Store) checkIdentity(meta *metav1.ObjectMeta, key Key) error {
	if meta.Name != key.Name {
		return apierrors.NewBadRequest(fmt.Sprintf("the name of the object (%s) does not match the name on the URL (%s)", meta.Name, key.Name))
	}
	if !s.res.Namespaced {
		meta.Namespace = ""
		return nil
	}
	if meta.Namespace != "" && meta.Namespace != key.Namespace {
		return apierrors.NewBadRequest(fmt.Sprintf("the namespace of the object (%s) does not match the namespace on the URL (%s)", meta.Namespace, key.Namespace))
	}
	meta.Namespace = key.Namespace
	return nil
}

// checkPreconditions answers 409 Conflict when the update's result
// carries a uid or resourceVersion other than the stored object's (at
// revision rv). Empty ones are not checked: the update is unconditional.
func (s *Store) checkPreconditions(meta, stored *metav1.ObjectMeta, rv int64) error {
	if meta.UID != "" && meta.UID != stored.UID {
		return apierrors.NewConflict(s.gr, meta.Name,
			fmt.Errorf("Precondition failed: UID in precondition: %v, UID in object meta: %v", meta.UID, stored.UID))
	}
	if meta.ResourceVersion != "" && meta.ResourceVersion != strconv.FormatInt(rv, 10) {
		return apierrors.NewConflict(s.gr, meta.Name, errors.New(storage.OptimisticLockErrorMsg))
	}
	return nil
}

// deletesOnUpdate reports whether writing obj over old removes the
// object instead (upstream's shouldDeleteDuringUpdate): old is marked
// for deletion with no grace period left, had finalizers, and obj has
// none - the last controller with a say has let go.
func deletesOnUpdate(obj, old metav1.Object) bool {
	meta, oldMeta := obj.GetObjectMeta(), old.GetObjectMeta()
	return len(meta.Finalizers) == 0 && len(oldMeta.Finalizers) > 0 &&
		meta.DeletionTimestamp != nil &&
		meta.DeletionGracePeriodSeconds != nil && *meta.DeletionGracePeriodSeconds == 0
}
