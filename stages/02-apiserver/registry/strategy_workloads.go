// Workload strategies: Deployments, ReplicaSets and Jobs.
//
// Interface:
//   - deploymentStrategy(), replicaSetStrategy(), jobStrategy().
//   - generateJobSelector(job): the selector and pod labels the server
//     gives a Job unless spec.manualSelector is true.
//
// All three track metadata.generation, so their controllers (stage 3,
// talk 004 steps 3-6) can say in status.observedGeneration which spec
// they have acted on, and all three start with an empty status.
package registry

import (
	"maps"
	"strconv"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	batchv1 "github.com/kubeworkbook/kubeworkbook/shared/api/batch/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
)

// deploymentStrategy bumps the generation on a change of spec or of
// annotations: the deployment controller copies a Deployment's
// annotations onto its ReplicaSets, so they are desired state too
// (upstream's deployment PrepareForUpdate).
func deploymentStrategy() Strategy {
	return Strategy{
		Generation: func(obj, old metav1.Object) bool {
			return specChanged(obj, old) ||
				!maps.Equal(obj.GetObjectMeta().Annotations, old.GetObjectMeta().Annotations)
		},
		ResetStatusOnCreate: true,
	}
}

func replicaSetStrategy() Strategy {
	return Strategy{
		Generation:          specChanged,
		ResetStatusOnCreate: true,
		Fields: func(obj metav1.Object) fields.Set {
			rs := obj.(*appsv1.ReplicaSet)
			return fields.Set{"status.replicas": strconv.Itoa(int(rs.Status.Replicas))}
		},
	}
}

// jobStrategy: a Job gets a selector of its own uid, and a delete through
// batch/v1 without a propagation policy orphans its pods, as upstream
// keeps for compatibility (kubectl always sends Background).
func jobStrategy() Strategy {
	return Strategy{
		Generation:          specChanged,
		ResetStatusOnCreate: true,
		PrepareForCreate: func(obj metav1.Object) {
			job := obj.(*batchv1.Job)
			if job.Spec.ManualSelector == nil || !*job.Spec.ManualSelector {
				generateJobSelector(job)
			}
		},
		Fields: func(obj metav1.Object) fields.Set {
			job := obj.(*batchv1.Job)
			return fields.Set{"status.successful": strconv.Itoa(int(job.Status.Succeeded))}
		},
		OrphanByDefault: true,
	}
}

// The labels upstream put on a Job's pods before they moved to the
// batch.kubernetes.io/ prefix; still set, for old selectors.
const (
	legacyJobNameLabel       = "job-name"
	legacyControllerUIDLabel = "controller-uid"
)

// generateJobSelector labels job's pod template with the job's name and
// uid, under both the legacy and the batch.kubernetes.io/ keys, and
// selects pods by batch.kubernetes.io/controller-uid: the uid is unique,
// so a Job never adopts another's pods even when names repeat. Labels the
// user set are kept; a wrong one is for validation to refuse.
func generateJobSelector(job *batchv1.Job) {
	if job.Spec.Template.Labels == nil {
		job.Spec.Template.Labels = map[string]string{}
	}
	set := func(key, value string) {
		if _, ok := job.Spec.Template.Labels[key]; !ok {
			job.Spec.Template.Labels[key] = value
		}
	}
	set(legacyJobNameLabel, job.Name)
	set(batchv1.JobNameLabel, job.Name)
	set(legacyControllerUIDLabel, string(job.UID))
	set(batchv1.ControllerUidLabel, string(job.UID))
	if job.Spec.Selector == nil {
		job.Spec.Selector = &metav1.LabelSelector{}
	}
	if job.Spec.Selector.MatchLabels == nil {
		job.Spec.Selector.MatchLabels = map[string]string{}
	}
	if _, ok := job.Spec.Selector.MatchLabels[batchv1.ControllerUidLabel]; !ok {
		job.Spec.Selector.MatchLabels[batchv1.ControllerUidLabel] = string(job.UID)
	}
}
