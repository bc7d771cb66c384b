// Service defaults: how a Service, and the endpoints behind it, are
// filled in.
//
// Interface:
//   - Service(s): type ClusterIP, sessionAffinity None, protocol TCP and
//     targetPort = port on every port, traffic policies, and the
//     LoadBalancer extras.
//   - ServiceIPFamilies(s, old, family): ipFamilyPolicy and ipFamilies,
//     which upstream decides in the cluster-IP allocator, not in the
//     defaults, because they depend on the cluster and on the stored
//     object.
//   - Endpoints(e), EndpointSlice(es): protocol TCP on every port.
//
// kube-proxy (stage 6) reads the traffic policies and the ports.

package defaults

import (
	"net/netip"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	discoveryv1 "github.com/kubeworkbook/kubeworkbook/shared/api/discovery/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
)

// Service fills in s's unset fields (upstream SetDefaults_Service):
//
//   - sessionAffinity None, and no sessionAffinityConfig with None (one
//     sent anyway is dropped); with ClientIP, a timeout of 10800 s
//     (3 hours) unless one is given;
//   - type ClusterIP;
//   - each port: protocol TCP, and targetPort = port when it is unset
//     (0 or "");
//   - externalTrafficPolicy Cluster when the Service is reachable from
//     outside (NodePort, LoadBalancer, or ClusterIP with externalIPs);
//   - internalTrafficPolicy Cluster for ClusterIP, NodePort and
//     LoadBalancer (an ExternalName Service has no traffic of its own);
//   - LoadBalancer: allocateLoadBalancerNodePorts true, and ipMode VIP on
//     every status ingress that has an IP.
//
// The cluster IP, node ports and health check port are allocated later
// by the registry, and ipFamilyPolicy and ipFamilies with them
// (ServiceIPFamilies).
func Service(s *corev1.Service) {
	spec := &s.Spec
	if spec.SessionAffinity == "" {
		spec.SessionAffinity = corev1.ServiceAffinityNone
	}
	switch spec.SessionAffinity {
	case corev1.ServiceAffinityNone:
		spec.SessionAffinityConfig = nil
	case corev1.ServiceAffinityClientIP:
		if c := spec.SessionAffinityConfig; c == nil || c.ClientIP == nil || c.ClientIP.TimeoutSeconds == nil {
			spec.SessionAffinityConfig = &corev1.SessionAffinityConfig{
				ClientIP: &corev1.ClientIPConfig{TimeoutSeconds: ptr(corev1.DefaultClientIPServiceAffinitySeconds)},
			}
		}
	}
	if spec.Type == "" {
		spec.Type = corev1.ServiceTypeClusterIP
	}
	for i := range spec.Ports {
		port := &spec.Ports[i]
		if port.Protocol == "" {
			port.Protocol = corev1.ProtocolTCP
		}
		if port.TargetPort == intstr.FromInt32(0) || port.TargetPort == intstr.FromString("") {
			port.TargetPort = intstr.FromInt32(port.Port)
		}
	}
	if externallyAccessible(s) && spec.ExternalTrafficPolicy == "" {
		spec.ExternalTrafficPolicy = corev1.ServiceExternalTrafficPolicyCluster
	}
	if spec.InternalTrafficPolicy == nil {
		switch spec.Type {
		case corev1.ServiceTypeClusterIP, corev1.ServiceTypeNodePort, corev1.ServiceTypeLoadBalancer:
			spec.InternalTrafficPolicy = ptr(corev1.ServiceInternalTrafficPolicyCluster)
		}
	}
	if spec.Type == corev1.ServiceTypeLoadBalancer {
		if spec.AllocateLoadBalancerNodePorts == nil {
			spec.AllocateLoadBalancerNodePorts = ptr(true)
		}
		for i := range s.Status.LoadBalancer.Ingress {
			ing := &s.Status.LoadBalancer.Ingress[i]
			if ing.IP != "" && ing.IPMode == nil {
				ing.IPMode = ptr(corev1.LoadBalancerIPModeVIP)
			}
		}
	}
}

