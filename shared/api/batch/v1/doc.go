// Package batchv1 holds the Go types of the batch/v1 API group: Jobs, which
// run pods to completion.
//
// The types mirror k8s.io/api/batch/v1 at Kubernetes v1.37 for the fields
// this project uses (pod failure and success policies and CronJobs are
// left out): same JSON names, omitempty, pointers and field order.
//
// Usage:
//
//	job := &batchv1.Job{
//		TypeMeta:   metav1.TypeMeta{APIVersion: "batch/v1", Kind: "Job"},
//		ObjectMeta: metav1.ObjectMeta{Name: "pi"},
//		Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
//			RestartPolicy: corev1.RestartPolicyNever,
//			Containers:    []corev1.Container{{Name: "pi", Image: "perl"}},
//		}}},
//	}
//
// The Job controller (stage 3) creates pods until spec.completions of them
// succeed, or marks the Job Failed after spec.backoffLimit failures.
//
// Kinds are registered once, in shared/scheme; this package registers
// nothing.
package batchv1
