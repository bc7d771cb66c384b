package autoscalingv1_test

import (
	"encoding/json"
	"fmt"

	autoscalingv1 "github.com/kubeworkbook/kubeworkbook/shared/api/autoscaling/v1"
)

func ExampleScale() {
	var s autoscalingv1.Scale
	_ = json.Unmarshal([]byte(`{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"web"},"spec":{"replicas":5}}`), &s)
	fmt.Println(s.Name, s.Spec.Replicas, autoscalingv1.SchemeGroupVersion.WithKind("Scale"))
	// Output: web 5 autoscaling/v1, Kind=Scale
}
