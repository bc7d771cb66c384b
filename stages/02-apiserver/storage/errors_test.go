package storage_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

func TestErrorMessages(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  *storage.Error
		want string
	}{
		{"not found", &storage.Error{Err: storage.ErrNotFound, Key: "/registry/pods/default/web"},
			`key "/registry/pods/default/web" not found`},
		{"already exists", &storage.Error{Err: storage.ErrAlreadyExists, Key: "/registry/pods/default/web"},
			`key "/registry/pods/default/web" already exists`},
		{"conflict", &storage.Error{Err: storage.ErrConflict, Key: "/registry/pods/default/web", Detail: storage.OptimisticLockErrorMsg},
			`conflict "/registry/pods/default/web": the object has been modified; please apply your changes to the latest version and try again`},
		{"expired, as the watch cache words it", &storage.Error{Err: storage.ErrExpired, ResourceVersion: 5, Current: 12},
			"too old resource version: 5 (12)"},
		{"expired, compact revision unknown", &storage.Error{Err: storage.ErrExpired, ResourceVersion: 5},
			"too old resource version: 5"},
		{"too large", &storage.Error{Err: storage.ErrTooLargeResourceVersion, ResourceVersion: 50, Current: 12},
			"too large resource version: 50, current: 12"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
			wrapped := fmt.Errorf("create pod: %w", tc.err)
			if !errors.Is(wrapped, tc.err.Err) {
				t.Errorf("errors.Is(wrapped, %v) = false", tc.err.Err)
			}
			if storage.AsError(wrapped) != tc.err {
				t.Errorf("AsError(wrapped) did not return the *Error")
			}
		})
	}
	if storage.AsError(errors.New("plain")) != nil {
		t.Errorf("AsError(plain error) != nil")
	}
}
