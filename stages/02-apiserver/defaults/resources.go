// Resource amount defaults: rounding, requests taken from limits, and the
// kinds whose content is mostly resource lists.
//
// Interface:
//   - ResourceList(rl) rounds every amount up to a whole milli-unit.
//   - LimitRange(lr), ResourceQuota(q), Node(n) default those kinds.
//   - requestsFromLimits (used by Pod in pod.go) copies a container's
//     limits into its missing requests.
//
// Amounts are shared/api/resource Quantities; a container's resources are
// in container.go's Container.

package defaults

import (
	"maps"
	"math"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

// ResourceList rounds every amount in rl up, away from zero, to a whole
// milli-unit: "0.5m" CPU becomes "1m", "1.0001" becomes "1001m". Amounts
// that already are whole millis keep their exact text. Upstream
// (SetDefaults_ResourceList) does this for compatibility with clients
// that store millis as integers, and applies it to every resource list of
// every kind. rl may be nil.
func ResourceList(rl corev1.ResourceList) {
	for name, q := range rl {
		if rounded, changed := roundUpToMilli(q); changed {
			rl[name] = rounded
		}
	}
}

// roundUpToMilli returns q rounded away from zero to a multiple of 1m and
// whether that changed its value. An amount whose milli count does not fit
// in an int64 (beyond 9.2 peta-units) is returned as is.
func roundUpToMilli(q resource.Quantity) (resource.Quantity, bool) {
	m := q.MilliValue()
	if m == math.MaxInt64 || m == math.MinInt64 {
		return q, false
	}
	rounded := resource.NewMilliQuantity(m, q.Format)
	if rounded.Cmp(q) == 0 {
		return q, false
	}
	return *rounded, true
}

// requestsFromLimits gives r a request equal to its limit for every
// resource that has a limit and no request: a container that says "at
// most 1 CPU" and nothing else is scheduled as needing 1 CPU (upstream
// SetDefaults_Pod; templates do not get it, see pod.go).
func requestsFromLimits(r *corev1.ResourceRequirements) {
	for name, limit := range r.Limits {
		if _, ok := r.Requests[name]; ok {
			continue
		}
		if r.Requests == nil {
			r.Requests = corev1.ResourceList{}
		}
		r.Requests[name] = limit.DeepCopy()
	}
}

// LimitRange fills in the defaults of each Container limit: a missing
// default limit is the max, and a missing default request is the default
// limit, else the min (upstream SetDefaults_LimitRangeItem). Then every
// list is rounded (ResourceList). Upstream allocates the default maps even
// when it has nothing to put in them; empty maps are omitted from the
// JSON, so leaving them nil here stores the same bytes.
func LimitRange(lr *corev1.LimitRange) {
	for i := range lr.Spec.Limits {
		item := &lr.Spec.Limits[i]
		if item.Type == corev1.LimitTypeContainer {
			item.Default = withMissing(item.Default, item.Max)
			item.DefaultRequest = withMissing(item.DefaultRequest, item.Default)
			item.DefaultRequest = withMissing(item.DefaultRequest, item.Min)
		}
		for _, rl := range []corev1.ResourceList{item.Max, item.Min, item.Default, item.DefaultRequest, item.MaxLimitRequestRatio} {
			ResourceList(rl)
		}
	}
}

// withMissing returns dst with every entry of src it lacks added,
// allocating dst only if something is added.
func withMissing(dst, src corev1.ResourceList) corev1.ResourceList {
	for name, q := range src {
		if _, ok := dst[name]; ok {
			continue
		}
		if dst == nil {
			dst = corev1.ResourceList{}
		}
		dst[name] = q.DeepCopy()
	}
	return dst
}

// ResourceQuota rounds the quota's hard limits and its recorded usage
// (upstream SetObjectDefaults_ResourceQuota).
func ResourceQuota(q *corev1.ResourceQuota) {
	ResourceList(q.Spec.Hard)
	ResourceList(q.Status.Hard)
	ResourceList(q.Status.Used)
}

// Node fills in status.allocatable from status.capacity when the kubelet
// reported a capacity but no allocatable (nothing reserved for the
// system), then rounds both (upstream SetDefaults_NodeStatus). The
// allocatable list is a copy: changing one later must not change the
// other.
func Node(n *corev1.Node) {
	if n.Status.Allocatable == nil && n.Status.Capacity != nil {
		n.Status.Allocatable = maps.Clone(n.Status.Capacity)
	}
	ResourceList(n.Status.Capacity)
	ResourceList(n.Status.Allocatable)
}
