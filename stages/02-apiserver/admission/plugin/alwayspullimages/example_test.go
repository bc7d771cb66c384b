package alwayspullimages_test

import (
	"context"
	"fmt"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/plugin/alwayspullimages"
)

func ExamplePlugin_Admit() {
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web"}, Spec: corev1.PodSpec{
		Containers: []corev1.Container{{Name: "web", Image: "registry.example/private:1.0", ImagePullPolicy: corev1.PullIfNotPresent}}}}
	a := &admission.Attributes{Operation: admission.Create, Namespace: "default",
		Resource: metav1.GroupVersionResource{Version: "v1", Resource: "pods"}, Object: pod}

	_ = alwayspullimages.New().Admit(context.Background(), a)
	fmt.Println(pod.Spec.Containers[0].ImagePullPolicy)
	// Output: Always
}
