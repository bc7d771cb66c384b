package discoveryv1_test

import (
	"encoding/json"
	"fmt"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	discoveryv1 "github.com/kubeworkbook/kubeworkbook/shared/api/discovery/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// One ready pod behind the Service "web". Every EndpointPort field is a
// pointer, so the example needs variables to point at.
func Example() {
	ready := true
	name, protocol, port := "http", corev1.ProtocolTCP, int32(80)
	slice := discoveryv1.EndpointSlice{
		TypeMeta: metav1.TypeMeta{APIVersion: "discovery.k8s.io/v1", Kind: "EndpointSlice"},
		ObjectMeta: metav1.ObjectMeta{Name: "web-8xk2p", Namespace: "default",
			Labels: map[string]string{discoveryv1.LabelServiceName: "web"}},
		AddressType: discoveryv1.AddressTypeIPv4,
		Endpoints: []discoveryv1.Endpoint{{
			Addresses:  []string{"10.244.1.17"},
			Conditions: discoveryv1.EndpointConditions{Ready: &ready},
		}},
		Ports: []discoveryv1.EndpointPort{{Name: &name, Protocol: &protocol, Port: &port}},
	}
	out, _ := json.Marshal(slice)
	fmt.Println(string(out))
	// Output:
	// {"kind":"EndpointSlice","apiVersion":"discovery.k8s.io/v1","metadata":{"name":"web-8xk2p","namespace":"default","labels":{"kubernetes.io/service-name":"web"}},"addressType":"IPv4","endpoints":[{"addresses":["10.244.1.17"],"conditions":{"ready":true}}],"ports":[{"name":"http","protocol":"TCP","port":80}]}
}
