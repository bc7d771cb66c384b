package resourcequota_test

import (
	"context"
	"fmt"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/internal/admissiontest"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/plugin/resourcequota"
)

func ExamplePlugin_Validate() {
	q := corev1.ResourceQuota{
		ObjectMeta: metav1.ObjectMeta{Name: "pods-max", Namespace: "default"},
		Spec:       corev1.ResourceQuotaSpec{Hard: corev1.ResourceList{corev1.ResourcePods: resource.MustParse("1")}},
	}
	resourcequota.PrimeStatus(&q) // what the quota controller would write
	store := admissiontest.NewStore()
	store.AddQuota(q)
	plugin, _ := resourcequota.New(store.Config())

	for _, name := range []string{"web-1", "web-2"} {
		err := plugin.Validate(context.Background(), &admission.Attributes{
			Operation: admission.Create, Namespace: "default", Name: name,
			Resource: metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
			Object:   &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name}},
		})
		fmt.Println(name, err)
	}
	// Output:
	// web-1 <nil>
	// web-2 pods "web-2" is forbidden: exceeded quota: pods-max, requested: pods=1, used: pods=1, limited: pods=1
}
