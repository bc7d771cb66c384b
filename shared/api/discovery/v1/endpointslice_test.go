package discoveryv1

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Talk 002, "Endpoints Controller": a slice as the controller writes it
// decodes with no unknown field and encodes to the same document.
func TestEndpointSliceRoundTrip(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "endpointslice.json"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var slice EndpointSlice
	if err := dec.Decode(&slice); err != nil {
		t.Fatalf("strict decode: %v", err)
	}
	out, err := json.Marshal(&slice)
	if err != nil {
		t.Fatal(err)
	}
	var want, got any
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("round trip changed the slice (-want +got):\n%s", diff)
	}
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
