// Package discoveryv1 holds the Go types of the discovery.k8s.io/v1 API
// group: EndpointSlices, the scalable successor of core/v1 Endpoints.
//
// The types mirror k8s.io/api/discovery/v1 at Kubernetes v1.37: same JSON
// names, omitempty, pointers and field order. Note that EndpointSlice has
// no spec: addressType, endpoints and ports sit at the top level.
//
// Usage:
//
//	ready, port := true, int32(8080)
//	slice := &discoveryv1.EndpointSlice{
//		TypeMeta: metav1.TypeMeta{APIVersion: "discovery.k8s.io/v1", Kind: "EndpointSlice"},
//		ObjectMeta: metav1.ObjectMeta{Name: "web-abc12", Namespace: "default",
//			Labels: map[string]string{discoveryv1.LabelServiceName: "web"}},
//		AddressType: discoveryv1.AddressTypeIPv4,
//		Endpoints: []discoveryv1.Endpoint{{Addresses: []string{"10.244.1.5"},
//			Conditions: discoveryv1.EndpointConditions{Ready: &ready}}},
//		Ports: []discoveryv1.EndpointPort{{Port: &port}},
//	}
//
// The EndpointSlice controller (stage 3) writes slices for each Service;
// kube-proxy (stage 6) and cluster DNS read them (talk 002, "CoreDNS").
//
// Kinds are registered once, in shared/scheme; this package registers
// nothing.
package discoveryv1
