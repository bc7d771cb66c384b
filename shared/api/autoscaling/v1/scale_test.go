package autoscalingv1

import (
	"encoding/json"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

func TestScaleJSON(t *testing.T) {
	// Talk 002, "Controllers": the desired replica count, as
	// `kubectl scale` sends it.
	tests := []struct {
		name  string
		scale Scale
		want  string
	}{
		{name: "status replicas always written", scale: Scale{
			TypeMeta:   metav1.TypeMeta{Kind: "Scale", APIVersion: "autoscaling/v1"},
			ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"},
			Spec:       ScaleSpec{Replicas: 3},
		}, want: `{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"web","namespace":"default"},"spec":{"replicas":3},"status":{"replicas":0}}`},
		{name: "selector", scale: Scale{Status: ScaleStatus{Replicas: 2, Selector: "app=web"}},
			want: `{"metadata":{},"spec":{},"status":{"replicas":2,"selector":"app=web"}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.scale)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			var back Scale
			if err := json.Unmarshal(got, &back); err != nil || back.Spec != tc.scale.Spec || back.Status != tc.scale.Status {
				t.Errorf("round trip = %+v, %v", back, err)
			}
		})
	}
}
