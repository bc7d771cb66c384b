package upstream_test

import (
	"fmt"
	"reflect"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/upstream"
)

func ExampleName() {
	for _, t := range []reflect.Type{
		reflect.TypeFor[appsv1.Deployment](),
		reflect.TypeFor[metav1.Time](),
		reflect.TypeFor[metav1.RawExtension](),
	} {
		full, _ := upstream.Name(t)
		fmt.Println(full)
	}
	// Output:
	// k8s.io/api/apps/v1.Deployment
	// k8s.io/apimachinery/pkg/apis/meta/v1.Time
	// k8s.io/apimachinery/pkg/runtime.RawExtension
}
