// One quota check: does a request fit every quota that counts it, and
// what would each quota's usage become?
//
// Interface:
//   - checkRequest(quotas, a, ev): the quotas with the request charged,
//     or the 403 that refuses it.
//   - ResourceList helpers in quota arithmetic (mask, add, subtract,
//     lessOrEqual) and prettyPrint for messages.
package resourcequota

import (
	"fmt"
	"sort"
	"strings"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
)

// checkRequest returns copies of quotas with a's usage added to each
// quota it counts against, or a 403 in upstream's words: a pod missing a
// request a quota caps, a quota not yet counted, negative usage, or a
// quota exceeded. quotas is not changed.
func checkRequest(quotas []corev1.ResourceQuota, a *admission.Attributes, ev *evaluator) ([]corev1.ResourceQuota, error) {
	obj := a.Object
	// 1. The quotas that count this object, and their preconditions.
	var counting []int
	for i, q := range quotas {
		match, err := ev.matches(&q, obj)
		if err != nil {
			return nil, admission.NewForbidden(a, fmt.Errorf("error matching scopes of quota %s, err: %v", q.Name, err))
		}
		if !match {
			continue
		}
		restricted := ev.matchingResources(names(q.Status.Hard))
		if err := ev.constraints(restricted, obj); err != nil {
			return nil, admission.NewForbidden(a, fmt.Errorf("failed quota: %s: %v", q.Name, err))
		}
		if !hasUsageStats(&q, restricted) {
			return nil, admission.NewForbidden(a, fmt.Errorf("status unknown for quota: %s, resources: %s", q.Name, prettyNames(restricted)))
		}
		counting = append(counting, i)
	}
	if len(counting) == 0 {
		return quotas, nil
	}
	// 2. What the object uses; on an update, only what it adds.
	usage, err := ev.usage(obj)
	if err != nil {
		return nil, admission.NewForbidden(a, err)
	}
	if neg := negative(usage); len(neg) > 0 {
		return nil, admission.NewForbidden(a, fmt.Errorf("quota usage is negative for resource(s): %s", prettyNames(neg)))
	}
	delta := map[int]corev1.ResourceList{}
	for _, i := range counting {
		delta[i] = usage
	}
	if a.Operation == admission.Update {
		if a.OldObject == nil {
			return nil, admission.NewForbidden(a, fmt.Errorf("unable to get previous usage since prior version of object was not found"))
		}
		if a.OldObject.GetObjectMeta().ResourceVersion != "" {
			prev, err := ev.usage(a.OldObject)
			if err != nil {
				return nil, admission.NewForbidden(a, err)
			}
			for _, i := range counting {
				// A quota that counted the old object pays only the
				// difference; one that did not (a scope change) pays all.
				if m, _ := ev.matches(&quotas[i], a.OldObject); m {
					delta[i] = subtractNonNegative(usage, prev)
				}
			}
		}
	}
	// 3. Charge each quota, refusing at the first one exceeded.
	out := copyQuotas(quotas)
	for _, i := range counting {
		q := &out[i]
		hard := names(q.Status.Hard)
		requested := removeZeros(mask(delta[i], hard))
		if len(requested) == 0 {
			continue
		}
		newUsed := add(q.Status.Used, requested)
		if ok, exceeded := lessOrEqual(mask(newUsed, names(requested)), q.Status.Hard); !ok {
			return nil, admission.NewForbidden(a, fmt.Errorf("exceeded quota: %s, requested: %s, used: %s, limited: %s",
				q.Name, prettyPrint(mask(requested, exceeded)), prettyPrint(mask(q.Status.Used, exceeded)),
				prettyPrint(mask(q.Status.Hard, exceeded))))
		}
		q.Status.Used = newUsed
	}
	return out, nil
}

// hasUsageStats reports whether q has a recorded usage for every hard
// resource in restricted: a quota nobody has counted yet cannot be
// charged.
func hasUsageStats(q *corev1.ResourceQuota, restricted []corev1.ResourceName) bool {
	for _, name := range restricted {
		if _, hard := q.Status.Hard[name]; !hard {
			continue
		}
		if _, used := q.Status.Used[name]; !used {
			return false
		}
	}
	return true
}

// names returns l's resource names, sorted.
func names(l corev1.ResourceList) []corev1.ResourceName {
	out := make([]corev1.ResourceName, 0, len(l))
	for n := range l {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// mask keeps the entries of l named in keep.
func mask(l corev1.ResourceList, keep []corev1.ResourceName) corev1.ResourceList {
	out := corev1.ResourceList{}
	for _, n := range keep {
		if v, ok := l[n]; ok {
			out[n] = v
		}
	}
	return out
}

// add returns a+b; a name in either is in the result.
func add(a, b corev1.ResourceList) corev1.ResourceList {
	out := corev1.ResourceList{}
	for n, v := range a {
		out[n] = v
	}
	for n, v := range b {
		sum := out[n]
		sum.Add(v)
		out[n] = sum
	}
	return out
}

// subtractNonNegative returns a-b, with every negative difference
// clamped to zero: shrinking an object never gives quota back here (the
// quota controller does that).
func subtractNonNegative(a, b corev1.ResourceList) corev1.ResourceList {
	out := corev1.ResourceList{}
	for n, v := range a {
		v.Sub(b[n])
		if v.Sign() < 0 {
			v = *resource.NewQuantity(0, resource.DecimalSI)
		}
		out[n] = v
	}
	return out
}

// lessOrEqual reports whether every entry of a that limit also names is
// within it, and which are not.
func lessOrEqual(a, limit corev1.ResourceList) (bool, []corev1.ResourceName) {
	var exceeded []corev1.ResourceName
	for _, n := range names(limit) {
		if v, ok := a[n]; ok && v.Cmp(limit[n]) > 0 {
			exceeded = append(exceeded, n)
		}
	}
	return len(exceeded) == 0, exceeded
}

func removeZeros(l corev1.ResourceList) corev1.ResourceList {
	out := corev1.ResourceList{}
	for n, v := range l {
		if !v.IsZero() {
			out[n] = v
		}
	}
	return out
}

func negative(l corev1.ResourceList) []corev1.ResourceName {
	var out []corev1.ResourceName
	for _, n := range names(l) {
		if l[n].Sign() < 0 {
			out = append(out, n)
		}
	}
	return out
}

// equalLists reports whether a and b hold the same amounts.
func equalLists(a, b corev1.ResourceList) bool {
	if len(a) != len(b) {
		return false
	}
	for n, v := range a {
		if w, ok := b[n]; !ok || v.Cmp(w) != 0 {
			return false
		}
	}
	return true
}

// prettyPrint writes "limits.cpu=2,pods=1", sorted by name, as upstream's
// quota messages do.
func prettyPrint(l corev1.ResourceList) string {
	parts := make([]string, 0, len(l))
	for _, n := range names(l) {
		v := l[n]
		parts = append(parts, string(n)+"="+v.String())
	}
	return strings.Join(parts, ",")
}

func prettyNames(ns []corev1.ResourceName) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = string(n)
	}
	sort.Strings(s)
	return strings.Join(s, ",")
}

// copyQuotas copies quotas with their status maps, so charging a copy
// leaves the originals as read.
func copyQuotas(quotas []corev1.ResourceQuota) []corev1.ResourceQuota {
	out := make([]corev1.ResourceQuota, len(quotas))
	for i, q := range quotas {
		q.Status.Hard = add(q.Status.Hard, nil)
		q.Status.Used = add(q.Status.Used, nil)
		out[i] = q
	}
	return out
}
