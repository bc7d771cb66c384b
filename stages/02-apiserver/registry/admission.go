// Admission: where the admission chain (stage 2b) runs inside a write.
//
// Interface:
//   - Admission: the two hooks a create or update calls, Mutate after
//     defaults and Validate after validation; CreateOptions and
//     UpdateOptions carry one.
//
// The registry does not know the plugins: the HTTP layer, which knows the
// user and the request, builds the hooks (endpoints/admission.go). What
// the registry decides is when they run, the order upstream keeps:
//
//	defaults -> mutating admission -> server fields, strategy -> validation
//	-> validating admission -> etcd
//
// so a mutating plugin's additions are validated like the client's own,
// and a validating plugin sees exactly what would be stored. A refusal at
// either step stores nothing.
package registry

import (
	"context"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/defaults"
)

// Admission holds the admission hooks of one write. old is the stored
// object on an update and nil on a create. Either hook may be nil; the
// zero Admission admits everything.
type Admission struct {
	// Mutate may change obj in place (the ServiceAccount plugin adds the
	// token volume); an error refuses the write.
	Mutate func(ctx context.Context, obj, old metav1.Object) error
	// Validate may only refuse (ResourceQuota, PodSecurity).
	Validate func(ctx context.Context, obj, old metav1.Object) error
}

// mutate runs the Mutate hook on obj and applies defaults again, for the
// fields a plugin added (a webhook's patch may leave out what a client
// would have defaulted, and upstream decodes a patched object with
// defaulting too).
func (a Admission) mutate(ctx context.Context, obj, old metav1.Object) error {
	if a.Mutate == nil {
		return nil
	}
	if err := a.Mutate(ctx, obj, old); err != nil {
		return err
	}
	defaults.Default(obj)
	return nil
}

// validate runs the Validate hook.
func (a Admission) validate(ctx context.Context, obj, old metav1.Object) error {
	if a.Validate == nil {
		return nil
	}
	return a.Validate(ctx, obj, old)
}
