package main

import (
	"reflect"
	"testing"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// find returns the field of message name with Go name goName.
func find(t *testing.T, msgs map[string][]field, name, goName string) field {
	t.Helper()
	for _, f := range msgs[name] {
		if f.Go == goName {
			return f
		}
	}
	t.Fatalf("%s has no field %s", name, goName)
	return field{}
}

// The shapes read from upstream's types, including the tags whose words
// disagree with the generated .proto.
func TestCollect(t *testing.T) {
	msgs, err := collect([]reflect.Type{
		reflect.TypeFor[corev1.Pod](),
		reflect.TypeFor[discoveryv1.EndpointSlice](),
		reflect.TypeFor[metav1.APIResource](),
		reflect.TypeFor[metav1.DeleteOptions](),
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, message, goName string
		want                  field
	}{
		{"message", "k8s.io/api/core/v1.Pod", "Spec",
			field{Number: 2, Go: "Spec", JSON: "spec", Shape: shapeSingle, Type: "k8s.io/api/core/v1.PodSpec"}},
		{"repeated tagged opt", "k8s.io/api/core/v1.PodSpec", "Containers",
			field{Number: 2, Go: "Containers", JSON: "containers", Shape: shapeRepeated, Type: "k8s.io/api/core/v1.Container"}},
		{"map of quantities", "k8s.io/api/core/v1.ResourceRequirements", "Limits",
			field{Number: 1, Go: "Limits", JSON: "limits", Shape: shapeMap, Key: "string", Type: "k8s.io/apimachinery/pkg/api/resource.Quantity"}},
		{"inline struct", "k8s.io/api/core/v1.Probe", "ProbeHandler",
			field{Number: 1, Go: "ProbeHandler", JSON: "", Shape: shapeSingle, Type: "k8s.io/api/core/v1.ProbeHandler"}},
		{"scalar tagged rep", "k8s.io/api/discovery/v1.EndpointSlice", "AddressType",
			field{Number: 4, Go: "AddressType", JSON: "addressType", Shape: shapeSingle, Type: "string"}},
		{"int32 tagged bytes", "k8s.io/api/discovery/v1.EndpointPort", "Port",
			field{Number: 3, Go: "Port", JSON: "port", Shape: shapeSingle, Type: "int32"}},
		{"string tagged varint", "k8s.io/apimachinery/pkg/apis/meta/v1.DeleteOptions", "PropagationPolicy",
			field{Number: 4, Go: "PropagationPolicy", JSON: "propagationPolicy", Shape: shapeSingle, Type: "string"}},
		{"wrapped list", "k8s.io/apimachinery/pkg/apis/meta/v1.APIResource", "Verbs",
			field{Number: 4, Go: "Verbs", JSON: "verbs", Shape: shapeWrapped, Type: "string"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := find(t, msgs, tc.message, tc.goName); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
	for _, leaf := range []string{"k8s.io/apimachinery/pkg/apis/meta/v1.Time", "k8s.io/apimachinery/pkg/api/resource.Quantity"} {
		if _, ok := msgs[leaf]; ok {
			t.Errorf("%s is hand-marshalled upstream and must stay a leaf", leaf)
		}
	}
	if _, ok := msgs["k8s.io/apimachinery/pkg/apis/meta/v1.TypeMeta"]; ok {
		t.Error("TypeMeta has no protobuf tag in its embedding and must not be reached")
	}
}
