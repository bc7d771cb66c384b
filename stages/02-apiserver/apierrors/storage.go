// Translating storage errors: the one place where an etcd-level failure
// becomes the Status a client sees.
package apierrors

import (
	"errors"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// etcdRequestLimit is etcd's default --max-request-bytes (1.5 MiB), the
// largest object the embedded etcd accepts.
const etcdRequestLimit = 1572864

// FromStorage converts an error of package storage about the object name of
// gr into its Status error; other errors are returned unchanged (and become
// 500s in StatusFor).
func FromStorage(err error, gr metav1.GroupResource, name string) error {
	if err == nil {
		return nil
	}
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return NewNotFound(gr, name)
	case errors.Is(err, storage.ErrAlreadyExists):
		return NewAlreadyExists(gr, name)
	case errors.Is(err, storage.ErrConflict):
		why := storage.OptimisticLockErrorMsg
		if se := storage.AsError(err); se != nil && se.Detail != "" {
			why = se.Detail // a failed uid precondition explains itself
		}
		return NewConflict(gr, name, errors.New(why))
	case errors.Is(err, storage.ErrExpired):
		return NewResourceExpired(err.Error())
	case errors.Is(err, storage.ErrTooLargeResourceVersion):
		var requested, current int64
		if se := storage.AsError(err); se != nil {
			requested, current = se.ResourceVersion, se.Current
		}
		return NewTooLargeResourceVersion(requested, current)
	case errors.Is(err, storage.ErrBadRequest), errors.Is(err, storage.ErrInvalidObject):
		return NewBadRequest(err.Error())
	case errors.Is(err, storage.ErrRequestTooLarge):
		// etcd refused the value: over its request limit. Upstream answers
		// 500 here (kubernetes issue 112152); 413 says what to fix.
		return NewRequestEntityTooLarge(etcdRequestLimit)
	}
	return err
}
