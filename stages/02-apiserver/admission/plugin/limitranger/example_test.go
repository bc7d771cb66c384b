package limitranger_test

import (
	"context"
	"fmt"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/internal/admissiontest"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/plugin/limitranger"
)

func ExamplePlugin_Validate() {
	store := admissiontest.NewStore()
	store.AddLimitRange(corev1.LimitRange{
		ObjectMeta: metav1.ObjectMeta{Name: "cpu-cap", Namespace: "default"},
		Spec: corev1.LimitRangeSpec{Limits: []corev1.LimitRangeItem{{
			Type: corev1.LimitTypeContainer,
			Max:  corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("1")},
		}}},
	})
	plugin, _ := limitranger.New(store.Config())

	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web"}, Spec: corev1.PodSpec{Containers: []corev1.Container{{
		Name: "web", Image: "nginx",
		Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("2")}},
	}}}}
	err := plugin.Validate(context.Background(), &admission.Attributes{
		Operation: admission.Create, Namespace: "default",
		Resource: metav1.GroupVersionResource{Version: "v1", Resource: "pods"}, Object: pod,
	})
	fmt.Println(err)
	// Output:
	// pods "web" is forbidden: maximum cpu usage per Container is 1, but limit is 2
}
