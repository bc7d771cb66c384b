// Deployments and ReplicaSets: N copies of a pod template, selected by
// labels.
//
// Interface:
//   - validateDeployment, validateReplicaSet: create (and, with
//     ValidateUpdate's immutable selector, update).
//   - replicaSetTemplate: the template rules both share: the selector
//     must match the template's labels, and pods must restart Always.
//   - deployment and replica set status checks; validateScale for the
//     scale subresource.
//
// Talk 000, "Deployment and ReplicaSet controllers": the controllers
// find their pods by the selector, so a selector that does not match
// the template would create pods forever without ever counting them.

package validation

import (
	"strconv"
	"strings"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	autoscalingv1 "github.com/kubeworkbook/kubeworkbook/shared/api/autoscaling/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// SelectorMismatch is upstream's message when a workload's selector does
// not select its own template's labels.
const SelectorMismatch = "`selector` does not match template `labels`"

func validateDeployment(d *appsv1.Deployment) field.ErrorList {
	spec := field.NewPath("spec")
	errs := objectMeta(d, nameIsDNSSubdomain)
	if d.Spec.Replicas != nil {
		errs = append(errs, nonNegative(int64(*d.Spec.Replicas), spec.Child("replicas"))...)
	}
	errs = append(errs, workloadSelector(d.Spec.Selector, &d.Spec.Template, spec)...)
	errs = append(errs, deploymentStrategy(&d.Spec.Strategy, spec.Child("strategy"))...)
	errs = append(errs, nonNegative(int64(d.Spec.MinReadySeconds), spec.Child("minReadySeconds"))...)
	if l := d.Spec.RevisionHistoryLimit; l != nil {
		// Zero is valid: keep no old ReplicaSets.
		errs = append(errs, nonNegative(int64(*l), spec.Child("revisionHistoryLimit"))...)
	}
	if p := d.Spec.ProgressDeadlineSeconds; p != nil {
		errs = append(errs, nonNegative(int64(*p), spec.Child("progressDeadlineSeconds"))...)
		if *p <= d.Spec.MinReadySeconds {
			errs = append(errs, field.Invalid(spec.Child("progressDeadlineSeconds"), *p, "must be greater than minReadySeconds"))
		}
	}
	return errs
}

func validateReplicaSet(rs *appsv1.ReplicaSet) field.ErrorList {
	spec := field.NewPath("spec")
	errs := objectMeta(rs, nameIsDNSSubdomain)
	if rs.Spec.Replicas != nil {
		errs = append(errs, nonNegative(int64(*rs.Spec.Replicas), spec.Child("replicas"))...)
	}
	errs = append(errs, nonNegative(int64(rs.Spec.MinReadySeconds), spec.Child("minReadySeconds"))...)
	return append(errs, workloadSelector(rs.Spec.Selector, &rs.Spec.Template, spec)...)
}

// workloadSelector checks a Deployment's or ReplicaSet's selector
// (required, not empty: an empty selector would adopt every pod in the
// namespace) and then the template against it. A missing selector also
// fails to match the template, so both errors are reported, as upstream
// does. The empty-selector message says "deployment" for both kinds, as
// upstream's does.
func workloadSelector(sel *metav1.LabelSelector, t *corev1.PodTemplateSpec, spec *field.Path) field.ErrorList {
	var errs field.ErrorList
	if sel == nil {
		errs = append(errs, field.Required(spec.Child("selector"), ""))
	} else {
		errs = append(errs, labelSelector(sel, spec.Child("selector"))...)
		if len(sel.MatchLabels)+len(sel.MatchExpressions) == 0 {
			errs = append(errs, field.Invalid(spec.Child("selector"), sel, "empty selector is invalid for deployment"))
		}
	}
	selector, err := labels.FromLabelSelector(sel)
	if err != nil {
		return append(errs, field.Invalid(spec.Child("selector"), sel, "invalid label selector"))
	}
	return append(errs, replicaSetTemplate(t, selector, spec.Child("template"))...)
}

// replicaSetTemplate checks a template run by a ReplicaSet: it must match
// the selector, and its pods must be restarted whatever happens, since
// the ReplicaSet's job is to keep them running. (A Deployment's template
// is a future ReplicaSet's, hence the message naming ReplicaSet for both.)
func replicaSetTemplate(t *corev1.PodTemplateSpec, selector labels.Selector, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if !selector.Empty() && !selector.Matches(labels.Set(t.Labels)) {
		errs = append(errs, field.Invalid(path.Child("metadata", "labels"), t.Labels, SelectorMismatch))
	}
	errs = append(errs, podTemplateSpec(t, path)...)
	if t.Spec.RestartPolicy != corev1.RestartPolicyAlways {
		errs = append(errs, field.NotSupported(path.Child("spec", "restartPolicy"), string(t.Spec.RestartPolicy), []string{string(corev1.RestartPolicyAlways)}))
	}
	if t.Spec.ActiveDeadlineSeconds != nil {
		errs = append(errs, field.Forbidden(path.Child("spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in ReplicaSet is not Supported"))
	}
	return errs
}

// deploymentStrategy checks the strategy; defaulting sets RollingUpdate
// with 25%/25%.
func deploymentStrategy(s *appsv1.DeploymentStrategy, path *field.Path) field.ErrorList {
	switch s.Type {
	case appsv1.RecreateDeploymentStrategyType:
		if s.RollingUpdate != nil {
			return field.ErrorList{field.Forbidden(path.Child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'")}
		}
	case appsv1.RollingUpdateDeploymentStrategyType:
		if s.RollingUpdate == nil {
			return field.ErrorList{field.Required(path.Child("rollingUpdate"), "this should be defaulted and never be nil")}
		}
		return rollingUpdate(s.RollingUpdate, path.Child("rollingUpdate"))
	default:
		return field.ErrorList{field.NotSupported(path, s, []appsv1.DeploymentStrategyType{
			appsv1.RecreateDeploymentStrategyType, appsv1.RollingUpdateDeploymentStrategyType})}
	}
	return nil
}

// rollingUpdate checks maxUnavailable and maxSurge. Both zero would let
// a rollout neither remove an old pod nor add a new one, so it could
// never start.
func rollingUpdate(r *appsv1.RollingUpdateDeployment, path *field.Path) field.ErrorList {
	unavailable, surge := intOrZero(r.MaxUnavailable), intOrZero(r.MaxSurge)
	errs := intOrPercent(unavailable, path.Child("maxUnavailable"))
	errs = append(errs, intOrPercent(surge, path.Child("maxSurge"))...)
	if intOrPercentValue(unavailable) == 0 && intOrPercentValue(surge) == 0 {
		errs = append(errs, field.Invalid(path.Child("maxUnavailable"), badValue(unavailable), "may not be 0 when `maxSurge` is 0"))
	}
	if v, ok := percentValue(unavailable); ok && v > 100 {
		errs = append(errs, field.Invalid(path.Child("maxUnavailable"), badValue(unavailable), "must not be greater than 100%"))
	}
	return errs
}

// intOrZero reads an unset IntOrString as 0, as upstream's conversion
// to its internal, non-pointer type does.
func intOrZero(v *intstr.IntOrString) intstr.IntOrString {
	if v == nil {
		return intstr.FromInt32(0)
	}
	return *v
}

// intOrPercent checks a count (not negative) or a percentage ("25%").
func intOrPercent(v intstr.IntOrString, path *field.Path) field.ErrorList {
	if v.Type == intstr.String {
		return invalidEach(path, v.StrVal, isValidPercent(v.StrVal))
	}
	return nonNegative(int64(v.IntValue()), path)
}

// percentValue returns p for a valid "p%", and false for anything else.
func percentValue(v intstr.IntOrString) (int, bool) {
	if v.Type != intstr.String || len(isValidPercent(v.StrVal)) != 0 {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSuffix(v.StrVal, "%"))
	return n, err == nil
}

// intOrPercentValue is the number in v, whether a count or a percentage.
func intOrPercentValue(v intstr.IntOrString) int {
	if n, ok := percentValue(v); ok {
		return n
	}
	return v.IntValue()
}

// badValue shows an IntOrString as the number or string it holds.
func badValue(v intstr.IntOrString) any {
	if v.Type == intstr.String {
		return v.StrVal
	}
	return v.IntValue()
}

// replicaCounts checks the counts controllers write into a status: none
// negative, none above the total, available never above ready.
func replicaCounts(replicas int32, counts []namedCount, available, ready int32, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, c := range counts {
		errs = append(errs, nonNegative(int64(c.value), path.Child(c.name))...)
	}
	for _, c := range counts {
		if c.checkAgainstTotal && c.value > replicas {
			errs = append(errs, field.Invalid(path.Child(c.name), c.value, "cannot be greater than status.replicas"))
		}
	}
	if available > ready {
		errs = append(errs, field.Invalid(path.Child("availableReplicas"), available, "cannot be greater than readyReplicas"))
	}
	return errs
}

// namedCount is one count of a workload status.
type namedCount struct {
	name              string
	value             int32
	checkAgainstTotal bool // the count is a subset of status.replicas
}

func validateDeploymentStatusUpdate(d, old *appsv1.Deployment) field.ErrorList {
	path := field.NewPath("status")
	s := &d.Status
	errs := nonNegative(s.ObservedGeneration, path.Child("observedGeneration"))
	errs = append(errs, replicaCounts(s.Replicas, []namedCount{
		{"replicas", s.Replicas, false}, {"updatedReplicas", s.UpdatedReplicas, true},
		{"readyReplicas", s.ReadyReplicas, true}, {"availableReplicas", s.AvailableReplicas, true},
		{"unavailableReplicas", s.UnavailableReplicas, false},
	}, s.AvailableReplicas, s.ReadyReplicas, path)...)
	if s.CollisionCount != nil {
		errs = append(errs, nonNegative(int64(*s.CollisionCount), path.Child("collisionCount"))...)
	}
	// The collision count only grows: lowering it would bring back a
	// template hash that already collided.
	if oc := old.Status.CollisionCount; oc != nil && (s.CollisionCount == nil || *s.CollisionCount < *oc) {
		value := int32(0)
		if s.CollisionCount != nil {
			value = *s.CollisionCount
		}
		errs = append(errs, field.Invalid(path.Child("collisionCount"), value, "cannot be decremented"))
	}
	return errs
}

func validateReplicaSetStatus(s *appsv1.ReplicaSetStatus, path *field.Path) field.ErrorList {
	errs := replicaCounts(s.Replicas, []namedCount{
		{"replicas", s.Replicas, false}, {"fullyLabeledReplicas", s.FullyLabeledReplicas, true},
		{"readyReplicas", s.ReadyReplicas, true}, {"availableReplicas", s.AvailableReplicas, true},
	}, s.AvailableReplicas, s.ReadyReplicas, path)
	return append(errs, nonNegative(s.ObservedGeneration, path.Child("observedGeneration"))...)
}

// validateScale checks a body of the scale subresource (kubectl scale).
func validateScale(s *autoscalingv1.Scale) field.ErrorList {
	errs := objectMeta(s, nameIsDNSSubdomain)
	return append(errs, nonNegative(int64(s.Spec.Replicas), field.NewPath("spec", "replicas"))...)
}
