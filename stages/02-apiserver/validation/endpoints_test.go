package validation

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	discoveryv1 "github.com/kubeworkbook/kubeworkbook/shared/api/discovery/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Talk 002, "Endpoints Controller": the addresses behind a Service must
// be ones a proxy can send traffic to.
func TestValidateEndpoints(t *testing.T) {
	meta := metav1.ObjectMeta{Name: "web", Namespace: "default"}
	tests := []struct {
		name    string
		subsets []corev1.EndpointSubset
		want    []string
	}{
		{name: "one address, one port", subsets: []corev1.EndpointSubset{{
			Addresses: []corev1.EndpointAddress{{IP: "10.244.0.5"}},
			Ports:     []corev1.EndpointPort{{Port: 8080, Protocol: corev1.ProtocolTCP}},
		}}},
		{
			name:    "subset without addresses",
			subsets: []corev1.EndpointSubset{{Ports: []corev1.EndpointPort{{Port: 8080, Protocol: corev1.ProtocolTCP}}}},
			want:    []string{"subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`"},
		},
		{
			name: "bad and loopback addresses, unnamed ports",
			subsets: []corev1.EndpointSubset{{
				Addresses: []corev1.EndpointAddress{{IP: "10.244.0"}, {IP: "127.0.0.1"}},
				Ports:     []corev1.EndpointPort{{Port: 80, Protocol: corev1.ProtocolTCP}, {Port: 443, Protocol: corev1.ProtocolTCP}},
			}},
			want: []string{
				`subsets[0].addresses[0].ip: Invalid value: "10.244.0": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`,
				`subsets[0].addresses[1].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)`,
				"subsets[0].ports[0].name: Required value",
				"subsets[0].ports[1].name: Required value",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkErrors(t, ValidateCreate(&corev1.Endpoints{ObjectMeta: meta, Subsets: tc.subsets}), tc.want...)
		})
	}
}

func TestValidateEndpointSlice(t *testing.T) {
	tcp := corev1.ProtocolTCP
	slice := func() *discoveryv1.EndpointSlice {
		return &discoveryv1.EndpointSlice{
			ObjectMeta:  metav1.ObjectMeta{Name: "web-abc12", Namespace: "default"},
			AddressType: discoveryv1.AddressTypeIPv4,
			Endpoints:   []discoveryv1.Endpoint{{Addresses: []string{"10.244.0.5"}}},
			Ports:       []discoveryv1.EndpointPort{{Name: ptr("http"), Protocol: &tcp, Port: ptr(int32(8080))}},
		}
	}
	tests := []struct {
		name   string
		mutate func(*discoveryv1.EndpointSlice)
		want   []string
	}{
		{name: "valid", mutate: func(*discoveryv1.EndpointSlice) {}},
		{
			name:   "IPv6 address in an IPv4 slice",
			mutate: func(s *discoveryv1.EndpointSlice) { s.Endpoints[0].Addresses = []string{"fd00::5"} },
			want:   []string{`endpoints[0].addresses[0]: Invalid value: "fd00::5": must be a valid IPv4 address`},
		},
		{
			name:   "unknown address type",
			mutate: func(s *discoveryv1.EndpointSlice) { s.AddressType = "IPv5"; s.Endpoints = nil },
			want:   []string{`addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"`},
		},
		{
			name: "port names repeat, protocol missing",
			mutate: func(s *discoveryv1.EndpointSlice) {
				s.Ports = append(s.Ports, discoveryv1.EndpointPort{Name: ptr("http"), Port: ptr(int32(8443))})
			},
			want: []string{`ports[1].name: Duplicate value: "http"`, "ports[1].protocol: Required value"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := slice()
			tc.mutate(s)
			checkErrors(t, ValidateCreate(s), tc.want...)
		})
	}
	old, s := slice(), slice()
	s.AddressType = discoveryv1.AddressTypeIPv6
	s.Endpoints[0].Addresses = []string{"fd00::5"}
	checkErrors(t, ValidateUpdate(s, old), `addressType: Invalid value: "IPv6": field is immutable`)
}
