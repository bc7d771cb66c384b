package validation

import (
	"testing"

	batchv1 "github.com/kubeworkbook/kubeworkbook/shared/api/batch/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// A Job's pods run to completion, so they must not restart Always; its
// selector is generated from its uid so no two Jobs share pods.
func TestValidateJob(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*batchv1.Job)
		want   []string
	}{
		{name: "valid", mutate: func(*batchv1.Job) {}},
		{
			// kubectl create job sets no restartPolicy; defaulting makes it
			// Always, which a Job cannot use.
			name:   "template restarts Always",
			mutate: func(j *batchv1.Job) { j.Spec.Template.Spec.RestartPolicy = corev1.RestartPolicyAlways },
			want:   []string{`spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"`},
		},
		{
			name: "negative counts",
			mutate: func(j *batchv1.Job) {
				j.Spec.Parallelism, j.Spec.Completions, j.Spec.BackoffLimit = ptr(int32(-1)), ptr(int32(-2)), ptr(int32(-3))
			},
			want: []string{
				"spec.parallelism: Invalid value: -1: must be greater than or equal to 0",
				"spec.completions: Invalid value: -2: must be greater than or equal to 0",
				"spec.backoffLimit: Invalid value: -3: must be greater than or equal to 0",
			},
		},
		{
			name:   "no uid to generate the selector from",
			mutate: func(j *batchv1.Job) { j.UID = "" },
			want: []string{
				"metadata.uid: Required value",
				"spec.template.metadata.labels[controller-uid]: Invalid value: {\"batch.kubernetes.io/controller-uid\":\"8c1f9e52-6a3b-4c5e-9d1a-0b2c3d4e5f60\",\"batch.kubernetes.io/job-name\":\"pi\",\"controller-uid\":\"8c1f9e52-6a3b-4c5e-9d1a-0b2c3d4e5f60\",\"job-name\":\"pi\"}: must be ''",
				"spec.template.metadata.labels[batch.kubernetes.io/controller-uid]: Invalid value: {\"batch.kubernetes.io/controller-uid\":\"8c1f9e52-6a3b-4c5e-9d1a-0b2c3d4e5f60\",\"batch.kubernetes.io/job-name\":\"pi\",\"controller-uid\":\"8c1f9e52-6a3b-4c5e-9d1a-0b2c3d4e5f60\",\"job-name\":\"pi\"}: must be ''",
				"spec.selector: Invalid value: {\"matchLabels\":{\"batch.kubernetes.io/controller-uid\":\"8c1f9e52-6a3b-4c5e-9d1a-0b2c3d4e5f60\"}}: `selector` not auto-generated",
			},
		},
		{
			name:   "generated label removed from the template",
			mutate: func(j *batchv1.Job) { delete(j.Spec.Template.Labels, batchv1.JobNameLabel) },
			want:   []string{"spec.template.metadata.labels[batch.kubernetes.io/job-name]: Required value: must be 'pi'"},
		},
		{
			name: "manual selector that misses the template",
			mutate: func(j *batchv1.Job) {
				j.Spec.ManualSelector = ptr(true)
				j.Spec.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{"app": "pi"}}
			},
			want: []string{"spec.template.metadata.labels: Invalid value: {\"batch.kubernetes.io/controller-uid\":\"8c1f9e52-6a3b-4c5e-9d1a-0b2c3d4e5f60\",\"batch.kubernetes.io/job-name\":\"pi\",\"controller-uid\":\"8c1f9e52-6a3b-4c5e-9d1a-0b2c3d4e5f60\",\"job-name\":\"pi\"}: `selector` does not match template `labels`"},
		},
		{
			name: "indexed without completions",
			mutate: func(j *batchv1.Job) {
				j.Spec.CompletionMode = ptr(batchv1.IndexedCompletion)
				j.Spec.Completions = nil
			},
			want: []string{"spec.completions: Required value: when completion mode is Indexed"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j := validJob()
			tc.mutate(j)
			checkErrors(t, ValidateCreate(j), tc.want...)
		})
	}
}

func TestJobUpdate(t *testing.T) {
	tests := []struct {
		name     string
		old, job func(*batchv1.Job)
		want     []string // "path: type: detail", the values being long
	}{
		{name: "suspended", job: func(j *batchv1.Job) { j.Spec.Suspend = ptr(true) }},
		{
			name: "completions changed",
			job:  func(j *batchv1.Job) { j.Spec.Completions = ptr(int32(3)) },
			want: []string{"spec.completions: Invalid value: field is immutable"},
		},
		{
			name: "template changed",
			job:  func(j *batchv1.Job) { j.Spec.Template.Spec.Containers[0].Image = "perl:5.40" },
			want: []string{"spec.template: Invalid value: field is immutable"},
		},
		{
			name: "node selector of a suspended job that never started",
			old:  func(j *batchv1.Job) { j.Spec.Suspend = ptr(true) },
			job: func(j *batchv1.Job) {
				j.Spec.Suspend = ptr(true)
				j.Spec.Template.Spec.NodeSelector = map[string]string{"pool": "batch"}
			},
		},
		{
			name: "indexed completions changed with parallelism",
			old:  func(j *batchv1.Job) { j.Spec.CompletionMode = ptr(batchv1.IndexedCompletion) },
			job: func(j *batchv1.Job) {
				j.Spec.CompletionMode = ptr(batchv1.IndexedCompletion)
				j.Spec.Completions, j.Spec.Parallelism = ptr(int32(4)), ptr(int32(4))
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old, j := validJob(), validJob()
			if tc.old != nil {
				tc.old(old)
			}
			tc.job(j)
			var got []string
			for _, e := range ValidateUpdate(j, old) {
				got = append(got, e.Field+": "+e.Type.String()+": "+e.Detail)
			}
			checkStrings(t, got, tc.want)
		})
	}
}

func TestJobStatusUpdate(t *testing.T) {
	old, j := validJob(), validJob()
	j.Status.Active = -1
	checkErrors(t, ValidateStatusUpdate(j, old), "status.active: Invalid value: -1: must be greater than or equal to 0")
}
