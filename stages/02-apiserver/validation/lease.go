// Leases: a named lock with a holder and an expiry.
//
// Interface:
//   - validateLease: a positive duration (a lease of zero seconds could
//     be taken over at once), a non-negative transition count, and a
//     known coordination strategy.
//
// Leader election (stages 3 and 4) and node heartbeats (stage 5) are
// built on these.

package validation

import (
	"slices"
	"strings"

	coordinationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/coordination/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

var leaseStrategies = []coordinationv1.CoordinatedLeaseStrategy{coordinationv1.OldestEmulationVersion}

func validateLease(l *coordinationv1.Lease) field.ErrorList {
	errs := objectMeta(l, nameIsDNSSubdomain)
	s, spec := &l.Spec, field.NewPath("spec")
	if d := s.LeaseDurationSeconds; d != nil && *d <= 0 {
		errs = append(errs, field.Invalid(spec.Child("leaseDurationSeconds"), *d, "must be greater than 0"))
	}
	if t := s.LeaseTransitions; t != nil && *t < 0 {
		errs = append(errs, field.Invalid(spec.Child("leaseTransitions"), *t, isNegativeErrorMsg))
	}
	if st := s.Strategy; st != nil {
		// A strategy with a domain prefix is someone else's; without one it
		// must be a Kubernetes strategy.
		if strings.Contains(string(*st), "/") {
			errs = append(errs, qualifiedName(string(*st), spec.Child("strategy"))...)
		} else if !slices.Contains(leaseStrategies, *st) {
			errs = append(errs, field.NotSupported(spec.Child("strategy"), string(*st), leaseStrategies))
		}
	}
	if p := s.PreferredHolder; p != nil && *p != "" && (s.Strategy == nil || *s.Strategy == "") {
		errs = append(errs, field.Forbidden(spec.Child("preferredHolder"), "may only be specified if `strategy` is defined"))
	}
	return errs
}
