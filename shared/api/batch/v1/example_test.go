package batchv1_test

import (
	"encoding/json"
	"fmt"

	batchv1 "github.com/kubeworkbook/kubeworkbook/shared/api/batch/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// The Job `kubectl create job pi --image=perl` builds. A Job's pods must
// not restart in place, so the template says Never.
func Example() {
	job := batchv1.Job{
		TypeMeta:   metav1.TypeMeta{APIVersion: "batch/v1", Kind: "Job"},
		ObjectMeta: metav1.ObjectMeta{Name: "pi"},
		Spec: batchv1.JobSpec{
			Template: corev1.PodTemplateSpec{
				Spec: corev1.PodSpec{
					Containers:    []corev1.Container{{Name: "pi", Image: "perl"}},
					RestartPolicy: corev1.RestartPolicyNever,
				},
			},
		},
	}
	out, _ := json.Marshal(job)
	fmt.Println(string(out))
	// Output:
	// {"kind":"Job","apiVersion":"batch/v1","metadata":{"name":"pi"},"spec":{"template":{"metadata":{},"spec":{"containers":[{"name":"pi","image":"perl","resources":{}}],"restartPolicy":"Never"}}},"status":{}}
}
