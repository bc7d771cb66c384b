// Describing a Namespace: its phase, and the quotas and limit ranges that
// bound what may be created in it.
//
// Interface:
//   - describeNamespace(w, ns, quotas, limits): Name, Labels,
//     Annotations, Status, Conditions, then "Resource Quotas" (or "No
//     resource quota.") and "Resource Limits" (or "No LimitRange
//     resource."). A nil list (the server would not list it) leaves its
//     section out, as upstream does.
//
// Quotas and limit ranges are enforced by the API server's admission
// (stage 2); describe shows them where a user looks first.

package kubectl

import (
	"maps"
	"slices"
	"strings"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

// describeNamespace writes a Namespace with its quotas and limit ranges.
func describeNamespace(w *prefixWriter, ns *corev1.Namespace, quotas []corev1.ResourceQuota, limits []corev1.LimitRange) {
	writeObjectMeta(w, ns.ObjectMeta, false)
	writeLabels(w, "Labels", ns.Labels)
	writeAnnotations(w, "Annotations", ns.Annotations)
	w.Write(0, "Status:\t%s\n", ns.Status.Phase)
	if len(ns.Status.Conditions) > 0 {
		w.Write(0, "Conditions:\n")
		w.Write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n")
		w.Write(1, "----\t------\t------------------\t------\t-------\n")
		for _, c := range ns.Status.Conditions {
			w.Write(1, "%v\t%v\t%s\t%v\t%v\n", c.Type, c.Status, c.LastTransitionTime.Time.Format(time.RFC1123Z), c.Reason, c.Message)
		}
	}
	if quotas != nil {
		w.Write(0, "\n")
		writeResourceQuotas(w, quotas)
	}
	if limits != nil {
		w.Write(0, "\n")
		writeLimitRanges(w, limits)
	}
}

// writeResourceQuotas prints each quota's used and hard amounts, sorted
// by quota name and then resource name.
func writeResourceQuotas(w *prefixWriter, quotas []corev1.ResourceQuota) {
	if len(quotas) == 0 {
		w.Write(0, "No resource quota.\n")
		return
	}
	slices.SortFunc(quotas, func(a, b corev1.ResourceQuota) int { return strings.Compare(a.Name, b.Name) })
	w.Write(0, "Resource Quotas\n")
	for _, q := range quotas {
		w.Write(1, "Name:\t%s\n", q.Name)
		if len(q.Spec.Scopes) > 0 {
			scopes := make([]string, len(q.Spec.Scopes))
			for i, s := range q.Spec.Scopes {
				scopes[i] = string(s)
			}
			slices.Sort(scopes)
			w.Write(1, "Scopes:\t%s\n", strings.Join(scopes, ", "))
			for _, scope := range scopes {
				if help := quotaScopeHelp[corev1.ResourceQuotaScope(scope)]; help != "" {
					w.Write(1, "* %s\n", help)
				}
			}
		}
		w.Write(1, "Resource\tUsed\tHard\n")
		w.Write(1, "--------\t---\t---\n")
		for _, name := range slices.Sorted(maps.Keys(q.Status.Hard)) {
			hard, used := q.Status.Hard[name], q.Status.Used[name]
			w.Write(1, "%s\t%s\t%s\n", name, used.String(), hard.String())
		}
	}
}

// quotaScopeHelp explains the scopes that select pods by their lifetime
// or QoS class, in upstream's words; the other scopes get no line.
var quotaScopeHelp = map[corev1.ResourceQuotaScope]string{
	corev1.ResourceQuotaScopeTerminating:    "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.",
	corev1.ResourceQuotaScopeNotTerminating: "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.",
	corev1.ResourceQuotaScopeBestEffort:     "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.",
	corev1.ResourceQuotaScopeNotBestEffort:  "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.",
}

// writeLimitRanges prints one row per limit type and resource, "-" where
// a bound is not set.
func writeLimitRanges(w *prefixWriter, ranges []corev1.LimitRange) {
	if len(ranges) == 0 {
		w.Write(0, "No LimitRange resource.\n")
		return
	}
	w.Write(0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n")
	w.Write(0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n")
	for _, lr := range ranges {
		for _, item := range lr.Spec.Limits {
			lists := []corev1.ResourceList{item.Min, item.Max, item.DefaultRequest, item.Default, item.MaxLimitRequestRatio}
			names := map[corev1.ResourceName]bool{}
			for _, l := range lists {
				for n := range l {
					names[n] = true
				}
			}
			for _, n := range slices.Sorted(maps.Keys(names)) {
				cells := make([]any, 0, 7)
				cells = append(cells, item.Type, n)
				for _, l := range lists {
					v := "-"
					if q, ok := l[n]; ok {
						v = q.String()
					}
					cells = append(cells, v)
				}
				w.Write(0, " %s\t%v\t%v\t%v\t%v\t%v\t%v\n", cells...)
			}
		}
	}
}
