// Config: what the built-in plugins may read (and, for quota, write)
// besides the request itself.
//
// Interface:
//   - NamespaceLister, ServiceAccountLister, LimitRangeLister: reads.
//   - ResourceQuotaStore: reads quotas and writes their status with a
//     compare-and-swap on resourceVersion.
//   - Config: one of each; the server adapts its registry to them, tests
//     use the fakes in internal/admissiontest.
//
// Upstream plugins read through informer caches and fall back to live
// reads; the small interfaces here leave that choice to the server. The
// method names differ from one interface to the next so that one adapter
// may implement them all.
package admission

import (
	"context"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

// NamespaceLister reads namespaces.
type NamespaceLister interface {
	// GetNamespace returns the namespace called name, or an error for
	// which apierrors.IsNotFound holds when there is none.
	GetNamespace(ctx context.Context, name string) (*corev1.Namespace, error)
}

// ServiceAccountLister reads service accounts.
type ServiceAccountLister interface {
	// GetServiceAccount returns namespace/name, or an error for which
	// apierrors.IsNotFound holds when there is none.
	GetServiceAccount(ctx context.Context, namespace, name string) (*corev1.ServiceAccount, error)
}

// LimitRangeLister reads limit ranges.
type LimitRangeLister interface {
	// ListLimitRanges returns every LimitRange in namespace (none is an
	// empty list, not an error).
	ListLimitRanges(ctx context.Context, namespace string) ([]corev1.LimitRange, error)
}

// ResourceQuotaStore reads quotas and records their usage.
type ResourceQuotaStore interface {
	// ListResourceQuotas returns every ResourceQuota in namespace, each
	// with the resourceVersion it was read at.
	ListResourceQuotas(ctx context.Context, namespace string) ([]corev1.ResourceQuota, error)
	// UpdateResourceQuotaStatus stores q.Status if q.ResourceVersion is
	// still the stored one, and fails with an error for which
	// apierrors.IsConflict holds otherwise (someone else counted first).
	// It must not touch the quota's spec.
	UpdateResourceQuotaStatus(ctx context.Context, q *corev1.ResourceQuota) error
}

// Config is handed to every plugin Factory. A plugin that needs a field
// refuses to start when it is nil, naming the field.
type Config struct {
	Namespaces      NamespaceLister
	ServiceAccounts ServiceAccountLister
	LimitRanges     LimitRangeLister
	ResourceQuotas  ResourceQuotaStore
}
