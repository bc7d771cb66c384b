// Workload columns: Deployments, ReplicaSets and Jobs.
//
// Interface:
//   - deploymentColumns: READY "ready/desired", UP-TO-DATE, AVAILABLE.
//   - replicaSetColumns: DESIRED, CURRENT, READY as numbers.
//   - jobColumns: STATUS, COMPLETIONS "succeeded/wanted", DURATION.
//
// All add CONTAINERS, IMAGES and SELECTOR with -o wide. Talk 002,
// "Controllers": these numbers are the desired and the observed state a
// controller reconciles.

package scheme

import (
	"fmt"
	"time"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	batchv1 "github.com/kubeworkbook/kubeworkbook/shared/api/batch/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
)

// replicasOrDefault reads an optional replica count; the API server
// defaults a missing one to 1, so that is what an undefaulted object means.
func replicasOrDefault(r *int32) int64 {
	if r == nil {
		return 1
	}
	return int64(*r)
}

func deploymentColumns() []Column {
	type D = appsv1.Deployment
	return append([]Column{
		NameColumn(),
		{Name: "Ready", Type: "string", Description: "Ready pods out of the desired number.",
			Cell: cellOf(func(d *D, _ time.Time) any {
				return fmt.Sprintf("%d/%d", d.Status.ReadyReplicas, replicasOrDefault(d.Spec.Replicas))
			})},
		{Name: "Up-to-date", Type: "string", Description: "Pods running the current pod template.",
			Cell: cellOf(func(d *D, _ time.Time) any { return int64(d.Status.UpdatedReplicas) })},
		{Name: "Available", Type: "string", Description: "Pods ready for at least minReadySeconds.",
			Cell: cellOf(func(d *D, _ time.Time) any { return int64(d.Status.AvailableReplicas) })},
		AgeColumn(),
	}, append(containerColumns(func(d *D) *corev1.PodSpec { return &d.Spec.Template.Spec }),
		// Unlike the other kinds, a Deployment prints its selector bare:
		// "" for none, "<invalid>" when it does not convert.
		Column{Name: "Selector", Type: "string", Priority: 1, Description: "The label selector of the Deployment's pods.",
			Cell: cellOf(func(d *D, _ time.Time) any {
				sel, err := labels.FromLabelSelector(d.Spec.Selector)
				if err != nil {
					return "<invalid>"
				}
				return sel.String()
			})})...)
}

func replicaSetColumns() []Column {
	type RS = appsv1.ReplicaSet
	return append([]Column{
		NameColumn(),
		{Name: "Desired", Type: "integer", Description: "The number of pods wanted (spec.replicas).",
			Cell: cellOf(func(rs *RS, _ time.Time) any { return replicasOrDefault(rs.Spec.Replicas) })},
		{Name: "Current", Type: "integer", Description: "The number of pods that exist (status.replicas).",
			Cell: cellOf(func(rs *RS, _ time.Time) any { return int64(rs.Status.Replicas) })},
		{Name: "Ready", Type: "integer", Description: "The number of ready pods (status.readyReplicas).",
			Cell: cellOf(func(rs *RS, _ time.Time) any { return int64(rs.Status.ReadyReplicas) })},
		AgeColumn(),
	}, append(containerColumns(func(rs *RS) *corev1.PodSpec { return &rs.Spec.Template.Spec }),
		selectorColumn(func(rs *RS) *metav1.LabelSelector { return rs.Spec.Selector }))...)
}

func jobColumns() []Column {
	type J = batchv1.Job
	return append([]Column{
		NameColumn(),
		{Name: "Status", Type: "string", Description: "Complete, Failed, Terminating, Suspended, FailureTarget or Running.",
			Cell: cellOf(func(j *J, _ time.Time) any { return jobStatus(j) })},
		{Name: "Completions", Type: "string", Description: "Succeeded pods out of the completions wanted.",
			Cell: cellOf(func(j *J, _ time.Time) any { return jobCompletions(j) })},
		{Name: "Duration", Type: "string", Description: "Time from start to completion, or to now while running.",
			Cell: cellOf(func(j *J, now time.Time) any {
				switch s, c := j.Status.StartTime, j.Status.CompletionTime; {
				case s == nil:
					return ""
				case c == nil:
					return HumanDuration(now.Sub(s.Time))
				default:
					return HumanDuration(c.Sub(s.Time))
				}
			})},
		AgeColumn(),
	}, append(containerColumns(func(j *J) *corev1.PodSpec { return &j.Spec.Template.Spec }),
		selectorColumn(func(j *J) *metav1.LabelSelector { return j.Spec.Selector }))...)
}

// jobCompletions is "succeeded/completions"; a Job without completions
// wants one success, written "1/1 of 3" when several pods run at once.
func jobCompletions(j *batchv1.Job) string {
	if c := j.Spec.Completions; c != nil {
		return fmt.Sprintf("%d/%d", j.Status.Succeeded, *c)
	}
	if p := j.Spec.Parallelism; p != nil && *p > 1 {
		return fmt.Sprintf("%d/1 of %d", j.Status.Succeeded, *p)
	}
	return fmt.Sprintf("%d/1", j.Status.Succeeded)
}

// jobStatus names the first of these that holds, in this order.
func jobStatus(j *batchv1.Job) string {
	has := func(t batchv1.JobConditionType) bool {
		for _, c := range j.Status.Conditions {
			if c.Type == t {
				return c.Status == corev1.ConditionTrue
			}
		}
		return false
	}
	switch {
	case has(batchv1.JobComplete):
		return "Complete"
	case has(batchv1.JobFailed):
		return "Failed"
	case j.DeletionTimestamp != nil:
		return "Terminating"
	case has(batchv1.JobSuspended):
		return "Suspended"
	case has(batchv1.JobFailureTarget):
		return "FailureTarget"
	}
	return "Running"
}
