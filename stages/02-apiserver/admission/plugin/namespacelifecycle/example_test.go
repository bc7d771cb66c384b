package namespacelifecycle_test

import (
	"context"
	"fmt"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/internal/admissiontest"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/plugin/namespacelifecycle"
)

func ExamplePlugin_Admit() {
	store := admissiontest.NewStore()
	store.AddNamespace("shop", corev1.NamespaceTerminating)
	plugin, _ := namespacelifecycle.New(store.Config())

	err := plugin.Admit(context.Background(), &admission.Attributes{
		Operation: admission.Create, Namespace: "shop",
		Resource: metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
		Object:   &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web"}},
	})
	fmt.Println(err)
	// Output:
	// pods "web" is forbidden: unable to create new content in namespace shop because it is being terminated
}
