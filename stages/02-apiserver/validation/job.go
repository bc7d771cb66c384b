// Jobs: pods that run to completion.
//
// Interface:
//   - validateJob: create; the spec, the pod template (whose pods must
//     not restart Always, or they would never complete) and the selector
//     the server generated from the Job's uid.
//   - validateJobUpdate: selector, template (except while suspended and
//     not yet started), completion mode and completions are fixed.
//   - validateJobStatus: counts not negative.

package validation

import (
	"fmt"

	batchv1 "github.com/kubeworkbook/kubeworkbook/shared/api/batch/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	sharedvalidation "github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// The unprefixed labels the server still puts on a Job's pods beside the
// batch.kubernetes.io ones, for clients that select by them.
const (
	legacyControllerUIDLabel = "controller-uid"
	legacyJobNameLabel       = "job-name"
)

// maxParallelismForIndexedJob caps the parallelism of an Indexed Job, so
// that status.completedIndexes stays a reasonable size.
const maxParallelismForIndexedJob = 100000

func validateJob(j *batchv1.Job) field.ErrorList {
	spec := field.NewPath("spec")
	errs := objectMeta(j, nameIsDNSSubdomain)
	errs = append(errs, generatedSelector(j)...)
	errs = append(errs, jobSpec(&j.Spec, spec)...)
	if j.Spec.Selector == nil {
		errs = append(errs, field.Required(spec.Child("selector"), ""))
	} else {
		errs = append(errs, labelSelector(j.Spec.Selector, spec.Child("selector"))...)
	}
	if selector, err := labels.FromLabelSelector(j.Spec.Selector); err == nil && !selector.Matches(labels.Set(j.Spec.Template.Labels)) {
		errs = append(errs, field.Invalid(spec.Child("template", "metadata", "labels"), j.Spec.Template.Labels, SelectorMismatch))
	}
	// An Indexed Job's pods are named <job>-<index>, which must still be a
	// valid hostname for the last index.
	if m := j.Spec.CompletionMode; m != nil && *m == batchv1.IndexedCompletion && j.Spec.Completions != nil && *j.Spec.Completions > 0 {
		host := fmt.Sprintf("%s-%d", j.Name, *j.Spec.Completions-1)
		if len(sharedvalidation.IsDNS1123Label(host)) > 0 {
			errs = append(errs, field.Invalid(field.NewPath("metadata", "name"), j.Name,
				"will not able to create pod with invalid DNS label: "+host))
		}
	}
	return errs
}

// generatedSelector checks, unless the user chose spec.manualSelector,
// that the selector and template labels are the ones the server
// generates from the Job's uid, so that two Jobs can never select each
// other's pods.
func generatedSelector(j *batchv1.Job) field.ErrorList {
	if j.Spec.ManualSelector != nil && *j.Spec.ManualSelector || j.Spec.Selector == nil {
		return nil
	}
	var errs field.ErrorList
	if j.UID == "" {
		errs = append(errs, field.Required(field.NewPath("metadata", "uid"), ""))
	}
	meta := field.NewPath("spec", "template", "metadata")
	expected := []struct{ key, value string }{
		{legacyControllerUIDLabel, string(j.UID)}, {legacyJobNameLabel, j.Name},
		{batchv1.ControllerUidLabel, string(j.UID)}, {batchv1.JobNameLabel, j.Name},
	}
	want := labels.Set{}
	for _, e := range expected {
		errs = append(errs, hasLabel(&j.Spec.Template.ObjectMeta, meta, e.key, e.value)...)
		want[e.key] = e.value
	}
	if selector, err := labels.FromLabelSelector(j.Spec.Selector); err == nil && !selector.Matches(want) {
		errs = append(errs, field.Invalid(field.NewPath("spec", "selector"), j.Spec.Selector, "`selector` not auto-generated"))
	}
	return errs
}

// hasLabel requires label key=value on meta.
func hasLabel(meta *metav1.ObjectMeta, path *field.Path, key, value string) field.ErrorList {
	actual, ok := meta.Labels[key]
	if !ok {
		return field.ErrorList{field.Required(path.Child("labels").Key(key), fmt.Sprintf("must be '%s'", value))}
	}
	if actual != value {
		return field.ErrorList{field.Invalid(path.Child("labels").Key(key), meta.Labels, fmt.Sprintf("must be '%s'", value))}
	}
	return nil
}

// jobSpec checks the counts, the completion mode and the template.
func jobSpec(s *batchv1.JobSpec, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, c := range []struct {
		name  string
		value *int32
	}{{"parallelism", s.Parallelism}, {"completions", s.Completions}} {
		if c.value != nil {
			errs = append(errs, nonNegative(int64(*c.value), path.Child(c.name))...)
		}
	}
	if s.ActiveDeadlineSeconds != nil {
		errs = append(errs, nonNegative(*s.ActiveDeadlineSeconds, path.Child("activeDeadlineSeconds"))...)
	}
	for _, c := range []struct {
		name  string
		value *int32
	}{{"backoffLimit", s.BackoffLimit}, {"ttlSecondsAfterFinished", s.TTLSecondsAfterFinished}} {
		if c.value != nil {
			errs = append(errs, nonNegative(int64(*c.value), path.Child(c.name))...)
		}
	}
	if m := s.CompletionMode; m != nil {
		if *m != batchv1.NonIndexedCompletion && *m != batchv1.IndexedCompletion {
			errs = append(errs, field.NotSupported(path.Child("completionMode"), string(*m),
				[]batchv1.CompletionMode{batchv1.NonIndexedCompletion, batchv1.IndexedCompletion}))
		}
		if *m == batchv1.IndexedCompletion {
			if s.Completions == nil {
				errs = append(errs, field.Required(path.Child("completions"), "when completion mode is Indexed"))
			}
			if s.Parallelism != nil && *s.Parallelism > maxParallelismForIndexedJob {
				errs = append(errs, field.Invalid(path.Child("parallelism"), *s.Parallelism,
					fmt.Sprintf("must be less than or equal to %d when completion mode is Indexed", maxParallelismForIndexedJob)))
			}
		}
	}
	tmpl := path.Child("template")
	errs = append(errs, podTemplateSpec(&s.Template, tmpl)...)
	// Defaulting turns an unset restartPolicy into Always, which is why
	// Always is reported as Required rather than NotSupported.
	switch rp := s.Template.Spec.RestartPolicy; rp {
	case corev1.RestartPolicyOnFailure, corev1.RestartPolicyNever:
	case corev1.RestartPolicyAlways, "":
		errs = append(errs, field.Required(tmpl.Child("spec", "restartPolicy"), `valid values: "OnFailure", "Never"`))
	default:
		errs = append(errs, field.NotSupported(tmpl.Child("spec", "restartPolicy"), string(rp),
			[]corev1.RestartPolicy{corev1.RestartPolicyOnFailure, corev1.RestartPolicyNever}))
	}
	return errs
}

// validateJobUpdate checks what may not change in a Job.
func validateJobUpdate(j, old *batchv1.Job) field.ErrorList {
	spec := field.NewPath("spec")
	errs := jobCompletions(&j.Spec, &old.Spec, spec)
	errs = append(errs, immutable(j.Spec.Selector, old.Spec.Selector, spec.Child("selector"))...)
	errs = append(errs, immutable(j.Spec.Template, mutableSchedulingTemplate(j, old), spec.Child("template"))...)
	return append(errs, immutable(j.Spec.CompletionMode, old.Spec.CompletionMode, spec.Child("completionMode"))...)
}

// jobCompletions: completions is fixed, except that an Indexed Job may
// change it together with parallelism (an elastic Indexed Job).
func jobCompletions(s, old *batchv1.JobSpec, spec *field.Path) field.ErrorList {
	path := spec.Child("completions")
	indexed := s.CompletionMode != nil && *s.CompletionMode == batchv1.IndexedCompletion
	if !indexed {
		return immutable(s.Completions, old.Completions, path)
	}
	if semanticEqual(s.Completions, old.Completions) || s.Completions == nil {
		return nil
	}
	if s.Parallelism == nil || *s.Completions != *s.Parallelism {
		return field.ErrorList{field.Invalid(path, *s.Completions, "can only be modified in tandem with spec.parallelism")}
	}
	return nil
}

// mutableSchedulingTemplate returns old's template, but with the
// scheduling directives of j's when j is suspended and old never
// started: a queueing controller may then decide where the Job runs.
func mutableSchedulingTemplate(j, old *batchv1.Job) corev1.PodTemplateSpec {
	t := old.Spec.Template
	suspended := j.Spec.Suspend != nil && *j.Spec.Suspend
	if !suspended || old.Status.StartTime != nil {
		return t
	}
	n := j.Spec.Template
	t.Labels, t.Annotations = n.Labels, n.Annotations
	t.Spec.NodeSelector, t.Spec.Tolerations = n.Spec.NodeSelector, n.Spec.Tolerations
	switch {
	case n.Spec.Affinity == nil && t.Spec.Affinity != nil:
		rest := *t.Spec.Affinity
		rest.NodeAffinity = nil
		t.Spec.Affinity = &rest
		if rest == (corev1.Affinity{}) {
			t.Spec.Affinity = nil
		}
	case n.Spec.Affinity != nil && t.Spec.Affinity == nil:
		t.Spec.Affinity = &corev1.Affinity{NodeAffinity: n.Spec.Affinity.NodeAffinity}
	case n.Spec.Affinity != nil:
		rest := *t.Spec.Affinity
		rest.NodeAffinity = n.Spec.Affinity.NodeAffinity
		t.Spec.Affinity = &rest
	}
	return t
}

func validateJobStatus(s *batchv1.JobStatus, path *field.Path) field.ErrorList {
	errs := nonNegative(int64(s.Active), path.Child("active"))
	errs = append(errs, nonNegative(int64(s.Succeeded), path.Child("succeeded"))...)
	errs = append(errs, nonNegative(int64(s.Failed), path.Child("failed"))...)
	if s.Ready != nil {
		errs = append(errs, nonNegative(int64(*s.Ready), path.Child("ready"))...)
	}
	if s.Terminating != nil {
		errs = append(errs, nonNegative(int64(*s.Terminating), path.Child("terminating"))...)
	}
	return errs
}
