// Workload defaults: Deployments, ReplicaSets and Jobs, and the pod
// templates inside them.
//
// Interface:
//   - Deployment(d): replicas 1, strategy RollingUpdate 25%/25%,
//     revisionHistoryLimit 10, progressDeadlineSeconds 600, template.
//   - ReplicaSet(rs): replicas 1, template.
//   - Job(j): completions and parallelism 1, backoffLimit 6,
//     completionMode NonIndexed, suspend and manualSelector false, labels
//     from the template, template.
//
// The template's defaults are pod.go's PodTemplateSpec; the controllers
// that read these fields are stage 3.

package defaults

import (
	"maps"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	batchv1 "github.com/kubeworkbook/kubeworkbook/shared/api/batch/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
)

// Workload defaults (upstream pkg/apis/apps/v1 and batch/v1 defaults.go).
const (
	DefaultReplicas                = 1
	DefaultRevisionHistoryLimit    = 10
	DefaultProgressDeadlineSeconds = 600
	// DefaultMaxUnavailable and DefaultMaxSurge are the rolling update's
	// bounds: a quarter of the replicas may be down, and a quarter more
	// may exist, while the Deployment rolls.
	DefaultMaxUnavailable = "25%"
	DefaultMaxSurge       = "25%"
	DefaultBackoffLimit   = 6
)

// Deployment fills in d's unset fields (upstream SetDefaults_Deployment,
// then the template): replicas 1; strategy type RollingUpdate and, for a
// rolling update, maxUnavailable and maxSurge 25% each;
// revisionHistoryLimit 10 old ReplicaSets kept for rollback;
// progressDeadlineSeconds 600 before the rollout is reported stuck.
// A Recreate strategy gets no rollingUpdate block.
func Deployment(d *appsv1.Deployment) {
	spec := &d.Spec
	if spec.Replicas == nil {
		spec.Replicas = ptr(int32(DefaultReplicas))
	}
	strategy := &spec.Strategy
	if strategy.Type == "" {
		strategy.Type = appsv1.RollingUpdateDeploymentStrategyType
	}
	if strategy.Type == appsv1.RollingUpdateDeploymentStrategyType {
		if strategy.RollingUpdate == nil {
			strategy.RollingUpdate = &appsv1.RollingUpdateDeployment{}
		}
		if strategy.RollingUpdate.MaxUnavailable == nil {
			strategy.RollingUpdate.MaxUnavailable = ptr(intstr.FromString(DefaultMaxUnavailable))
		}
		if strategy.RollingUpdate.MaxSurge == nil {
			strategy.RollingUpdate.MaxSurge = ptr(intstr.FromString(DefaultMaxSurge))
		}
	}
	if spec.RevisionHistoryLimit == nil {
		spec.RevisionHistoryLimit = ptr(int32(DefaultRevisionHistoryLimit))
	}
	if spec.ProgressDeadlineSeconds == nil {
		spec.ProgressDeadlineSeconds = ptr(int32(DefaultProgressDeadlineSeconds))
	}
	PodTemplateSpec(&spec.Template)
}

// ReplicaSet fills in replicas 1 and the template's defaults (upstream
// SetDefaults_ReplicaSet). A ReplicaSet made by the Deployment controller
// always names its replicas; this default is for one created by hand.
func ReplicaSet(rs *appsv1.ReplicaSet) {
	if rs.Spec.Replicas == nil {
		rs.Spec.Replicas = ptr(int32(DefaultReplicas))
	}
	PodTemplateSpec(&rs.Spec.Template)
}

// Job fills in j's unset fields (upstream SetDefaults_Job):
//
//   - completions and parallelism: both 1 when both are unset (one pod
//     run to success); parallelism alone 1 otherwise, while unset
//     completions stays unset and means "until one pod succeeds";
//   - backoffLimit 6 retries before the Job fails;
//   - metadata.labels copied from the template when the Job has none;
//   - completionMode NonIndexed, suspend false, manualSelector false
//     (the Job strategy then generates the selector);
//   - the template's defaults. Its restartPolicy is not special-cased:
//     a Job must name OnFailure or Never, and the Always that PodSpec
//     fills in is what validation then rejects.
//
// Upstream also defaults podReplacementPolicy (TerminatingOrFailed, or
// Failed with a podFailurePolicy) and, with backoffLimitPerIndex, an
// unlimited backoffLimit; shared/api's JobSpec does not model those
// fields yet.
func Job(j *batchv1.Job) {
	spec := &j.Spec
	if spec.Completions == nil && spec.Parallelism == nil {
		spec.Completions = ptr(int32(1))
		spec.Parallelism = ptr(int32(1))
	}
	if spec.Parallelism == nil {
		spec.Parallelism = ptr(int32(1))
	}
	if spec.BackoffLimit == nil {
		spec.BackoffLimit = ptr(int32(DefaultBackoffLimit))
	}
	if spec.Template.Labels != nil && len(j.Labels) == 0 {
		j.Labels = maps.Clone(spec.Template.Labels)
	}
	if spec.CompletionMode == nil {
		spec.CompletionMode = ptr(batchv1.NonIndexedCompletion)
	}
	if spec.Suspend == nil {
		spec.Suspend = ptr(false)
	}
	if spec.ManualSelector == nil {
		spec.ManualSelector = ptr(false)
	}
	PodTemplateSpec(&spec.Template)
}
