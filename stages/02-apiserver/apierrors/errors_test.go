package apierrors

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

var deployments = metav1.GroupResource{Group: "apps", Resource: "deployments"}

// Talk 000: what kubectl prints as "Error from server (Reason): message"
// comes from these Status objects.
func TestStatusFor(t *testing.T) {
	for _, tc := range []struct {
		name    string
		err     error
		code    int32
		reason  metav1.StatusReason
		message string
	}{
		{"not found", NewNotFound(deployments, "nginx"), 404, metav1.StatusReasonNotFound, `deployments.apps "nginx" not found`},
		{"core not found", NewNotFound(metav1.GroupResource{Resource: "pods"}, "web"), 404, metav1.StatusReasonNotFound, `pods "web" not found`},
		{"already exists", NewAlreadyExists(deployments, "nginx"), 409, metav1.StatusReasonAlreadyExists, `deployments.apps "nginx" already exists`},
		{"conflict", NewConflict(deployments, "nginx", errors.New(storage.OptimisticLockErrorMsg)), 409, metav1.StatusReasonConflict,
			`Operation cannot be fulfilled on deployments.apps "nginx": the object has been modified; please apply your changes to the latest version and try again`},
		{"bad request", NewBadRequest("bad"), 400, metav1.StatusReasonBadRequest, "bad"},
		{"expired", NewResourceExpired("too old resource version: 1 (5)"), 410, metav1.StatusReasonExpired, "too old resource version: 1 (5)"},
		{"too large", NewRequestEntityTooLarge(3145728), 413, metav1.StatusReasonRequestEntityTooLarge, "Request entity too large: limit is 3145728"},
		{"forbidden", NewForbidden(metav1.GroupResource{Resource: "pods"}, "", errors.New(`User "x" cannot list resource "pods" in API group "" in the namespace "default"`)),
			403, metav1.StatusReasonForbidden, `pods is forbidden: User "x" cannot list resource "pods" in API group "" in the namespace "default"`},
		{"too large resource version", NewTooLargeResourceVersion(999, 44), 504, metav1.StatusReasonTimeout,
			"Timeout: Too large resource version: 999, current: 44"},
		{"plain error becomes 500", errors.New("boom"), 500, metav1.StatusReasonInternalError, "Internal error occurred: boom"},
		{"plain error sent as upstream does", NewPlainError(errors.New("boom")), 500, metav1.StatusReasonUnknown, "boom"},
		{"too large with a message", NewRequestEntityTooLargeError("The allowed maximum operations in a JSON patch is 10000, got 10001"),
			413, metav1.StatusReasonRequestEntityTooLarge, "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001"},
		{"wrapped status error", fmt.Errorf("create: %w", NewNotFound(deployments, "x")), 404, metav1.StatusReasonNotFound, `deployments.apps "x" not found`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := StatusFor(tc.err)
			if s.Code != tc.code || s.Reason != tc.reason || s.Message != tc.message {
				t.Errorf("StatusFor = %d %s %q\nwant %d %s %q", s.Code, s.Reason, s.Message, tc.code, tc.reason, tc.message)
			}
			if s.Kind != "Status" || s.APIVersion != "v1" || s.Status != metav1.StatusFailure {
				t.Errorf("type meta/status = %q %q %q", s.Kind, s.APIVersion, s.Status)
			}
		})
	}
}

// A StatusError keeps its cause for errors.Is; the client sees only the
// Status.
func TestStatusErrorUnwrap(t *testing.T) {
	cause := errors.New("lists of lists are not supported")
	for _, tc := range []struct {
		name   string
		err    error
		wantIs bool
	}{
		{"plain error keeps its cause", NewPlainError(cause), true},
		{"wrapped twice", fmt.Errorf("patch: %w", &StatusError{ErrStatus: NewBadRequest("bad").ErrStatus, Err: cause}), true},
		{"no cause", NewBadRequest(cause.Error()), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := errors.Is(tc.err, cause); got != tc.wantIs {
				t.Errorf("errors.Is = %v, want %v", got, tc.wantIs)
			}
		})
	}
}

// Talk 003, "request validation": one cause per bad field, as upstream.
func TestNewInvalidCauses(t *testing.T) {
	errs := field.ErrorList{
		field.Required(field.NewPath("spec", "template", "spec", "containers"), ""),
		field.Invalid(field.NewPath("spec", "replicas"), int64(-1), "must be greater than or equal to 0"),
	}
	err := NewInvalid(metav1.GroupKind{Group: "apps", Kind: "Deployment"}, "nginx", errs)
	s := err.Status()
	wantMsg := `Deployment.apps "nginx" is invalid: [spec.template.spec.containers: Required value, spec.replicas: Invalid value: -1: must be greater than or equal to 0]`
	if s.Message != wantMsg || s.Code != 422 {
		t.Errorf("message/code = %q %d", s.Message, s.Code)
	}
	want := &metav1.StatusDetails{Name: "nginx", Group: "apps", Kind: "Deployment", Causes: []metav1.StatusCause{
		{Type: "FieldValueRequired", Message: "Required value", Field: "spec.template.spec.containers"},
		{Type: "FieldValueInvalid", Message: "Invalid value: -1: must be greater than or equal to 0", Field: "spec.replicas"},
	}}
	if diff := cmp.Diff(want, s.Details); diff != "" {
		t.Errorf("details (-want +got):\n%s", diff)
	}
	data, _ := json.Marshal(s.Details.Causes[0])
	if string(data) != `{"reason":"FieldValueRequired","message":"Required value","field":"spec.template.spec.containers"}` {
		t.Errorf("cause JSON = %s", data)
	}
}

func TestFromStorage(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		reason metav1.StatusReason
	}{
		{"not found", &storage.Error{Err: storage.ErrNotFound, Key: "/registry/deployments/default/x"}, metav1.StatusReasonNotFound},
		{"exists", &storage.Error{Err: storage.ErrAlreadyExists}, metav1.StatusReasonAlreadyExists},
		{"conflict", &storage.Error{Err: storage.ErrConflict}, metav1.StatusReasonConflict},
		{"expired", &storage.Error{Err: storage.ErrExpired}, metav1.StatusReasonExpired},
		{"too large", &storage.Error{Err: storage.ErrRequestTooLarge}, metav1.StatusReasonRequestEntityTooLarge},
		{"future revision", &storage.Error{Err: storage.ErrTooLargeResourceVersion, ResourceVersion: 9, Current: 4}, metav1.StatusReasonTimeout},
		{"other", errors.New("etcd down"), metav1.StatusReasonInternalError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := StatusFor(FromStorage(tc.err, deployments, "x")).Reason
			if got != tc.reason {
				t.Errorf("reason = %q, want %q", got, tc.reason)
			}
		})
	}
	if FromStorage(nil, deployments, "x") != nil {
		t.Error("nil error translated to non-nil")
	}
}

// Talk 003, "scaled horizontally": a client that moves to a lagging
// apiserver is told to retry, with the cause client-go looks for.
func TestTooLargeResourceVersionCause(t *testing.T) {
	s := StatusFor(FromStorage(&storage.Error{Err: storage.ErrTooLargeResourceVersion, ResourceVersion: 9, Current: 4}, deployments, ""))
	if s.Details == nil || s.Details.RetryAfterSeconds != 1 || len(s.Details.Causes) != 1 ||
		s.Details.Causes[0].Type != metav1.CauseTypeResourceVersionTooLarge {
		t.Fatalf("details = %+v", s.Details)
	}
	if s.Message != "Timeout: Too large resource version: 9, current: 4" {
		t.Errorf("message = %q", s.Message)
	}
}
