package defaults

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	discoveryv1 "github.com/kubeworkbook/kubeworkbook/shared/api/discovery/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
)

// Talk 002 ("expose NodePort") and talk 000, "Write to etcd!": the Service
// kubectl expose sends is stored with its type, affinity and traffic
// policies filled in.
func TestService(t *testing.T) {
	cluster := ptr(corev1.ServiceInternalTrafficPolicyCluster)
	tests := []struct {
		name string
		in   corev1.ServiceSpec
		want corev1.ServiceSpec
	}{
		{
			name: "bare service is ClusterIP with TCP and targetPort = port",
			in:   corev1.ServiceSpec{Ports: []corev1.ServicePort{{Port: 80}}},
			want: corev1.ServiceSpec{Type: corev1.ServiceTypeClusterIP, SessionAffinity: corev1.ServiceAffinityNone,
				Ports:                 []corev1.ServicePort{{Port: 80, Protocol: corev1.ProtocolTCP, TargetPort: intstr.FromInt32(80)}},
				InternalTrafficPolicy: cluster},
		},
		{
			name: "empty string targetPort is unset too; named and UDP kept",
			in: corev1.ServiceSpec{Ports: []corev1.ServicePort{
				{Name: "a", Port: 80, TargetPort: intstr.FromString("")},
				{Name: "b", Port: 53, Protocol: corev1.ProtocolUDP, TargetPort: intstr.FromString("dns")}}},
			want: corev1.ServiceSpec{Type: corev1.ServiceTypeClusterIP, SessionAffinity: corev1.ServiceAffinityNone,
				Ports: []corev1.ServicePort{
					{Name: "a", Port: 80, Protocol: corev1.ProtocolTCP, TargetPort: intstr.FromInt32(80)},
					{Name: "b", Port: 53, Protocol: corev1.ProtocolUDP, TargetPort: intstr.FromString("dns")}},
				InternalTrafficPolicy: cluster},
		},
		{
			name: "NodePort gets externalTrafficPolicy Cluster",
			in:   corev1.ServiceSpec{Type: corev1.ServiceTypeNodePort},
			want: corev1.ServiceSpec{Type: corev1.ServiceTypeNodePort, SessionAffinity: corev1.ServiceAffinityNone,
				ExternalTrafficPolicy: corev1.ServiceExternalTrafficPolicyCluster, InternalTrafficPolicy: cluster},
		},
		{
			name: "ClusterIP with externalIPs is externally accessible",
			in:   corev1.ServiceSpec{ExternalIPs: []string{"192.0.2.10"}},
			want: corev1.ServiceSpec{Type: corev1.ServiceTypeClusterIP, SessionAffinity: corev1.ServiceAffinityNone, ExternalIPs: []string{"192.0.2.10"},
				ExternalTrafficPolicy: corev1.ServiceExternalTrafficPolicyCluster, InternalTrafficPolicy: cluster},
		},
		{
			name: "LoadBalancer allocates node ports; user policies kept",
			in: corev1.ServiceSpec{Type: corev1.ServiceTypeLoadBalancer, ExternalTrafficPolicy: corev1.ServiceExternalTrafficPolicyLocal,
				InternalTrafficPolicy: ptr(corev1.ServiceInternalTrafficPolicyLocal)},
			want: corev1.ServiceSpec{Type: corev1.ServiceTypeLoadBalancer, SessionAffinity: corev1.ServiceAffinityNone,
				ExternalTrafficPolicy: corev1.ServiceExternalTrafficPolicyLocal, InternalTrafficPolicy: ptr(corev1.ServiceInternalTrafficPolicyLocal),
				AllocateLoadBalancerNodePorts: ptr(true)},
		},
		{
			name: "ExternalName gets no traffic policies",
			in:   corev1.ServiceSpec{Type: corev1.ServiceTypeExternalName, ExternalName: "db.example.com"},
			want: corev1.ServiceSpec{Type: corev1.ServiceTypeExternalName, ExternalName: "db.example.com", SessionAffinity: corev1.ServiceAffinityNone},
		},
		{
			name: "ClientIP affinity gets the 3 hour timeout",
			in:   corev1.ServiceSpec{SessionAffinity: corev1.ServiceAffinityClientIP},
			want: corev1.ServiceSpec{Type: corev1.ServiceTypeClusterIP, SessionAffinity: corev1.ServiceAffinityClientIP, InternalTrafficPolicy: cluster,
				SessionAffinityConfig: &corev1.SessionAffinityConfig{ClientIP: &corev1.ClientIPConfig{TimeoutSeconds: ptr(int32(10800))}}},
		},
		{
			name: "ClientIP timeout kept",
			in: corev1.ServiceSpec{SessionAffinity: corev1.ServiceAffinityClientIP,
				SessionAffinityConfig: &corev1.SessionAffinityConfig{ClientIP: &corev1.ClientIPConfig{TimeoutSeconds: ptr(int32(60))}}},
			want: corev1.ServiceSpec{Type: corev1.ServiceTypeClusterIP, SessionAffinity: corev1.ServiceAffinityClientIP, InternalTrafficPolicy: cluster,
				SessionAffinityConfig: &corev1.SessionAffinityConfig{ClientIP: &corev1.ClientIPConfig{TimeoutSeconds: ptr(int32(60))}}},
		},
		{
			name: "affinity config dropped with affinity None",
			in: corev1.ServiceSpec{
				SessionAffinityConfig: &corev1.SessionAffinityConfig{ClientIP: &corev1.ClientIPConfig{TimeoutSeconds: ptr(int32(60))}}},
			want: corev1.ServiceSpec{Type: corev1.ServiceTypeClusterIP, SessionAffinity: corev1.ServiceAffinityNone, InternalTrafficPolicy: cluster},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &corev1.Service{Spec: tc.in}
			Service(s)
			if diff := cmp.Diff(tc.want, s.Spec); diff != "" {
				t.Errorf("Service() spec mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestServiceLoadBalancerIngressIPMode(t *testing.T) {
	s := &corev1.Service{Spec: corev1.ServiceSpec{Type: corev1.ServiceTypeLoadBalancer}}
	s.Status.LoadBalancer.Ingress = []corev1.LoadBalancerIngress{
		{IP: "203.0.113.7"}, {Hostname: "lb.example.com"}, {IP: "203.0.113.8", IPMode: ptr(corev1.LoadBalancerIPModeProxy)}}
	Service(s)
	want := []corev1.LoadBalancerIngress{
		{IP: "203.0.113.7", IPMode: ptr(corev1.LoadBalancerIPModeVIP)}, {Hostname: "lb.example.com"},
		{IP: "203.0.113.8", IPMode: ptr(corev1.LoadBalancerIPModeProxy)}}
	if diff := cmp.Diff(want, s.Status.LoadBalancer.Ingress); diff != "" {
		t.Errorf("ingress (-want +got):\n%s", diff)
	}
}

// Talk 003, "kube-proxy": the families a Service's cluster IPs come from
// are fixed when it is stored.
func TestServiceIPFamilies(t *testing.T) {
	single := ptr(corev1.IPFamilyPolicySingleStack)
	requireDual := ptr(corev1.IPFamilyPolicyRequireDualStack)
	preferDual := ptr(corev1.IPFamilyPolicyPreferDualStack)
	v4, v6 := corev1.IPv4Protocol, corev1.IPv6Protocol
	tests := []struct {
		name         string
		in           corev1.ServiceSpec
		old          *corev1.Service
		clusterFam   corev1.IPFamily
		wantPolicy   *corev1.IPFamilyPolicy
		wantFamilies []corev1.IPFamily
	}{
		{name: "ClusterIP create: single stack of the cluster's family",
			in: corev1.ServiceSpec{Type: corev1.ServiceTypeClusterIP, Selector: map[string]string{"app": "web"}}, clusterFam: v4,
			wantPolicy: single, wantFamilies: []corev1.IPFamily{v4}},
		{name: "IPv6 cluster",
			in: corev1.ServiceSpec{Type: corev1.ServiceTypeNodePort}, clusterFam: v6,
			wantPolicy: single, wantFamilies: []corev1.IPFamily{v6}},
		{name: "ExternalName: untouched",
			in: corev1.ServiceSpec{Type: corev1.ServiceTypeExternalName}, clusterFam: v4},
		{name: "headless with selector: single stack",
			in: corev1.ServiceSpec{Type: corev1.ServiceTypeClusterIP, ClusterIP: "None", ClusterIPs: []string{"None"}, Selector: map[string]string{"app": "db"}}, clusterFam: v4,
			wantPolicy: single, wantFamilies: []corev1.IPFamily{v4}},
		{name: "headless without selector: require dual stack, both families",
			in: corev1.ServiceSpec{Type: corev1.ServiceTypeClusterIP, ClusterIP: "None", ClusterIPs: []string{"None"}}, clusterFam: v4,
			wantPolicy: requireDual, wantFamilies: []corev1.IPFamily{v4, v6}},
		{name: "headless without selector, SingleStack asked: one family",
			in: corev1.ServiceSpec{Type: corev1.ServiceTypeClusterIP, ClusterIP: "None", ClusterIPs: []string{"None"}, IPFamilyPolicy: single}, clusterFam: v6,
			wantPolicy: single, wantFamilies: []corev1.IPFamily{v6}},
		{name: "family inferred from a requested cluster IP",
			in: corev1.ServiceSpec{Type: corev1.ServiceTypeClusterIP, ClusterIP: "fd00::10", ClusterIPs: []string{"fd00::10"}}, clusterFam: v4,
			wantPolicy: single, wantFamilies: []corev1.IPFamily{v6}},
		{name: "update keeps the stored policy",
			in:  corev1.ServiceSpec{Type: corev1.ServiceTypeClusterIP, ClusterIP: "10.96.0.10", ClusterIPs: []string{"10.96.0.10"}, IPFamilies: []corev1.IPFamily{v4}},
			old: &corev1.Service{Spec: corev1.ServiceSpec{IPFamilyPolicy: preferDual}}, clusterFam: v4,
			wantPolicy: preferDual, wantFamilies: []corev1.IPFamily{v4}},
		{name: "user policy and families kept",
			in: corev1.ServiceSpec{Type: corev1.ServiceTypeClusterIP, IPFamilyPolicy: preferDual, IPFamilies: []corev1.IPFamily{v6}}, clusterFam: v4,
			wantPolicy: preferDual, wantFamilies: []corev1.IPFamily{v6}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &corev1.Service{Spec: tc.in}
			ServiceIPFamilies(s, tc.old, tc.clusterFam)
			if diff := cmp.Diff(tc.wantPolicy, s.Spec.IPFamilyPolicy); diff != "" {
				t.Errorf("ipFamilyPolicy (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantFamilies, s.Spec.IPFamilies); diff != "" {
				t.Errorf("ipFamilies (-want +got):\n%s", diff)
			}
			if tc.old != nil && s.Spec.IPFamilyPolicy == tc.old.Spec.IPFamilyPolicy {
				t.Error("policy pointer shared with the stored object")
			}
		})
	}
}

func TestEndpointPorts(t *testing.T) {
	e := &corev1.Endpoints{Subsets: []corev1.EndpointSubset{{Ports: []corev1.EndpointPort{{Port: 80}, {Port: 53, Protocol: corev1.ProtocolUDP}}}}}
	Endpoints(e)
	if got := []corev1.Protocol{e.Subsets[0].Ports[0].Protocol, e.Subsets[0].Ports[1].Protocol}; got[0] != corev1.ProtocolTCP || got[1] != corev1.ProtocolUDP {
		t.Errorf("endpoints protocols = %v, want [TCP UDP]", got)
	}

	es := &discoveryv1.EndpointSlice{Ports: []discoveryv1.EndpointPort{
		{Port: ptr(int32(80))}, {Name: ptr("dns"), Protocol: ptr(corev1.ProtocolUDP), Port: ptr(int32(53))}}}
	EndpointSlice(es)
	want := []discoveryv1.EndpointPort{
		{Name: ptr(""), Protocol: ptr(corev1.ProtocolTCP), Port: ptr(int32(80))},
		{Name: ptr("dns"), Protocol: ptr(corev1.ProtocolUDP), Port: ptr(int32(53))}}
	if diff := cmp.Diff(want, es.Ports); diff != "" {
		t.Errorf("endpointslice ports (-want +got):\n%s", diff)
	}
}
