package discoveryv1

import (
	"encoding/json"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/api/internal/apitest"
)

// Talk 002, "Endpoints Controller": a slice as the controller writes it
// decodes with no unknown field and encodes to the same document.
func TestEndpointSliceRoundTrip(t *testing.T) {
	var slice EndpointSlice
	apitest.RoundTrip(t, "endpointslice.json", &slice)
	if slice.Labels[LabelServiceName] != "web" {
		t.Errorf("service-name label = %q, want web", slice.Labels[LabelServiceName])
	}
}

// Endpoints and ports have no omitempty, and an endpoint's conditions are
// a value.
func TestZeroValueShape(t *testing.T) {
	tests := []struct {
		name string
		obj  any
		want string
	}{
		{name: "slice", obj: EndpointSlice{}, want: `{"metadata":{},"addressType":"","endpoints":null,"ports":null}`},
		{name: "endpoint", obj: Endpoint{Addresses: []string{"10.0.0.1"}}, want: `{"addresses":["10.0.0.1"],"conditions":{}}`},
		{name: "port", obj: EndpointPort{}, want: `{}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.obj)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("json.Marshal\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}