// externallyAccessible reports whether traffic can reach s from outside
// the cluster, which is when its externalTrafficPolicy matters (upstream
// pkg/api/v1/service.ExternallyAccessible).
func externallyAccessible(s *corev1.Service) bool {
	switch s.Spec.Type {
	case corev1.ServiceTypeLoadBalancer, corev1.ServiceTypeNodePort:
		return true
	case corev1.ServiceTypeClusterIP:
		return len(s.Spec.ExternalIPs) > 0
	}
	return false
}

// ServiceIPFamilies fills in spec.ipFamilyPolicy and spec.ipFamilies the
// way upstream's allocator does just before it allocates cluster IPs
// (pkg/registry/core/service/storage/alloc.go, initIPFamilyFields), for a
// single-stack cluster whose service CIDR has the given family. old is the
// stored Service on update and nil on create. Call it after Service and
// after spec.clusterIPs has been synchronised with spec.clusterIP.
//
//   - ExternalName: nothing; such a Service has no IPs.
//   - ipFamilyPolicy unset: the stored object's policy on update;
//     RequireDualStack for a headless Service without selector (its DNS
//     records may hold endpoints of both families); SingleStack
//     otherwise.
//   - ipFamilies: the family of each given clusterIP not yet listed, then
//     the cluster's family if the list is still empty; a headless,
//     selectorless Service that is not SingleStack also gets the other
//     family, since it needs no address from the cluster's range.
//
// Whether the result is allowed (dual-stack on a single-stack cluster, a
// family the cluster lacks) is validation's question, not answered here.
func ServiceIPFamilies(s, old *corev1.Service, family corev1.IPFamily) {
	spec := &s.Spec
	if spec.Type == corev1.ServiceTypeExternalName {
		return
	}
	headlessSelectorless := spec.ClusterIP == corev1.ClusterIPNone && len(spec.Selector) == 0
	if spec.IPFamilyPolicy == nil {
		switch {
		case old != nil && old.Spec.IPFamilyPolicy != nil:
			spec.IPFamilyPolicy = ptr(*old.Spec.IPFamilyPolicy)
		case headlessSelectorless:
			spec.IPFamilyPolicy = ptr(corev1.IPFamilyPolicyRequireDualStack)
		default:
			spec.IPFamilyPolicy = ptr(corev1.IPFamilyPolicySingleStack)
		}
	}
	for i, ip := range spec.ClusterIPs {
		if ip == corev1.ClusterIPNone {
			break
		}
		addr, err := netip.ParseAddr(ip)
		if err != nil {
			break // a bad IP is validation's to report
		}
		if i >= len(spec.IPFamilies) {
			spec.IPFamilies = append(spec.IPFamilies, familyOf(addr))
		}
	}
	if len(spec.IPFamilies) == 0 {
		spec.IPFamilies = []corev1.IPFamily{family}
	}
	if headlessSelectorless && len(spec.IPFamilies) == 1 && *spec.IPFamilyPolicy != corev1.IPFamilyPolicySingleStack {
		spec.IPFamilies = append(spec.IPFamilies, otherFamily(spec.IPFamilies[0]))
	}
}

func familyOf(addr netip.Addr) corev1.IPFamily {
	if addr.Is4() || addr.Is4In6() {
		return corev1.IPv4Protocol
	}
	return corev1.IPv6Protocol
}

func otherFamily(f corev1.IPFamily) corev1.IPFamily {
	if f == corev1.IPv4Protocol {
		return corev1.IPv6Protocol
	}
	return corev1.IPv4Protocol
}

// Endpoints sets protocol TCP on every port of every subset (upstream
// SetDefaults_Endpoints).
func Endpoints(e *corev1.Endpoints) {
	for i := range e.Subsets {
		for j := range e.Subsets[i].Ports {
			if port := &e.Subsets[i].Ports[j]; port.Protocol == "" {
				port.Protocol = corev1.ProtocolTCP
			}
		}
	}
}

// EndpointSlice sets, on every port, an unset name to "" and an unset
// protocol to TCP (upstream discovery/v1 SetDefaults_EndpointPort). Both
// are pointers, so a stored slice shows name: "" for an unnamed port.
func EndpointSlice(es *discoveryv1.EndpointSlice) {
	for i := range es.Ports {
		port := &es.Ports[i]
		if port.Name == nil {
			port.Name = ptr("")
		}
		if port.Protocol == nil {
			port.Protocol = ptr(corev1.ProtocolTCP)
		}
	}
}
