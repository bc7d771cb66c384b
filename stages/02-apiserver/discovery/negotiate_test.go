package discovery

import "testing"

// What each Accept header selects at /api and /apis.
func TestNegotiate(t *testing.T) {
	tests := []struct {
		name, accept string
		want         format
	}{
		{"no header", "", formatLegacy},
		{"plain json", "application/json", formatLegacy},
		{"anything", "*/*", formatLegacy},
		{"client-go, aggregated first", ContentTypeAggregated + ",application/json", formatAggregated},
		{"parameters in another order", "application/json;as=APIGroupDiscoveryList;v=v2;g=apidiscovery.k8s.io", formatAggregated},
		{"spaces after separators", "application/json; g=apidiscovery.k8s.io; v=v2; as=APIGroupDiscoveryList", formatAggregated},
		{"json preferred by quality", ContentTypeAggregated + ";q=0.5,application/json", formatLegacy},
		{"aggregated refused with q=0", ContentTypeAggregated + ";q=0,application/json", formatLegacy},
		{"v2beta1 only", "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList", formatNone},
		{"v2beta1 then json", "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json", formatLegacy},
		{"protobuf only", "application/vnd.kubernetes.protobuf", formatNone},
		{"protobuf aggregated then json aggregated",
			"application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList," + ContentTypeAggregated, formatAggregated},
		{"table is not discovery", "application/json;as=Table;v=v1;g=meta.k8s.io", formatNone},
		{"malformed", "application/json;;;=", formatNone},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := negotiate(tc.accept); got != tc.want {
				t.Errorf("negotiate(%q) = %d, want %d", tc.accept, got, tc.want)
			}
		})
	}
}
