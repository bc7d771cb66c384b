// Jobs: pods that run to completion.
//
// Interface:
//   - Job (with JobList) = metadata + JobSpec + JobStatus.
//   - JobSpec: parallelism, completions, completion mode, backoff limit,
//     deadline, selector, template, TTL after finishing, suspend.
//   - JobStatus: active/ready/succeeded/failed/terminating counts, start
//     and completion times, conditions, and the pods counted but not yet
//     released (uncountedTerminatedPods).
//   - JobConditionType: Complete, Failed, Suspended, FailureTarget,
//     SuccessCriteriaMet.
//
// The Job controller (stage 3) labels its pods with
// batch.kubernetes.io/job-name and controller-uid, which the server also
// uses to default the selector.
package batchv1

import (
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Labels the server and the Job controller put on a Job's pods.
const (
	// JobNameLabel carries the Job's name.
	JobNameLabel = "batch.kubernetes.io/job-name"
	// ControllerUidLabel carries the Job's UID; the generated selector
	// matches it.
	ControllerUidLabel = "batch.kubernetes.io/controller-uid"
	// JobCompletionIndexAnnotation carries a pod's index in an Indexed Job.
	JobCompletionIndexAnnotation = "batch.kubernetes.io/job-completion-index"
)

// Job runs one or more pods until a number of them succeed.
type Job struct {
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta holds the Job's name, namespace, labels and annotations.
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Spec is the work: the pod to run, how many must succeed, how many
	// may run at once and how failures are retried.
	Spec JobSpec `json:"spec,omitempty"`
	// Status is what the Job controller last observed: counts of active,
	// succeeded and failed pods, and whether the Job is complete.
	Status JobStatus `json:"status,omitempty"`
}

// JobList is a list of Jobs.
type JobList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Job `json:"items"`
}

// JobSpec is the desired behaviour of a Job.
type JobSpec struct {
	// Parallelism is how many pods may run at once; defaults to 1.
	Parallelism *int32 `json:"parallelism,omitempty"`
	// Completions is how many pods must succeed; nil means any one success
	// finishes the Job (the work-queue pattern).
	Completions *int32 `json:"completions,omitempty"`
	// ActiveDeadlineSeconds bounds the Job's run time, counted from
	// status.startTime; when it passes, running pods are killed and the
	// Job fails with reason DeadlineExceeded.
	ActiveDeadlineSeconds *int64 `json:"activeDeadlineSeconds,omitempty"`
	// BackoffLimit is how many pod failures are retried; defaults to 6.
	BackoffLimit *int32 `json:"backoffLimit,omitempty"`
	// Selector decides which pods belong to the Job; it is generated from
	// the Job's UID unless manualSelector is true.
	Selector *metav1.LabelSelector `json:"selector,omitempty"`
	// ManualSelector, when true, lets the user write the selector instead
	// of having one generated; a selector that matches other pods then
	// confuses the Job.
	ManualSelector *bool `json:"manualSelector,omitempty"`
	// Template is the pod the Job runs, as many times as needed. Its
	// restartPolicy must be Never or OnFailure.
	Template corev1.PodTemplateSpec `json:"template"`
	// TTLSecondsAfterFinished lets the TTL controller delete the Job this
	// long after it completes or fails.
	TTLSecondsAfterFinished *int32 `json:"ttlSecondsAfterFinished,omitempty"`
	// CompletionMode is NonIndexed (the default: any successes count) or
	// Indexed (each pod gets an index, and each index must succeed once).
	CompletionMode *CompletionMode `json:"completionMode,omitempty"`
	// Suspend, when true, deletes the Job's running pods and creates none
	// until it is set back to false.
	Suspend *bool `json:"suspend,omitempty"`
}

// CompletionMode says how pod completions are counted.
type CompletionMode string

// The completion modes.
const (
	// NonIndexedCompletion: the Job is done after .spec.completions
	// successes of interchangeable pods.
	NonIndexedCompletion CompletionMode = "NonIndexed"
	// IndexedCompletion: each pod gets an index 0..completions-1, and each
	// index must succeed once.
	IndexedCompletion CompletionMode = "Indexed"
)

// JobStatus is the observed state of a Job.
type JobStatus struct {
	Conditions []JobCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
	// StartTime is when the controller started the Job (reset when a
	// suspended Job resumes).
	StartTime      *metav1.Time `json:"startTime,omitempty"`
	CompletionTime *metav1.Time `json:"completionTime,omitempty"`
	// Active counts pending and running pods that are not terminating.
	Active int32 `json:"active,omitempty"`
	// Succeeded and Failed only grow.
	Succeeded int32 `json:"succeeded,omitempty"`
	Failed    int32 `json:"failed,omitempty"`
	// Terminating counts pods being deleted.
	Terminating *int32 `json:"terminating,omitempty"`
	// CompletedIndexes lists succeeded indexes of an Indexed Job as
	// ranges, such as "1,3-5,7".
	CompletedIndexes string `json:"completedIndexes,omitempty"`
	// UncountedTerminatedPods holds finished pods the controller has seen
	// but not yet added to Succeeded or Failed; their finalizer is
	// removed in between, so no pod is counted twice or lost.
	UncountedTerminatedPods *UncountedTerminatedPods `json:"uncountedTerminatedPods,omitempty"`
	// Ready counts active pods with a Ready condition.
	Ready *int32 `json:"ready,omitempty"`
}

// UncountedTerminatedPods are the UIDs of finished pods not yet counted.
type UncountedTerminatedPods struct {
	Succeeded []metav1.UID `json:"succeeded,omitempty"`
	Failed    []metav1.UID `json:"failed,omitempty"`
}

// JobConditionType names a Job condition.
type JobConditionType string

// The Job conditions. A finished Job has Complete or Failed True.
const (
	JobSuspended JobConditionType = "Suspended"
	JobComplete  JobConditionType = "Complete"
	JobFailed    JobConditionType = "Failed"
	// JobFailureTarget and JobSuccessCriteriaMet are set first, while the
	// remaining pods terminate; Failed or Complete follows.
	JobFailureTarget      JobConditionType = "FailureTarget"
	JobSuccessCriteriaMet JobConditionType = "SuccessCriteriaMet"
)

// Reasons of the Failed condition.
const (
	JobReasonBackoffLimitExceeded = "BackoffLimitExceeded"
	JobReasonDeadlineExceeded     = "DeadlineExceeded"
)

// JobCondition is one condition of a Job.
type JobCondition struct {
	Type               JobConditionType       `json:"type"`
	Status             corev1.ConditionStatus `json:"status"`
	LastProbeTime      metav1.Time            `json:"lastProbeTime,omitempty"`
	LastTransitionTime metav1.Time            `json:"lastTransitionTime,omitempty"`
	Reason             string                 `json:"reason,omitempty"`
	Message            string                 `json:"message,omitempty"`
}
