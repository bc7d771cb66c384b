// Leases: a named lock with a holder and an expiry.
//
// Interface:
//   - Lease (with LeaseList) = metadata + LeaseSpec.
//   - LeaseSpec: holderIdentity, leaseDurationSeconds, acquireTime,
//     renewTime, leaseTransitions, and the coordinated-election fields
//     strategy and preferredHolder.
//
// A candidate may take the lease once renewTime + leaseDurationSeconds has
// passed; the update's resourceVersion check makes the takeover atomic.
// The leader elector (stages 3 and 4) and the kubelet's node lease
// (stage 5) both work this way.
package coordinationv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// Lease is a lease on a named resource.
type Lease struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              LeaseSpec `json:"spec,omitempty"`
}

// LeaseList is a list of Leases.
type LeaseList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Lease `json:"items"`
}

// LeaseSpec is the state of a lease. Every field is an optional pointer.
type LeaseSpec struct {
	// HolderIdentity names the current holder; nil or "" means free.
	HolderIdentity *string `json:"holderIdentity,omitempty"`
	// LeaseDurationSeconds is how long after RenewTime others must wait
	// before taking the lease.
	LeaseDurationSeconds *int32            `json:"leaseDurationSeconds,omitempty"`
	AcquireTime          *metav1.MicroTime `json:"acquireTime,omitempty"`
	RenewTime            *metav1.MicroTime `json:"renewTime,omitempty"`
	// LeaseTransitions counts changes of holder.
	LeaseTransitions *int32 `json:"leaseTransitions,omitempty"`
	// Strategy selects coordinated leader election (alpha upstream).
	Strategy *CoordinatedLeaseStrategy `json:"strategy,omitempty"`
	// PreferredHolder asks the current holder to step down in its favour.
	PreferredHolder *string `json:"preferredHolder,omitempty"`
}

// CoordinatedLeaseStrategy names how a coordinated election picks a
// leader.
type CoordinatedLeaseStrategy string

// The coordinated lease strategies.
const (
	// OldestEmulationVersion picks the candidate with the oldest emulated
	// version, then the oldest binary version, then the oldest creation.
	OldestEmulationVersion CoordinatedLeaseStrategy = "OldestEmulationVersion"
)
