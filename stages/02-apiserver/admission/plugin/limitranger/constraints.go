// Constraints: min, max and maxLimitRequestRatio, checked as upstream
// words them.
//
// Interface:
//   - validatePod(lr, pod), validateClaim(lr, pvc): every broken rule.
//   - minConstraint, maxConstraint, maxRequestConstraint,
//     ratioConstraint: one rule for one resource.
//
// Rules are checked in resource-name order, so the message lists them in
// the same order every time (upstream walks a map and does not).
package limitranger

import (
	"fmt"
	"math"
	"sort"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/internal/podresources"
)

// validatePod checks each container (init containers too) against lr's
// Container items and the pod's totals against its Pod items.
func validatePod(lr *corev1.LimitRange, pod *corev1.Pod) []error {
	var errs []error
	for _, item := range lr.Spec.Limits {
		switch item.Type {
		case corev1.LimitTypeContainer:
			for _, c := range pod.Spec.Containers {
				errs = append(errs, checkItem(item, c.Resources.Requests, c.Resources.Limits)...)
			}
			for _, c := range pod.Spec.InitContainers {
				errs = append(errs, checkItem(item, c.Resources.Requests, c.Resources.Limits)...)
			}
		case corev1.LimitTypePod:
			errs = append(errs, checkItem(item, podresources.Requests(pod), podresources.Limits(pod))...)
		}
	}
	return errs
}

// validateClaim checks a claim's requested storage against lr's
// PersistentVolumeClaim items. A claim has no limits, so max applies to
// the request.
func validateClaim(lr *corev1.LimitRange, pvc *corev1.PersistentVolumeClaim) []error {
	var errs []error
	for _, item := range lr.Spec.Limits {
		if item.Type != corev1.LimitTypePersistentVolumeClaim {
			continue
		}
		requests := pvc.Spec.Resources.Requests
		for _, name := range sortedNames(item.Min) {
			errs = appendErr(errs, minConstraint(item.Type, name, item.Min[name], requests, nil))
		}
		for _, name := range sortedNames(item.Max) {
			errs = appendErr(errs, maxRequestConstraint(item.Type, name, item.Max[name], requests))
		}
	}
	return errs
}

// checkItem applies one item's min, max and ratio to a set of requests
// and limits.
func checkItem(item corev1.LimitRangeItem, requests, limits corev1.ResourceList) []error {
	var errs []error
	for _, name := range sortedNames(item.Min) {
		errs = appendErr(errs, minConstraint(item.Type, name, item.Min[name], requests, limits))
	}
	for _, name := range sortedNames(item.Max) {
		errs = appendErr(errs, maxConstraint(item.Type, name, item.Max[name], requests, limits))
	}
	for _, name := range sortedNames(item.MaxLimitRequestRatio) {
		errs = appendErr(errs, ratioConstraint(item.Type, name, item.MaxLimitRequestRatio[name], requests, limits))
	}
	return errs
}

// minConstraint: a request must be given and be at least min; a limit,
// if given, too.
func minConstraint(t corev1.LimitType, name corev1.ResourceName, min resource.Quantity, requests, limits corev1.ResourceList) error {
	req, hasReq := requests[name]
	lim, hasLim := limits[name]
	switch {
	case !hasReq:
		return fmt.Errorf("minimum %s usage per %s is %s.  No request is specified", name, t, min.String())
	case req.Cmp(min) < 0:
		return fmt.Errorf("minimum %s usage per %s is %s, but request is %s", name, t, min.String(), req.String())
	case hasLim && lim.Cmp(min) < 0:
		return fmt.Errorf("minimum %s usage per %s is %s, but limit is %s", name, t, min.String(), lim.String())
	}
	return nil
}

// maxConstraint: a limit must be given and be at most max; a request, if
// given, too.
func maxConstraint(t corev1.LimitType, name corev1.ResourceName, max resource.Quantity, requests, limits corev1.ResourceList) error {
	req, hasReq := requests[name]
	lim, hasLim := limits[name]
	switch {
	case !hasLim:
		return fmt.Errorf("maximum %s usage per %s is %s.  No limit is specified", name, t, max.String())
	case lim.Cmp(max) > 0:
		return fmt.Errorf("maximum %s usage per %s is %s, but limit is %s", name, t, max.String(), lim.String())
	case hasReq && req.Cmp(max) > 0:
		return fmt.Errorf("maximum %s usage per %s is %s, but request is %s", name, t, max.String(), req.String())
	}
	return nil
}

// maxRequestConstraint is maxConstraint for objects that only have
// requests (claims).
func maxRequestConstraint(t corev1.LimitType, name corev1.ResourceName, max resource.Quantity, requests corev1.ResourceList) error {
	req, hasReq := requests[name]
	switch {
	case !hasReq:
		return fmt.Errorf("maximum %s usage per %s is %s.  No request is specified", name, t, max.String())
	case req.Cmp(max) > 0:
		return fmt.Errorf("maximum %s usage per %s is %s, but request is %s", name, t, max.String(), req.String())
	}
	return nil
}

// maxMilli is the largest value whose thousandths fit in an int64;
// beyond it upstream compares whole units.
const maxMilli = math.MaxInt64 / 1000

// ratioConstraint: limit divided by request must not exceed ratio. Both
// must be given and non-zero. Compared in thousandths when they fit, as
// upstream, which also fixes the "%f" the message prints.
func ratioConstraint(t corev1.LimitType, name corev1.ResourceName, ratio resource.Quantity, requests, limits corev1.ResourceList) error {
	req, hasReq := requests[name]
	lim, hasLim := limits[name]
	reqV, limV := req.Value(), lim.Value()
	if reqV <= maxMilli && limV <= maxMilli && ratio.Value() <= maxMilli {
		reqV, limV = req.MilliValue(), lim.MilliValue()
	}
	switch {
	case !hasReq || reqV == 0:
		return fmt.Errorf("%s max limit to request ratio per %s is %s, but no request is specified or request is 0", name, t, ratio.String())
	case !hasLim || limV == 0:
		return fmt.Errorf("%s max limit to request ratio per %s is %s, but no limit is specified or limit is 0", name, t, ratio.String())
	}
	observed := float64(limV) / float64(reqV)
	scaled, allowed := observed, float64(ratio.Value())
	if ratio.Value() <= maxMilli {
		scaled, allowed = observed*1000, float64(ratio.MilliValue())
	}
	if scaled > allowed {
		return fmt.Errorf("%s max limit to request ratio per %s is %s, but provided ratio is %f", name, t, ratio.String(), observed)
	}
	return nil
}

func appendErr(errs []error, err error) []error {
	if err != nil {
		return append(errs, err)
	}
	return errs
}

func sortedNames(l corev1.ResourceList) []corev1.ResourceName {
	names := make([]corev1.ResourceName, 0, len(l))
	for n := range l {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return names[i] < names[j] })
	return names
}
