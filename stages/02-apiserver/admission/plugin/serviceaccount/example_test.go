package serviceaccount_test

import (
	"context"
	"fmt"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/internal/admissiontest"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/plugin/serviceaccount"
)

func ExamplePlugin_Admit() {
	store := admissiontest.NewStore()
	store.AddServiceAccount("default", "default")
	plugin, _ := serviceaccount.New(store.Config())

	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "web", Image: "nginx"}}}}
	err := plugin.Admit(context.Background(), &admission.Attributes{
		Operation: admission.Create, Namespace: "default",
		Resource: metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
		Object:   pod,
	})
	mount := pod.Spec.Containers[0].VolumeMounts[0]
	fmt.Println(err, pod.Spec.ServiceAccountName)
	fmt.Println(mount.MountPath, mount.ReadOnly, mount.Name == pod.Spec.Volumes[0].Name)
	// Output:
	// <nil> default
	// /var/run/secrets/kubernetes.io/serviceaccount true true
}
