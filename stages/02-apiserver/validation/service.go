// Services: a stable virtual IP and name in front of a set of pods.
//
// Interface:
//   - validateService: ports, type, selector, session affinity, traffic
//     policies, cluster IPs and IP families, node ports.
//   - validateServiceUpdate: allocated cluster IPs and IP families may not
//     change (except to add or drop a second family).
//   - validateLoadBalancerStatus: status.loadBalancer on status writes.
//
// Talk 002, the Ghost demo's `kubectl expose --type=NodePort`: a node
// port must come from the range the server was started with,
// 30000-32767 by default.

package validation

import (
	"fmt"
	"net"
	"slices"
	"strings"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	sharedvalidation "github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// The service node port range, kube-apiserver's --service-node-port-range
// default, and the kubelet's port, which a load balancer may not expose.
const (
	NodePortMin = 30000
	NodePortMax = 32767
	kubeletPort = 10250
)

// clusterIPsOf returns spec's cluster IPs as upstream's service strategy
// leaves them before validation: clusterIP and clusterIPs[0] filled from
// each other when only one of them was given.
func clusterIPsOf(spec *corev1.ServiceSpec) (string, []string) {
	ip, ips := spec.ClusterIP, spec.ClusterIPs
	switch {
	case ip != "" && len(ips) == 0:
		ips = []string{ip}
	case ip == "" && len(ips) > 0:
		ip = ips[0]
	}
	return ip, ips
}

func isHeadless(spec *corev1.ServiceSpec) bool {
	_, ips := clusterIPsOf(spec)
	return len(ips) == 1 && ips[0] == corev1.ClusterIPNone
}

func validateService(svc *corev1.Service) field.ErrorList {
	s := &svc.Spec
	spec := field.NewPath("spec")
	ports := spec.Child("ports")
	_, clusterIPs := clusterIPsOf(s)
	errs := objectMeta(svc, nameIsDNS1035Label)
	if len(s.Ports) == 0 && !isHeadless(s) && s.Type != corev1.ServiceTypeExternalName {
		errs = append(errs, field.Required(ports, ""))
	}
	switch s.Type {
	case corev1.ServiceTypeLoadBalancer:
		for i, p := range s.Ports {
			if p.Port == kubeletPort {
				errs = append(errs, field.Invalid(ports.Index(i), p.Port, fmt.Sprintf("may not expose port %v externally since it is used by kubelet", kubeletPort)))
			}
		}
		if isHeadless(s) {
			errs = append(errs, field.Invalid(spec.Child("clusterIPs").Index(0), clusterIPs[0], "may not be set to 'None' for LoadBalancer services"))
		}
	case corev1.ServiceTypeNodePort:
		if isHeadless(s) {
			errs = append(errs, field.Invalid(spec.Child("clusterIPs").Index(0), clusterIPs[0], "may not be set to 'None' for NodePort services"))
		}
	case corev1.ServiceTypeExternalName:
		errs = append(errs, externalNameService(s, spec)...)
	}
	var names []string
	for i := range s.Ports {
		errs = append(errs, servicePort(&s.Ports[i], len(s.Ports) > 1, &names, ports.Index(i))...)
	}
	if s.Selector != nil {
		errs = append(errs, sharedvalidation.ValidateLabels(s.Selector, spec.Child("selector"))...)
	}
	errs = append(errs, sessionAffinity(s, spec)...)
	errs = append(errs, clusterIPFields(s, spec)...)
	for i, ip := range s.ExternalIPs {
		idx := spec.Child("externalIPs").Index(i)
		if ipErrs := sharedvalidation.IsValidIP(idx, ip); len(ipErrs) > 0 {
			errs = append(errs, ipErrs...)
		} else {
			errs = append(errs, nonSpecialIP(ip, idx)...)
		}
	}
	errs = append(errs, oneOf(s.Type, spec.Child("type"), corev1.ServiceTypeClusterIP, corev1.ServiceTypeExternalName,
		corev1.ServiceTypeLoadBalancer, corev1.ServiceTypeNodePort)...)
	errs = append(errs, servicePortCollisions(s, ports)...)
	if len(s.LoadBalancerSourceRanges) > 0 {
		// Upstream writes this path with a capital L.
		ranges := spec.Child("LoadBalancerSourceRanges")
		if s.Type != corev1.ServiceTypeLoadBalancer {
			errs = append(errs, field.Forbidden(ranges, "may only be used when `type` is 'LoadBalancer'"))
		}
		for i, r := range s.LoadBalancerSourceRanges {
			errs = append(errs, sharedvalidation.IsValidCIDR(ranges.Index(i), strings.TrimSpace(r))...)
		}
	}
	if s.AllocateLoadBalancerNodePorts != nil && s.Type != corev1.ServiceTypeLoadBalancer {
		errs = append(errs, field.Forbidden(spec.Child("allocateLoadBalancerNodePorts"), "may only be used when `type` is 'LoadBalancer'"))
	}
	if s.Type == corev1.ServiceTypeLoadBalancer && s.AllocateLoadBalancerNodePorts == nil {
		// Upstream reports this one without the "spec." prefix.
		errs = append(errs, field.Required(field.NewPath("allocateLoadBalancerNodePorts"), ""))
	}
	errs = append(errs, trafficPolicies(s, spec)...)
	return append(errs, nodePortRange(s, ports)...)
}

// externalNameService: an ExternalName Service is only a DNS CNAME, so
// it has no cluster IP and needs a valid name to point at.
func externalNameService(s *corev1.ServiceSpec, spec *field.Path) field.ErrorList {
	var errs field.ErrorList
	if _, ips := clusterIPsOf(s); len(ips) > 0 {
		errs = append(errs, field.Forbidden(spec.Child("clusterIPs"), "may not be set for ExternalName services"))
	}
	if len(s.IPFamilies) > 0 {
		errs = append(errs, field.Forbidden(spec.Child("ipFamilies"), "may not be set for ExternalName services"))
	}
	if s.IPFamilyPolicy != nil {
		errs = append(errs, field.Forbidden(spec.Child("ipFamilyPolicy"), "may not be set for ExternalName services"))
	}
	// The name may end with a dot, marking it fully qualified.
	if cname := strings.TrimSuffix(s.ExternalName, "."); cname != "" {
		errs = append(errs, dns1123Subdomain(cname, spec.Child("externalName"))...)
	} else {
		errs = append(errs, field.Required(spec.Child("externalName"), ""))
	}
	return errs
}

// servicePort checks one port. With more than one port every port needs
// a name, because Endpoints match ports by name.
func servicePort(p *corev1.ServicePort, requireName bool, names *[]string, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if requireName && p.Name == "" {
		errs = append(errs, field.Required(path.Child("name"), ""))
	} else if p.Name != "" {
		errs = append(errs, dns1123Label(p.Name, path.Child("name"))...)
		if slices.Contains(*names, p.Name) {
			errs = append(errs, field.Duplicate(path.Child("name"), p.Name))
		} else {
			*names = append(*names, p.Name)
		}
	}
	errs = append(errs, invalidEach(path.Child("port"), p.Port, sharedvalidation.IsValidPortNum(int(p.Port)))...)
	errs = append(errs, protocol(p.Protocol, path.Child("protocol"))...)
	errs = append(errs, portNumOrName(p.TargetPort, path.Child("targetPort"))...)
	if p.AppProtocol != nil {
		errs = append(errs, qualifiedName(*p.AppProtocol, path.Child("appProtocol"))...)
	}
	return errs
}

// sessionAffinity checks the affinity and its config.
func sessionAffinity(s *corev1.ServiceSpec, spec *field.Path) field.ErrorList {
	errs := oneOf(s.SessionAffinity, spec.Child("sessionAffinity"), corev1.ServiceAffinityClientIP, corev1.ServiceAffinityNone)
	cfg := spec.Child("sessionAffinityConfig")
	switch s.SessionAffinity {
	case corev1.ServiceAffinityClientIP:
		const when = "when session affinity type is ClientIP"
		switch {
		case s.SessionAffinityConfig == nil:
			errs = append(errs, field.Required(cfg, when))
		case s.SessionAffinityConfig.ClientIP == nil:
			errs = append(errs, field.Required(cfg.Child("clientIP"), when))
		case s.SessionAffinityConfig.ClientIP.TimeoutSeconds == nil:
			errs = append(errs, field.Required(cfg.Child("clientIP", "timeoutSeconds"), when))
		default:
			if t := *s.SessionAffinityConfig.ClientIP.TimeoutSeconds; t <= 0 || t > 86400 {
				errs = append(errs, field.Invalid(cfg.Child("clientIP", "timeoutSeconds"), t, "must be greater than 0 and less than 86400"))
			}
		}
	case corev1.ServiceAffinityNone:
		if s.SessionAffinityConfig != nil {
			errs = append(errs, field.Forbidden(cfg, "must not be set when session affinity is None"))
		}
	}
	return errs
}

// servicePortCollisions checks that node ports are not used by ClusterIP
// Services, and that no (protocol, port) or (protocol, nodePort) pair
// repeats.
func servicePortCollisions(s *corev1.ServiceSpec, ports *field.Path) field.ErrorList {
	var errs field.ErrorList
	if s.Type == corev1.ServiceTypeClusterIP {
		for i, p := range s.Ports {
			if p.NodePort != 0 {
				errs = append(errs, field.Forbidden(ports.Index(i).Child("nodePort"), "may not be used when `type` is 'ClusterIP'"))
			}
		}
	}
	type pair struct {
		Protocol corev1.Protocol `json:"protocol"`
		Port     int32           `json:"port"`
	}
	var nodePorts, servicePorts []pair
	for i, p := range s.Ports {
		if p.NodePort != 0 {
			key := pair{p.Protocol, p.NodePort}
			if slices.Contains(nodePorts, key) {
				errs = append(errs, field.Duplicate(ports.Index(i).Child("nodePort"), p.NodePort))
			}
			nodePorts = append(nodePorts, key)
		}
	}
	for i, p := range s.Ports {
		key := pair{p.Protocol, p.Port}
		if slices.Contains(servicePorts, key) {
			errs = append(errs, field.Duplicate(ports.Index(i), key))
		}
		servicePorts = append(servicePorts, key)
	}
	return errs
}

// trafficPolicies checks externalTrafficPolicy (only for Services
// reachable from outside: node ports, load balancers, external IPs),
// healthCheckNodePort (only for LoadBalancer with policy Local) and
// internalTrafficPolicy.
func trafficPolicies(s *corev1.ServiceSpec, spec *field.Path) field.ErrorList {
	var errs field.ErrorList
	external := s.Type == corev1.ServiceTypeLoadBalancer || s.Type == corev1.ServiceTypeNodePort ||
		(s.Type == corev1.ServiceTypeClusterIP && len(s.ExternalIPs) > 0)
	etp := spec.Child("externalTrafficPolicy")
	switch {
	case !external && s.ExternalTrafficPolicy != "":
		errs = append(errs, field.Invalid(etp, string(s.ExternalTrafficPolicy), "may only be set for externally-accessible services"))
	case external:
		errs = append(errs, oneOf(s.ExternalTrafficPolicy, etp, corev1.ServiceExternalTrafficPolicyCluster, corev1.ServiceExternalTrafficPolicyLocal)...)
	}
	hc := spec.Child("healthCheckNodePort")
	needsHealthCheck := s.Type == corev1.ServiceTypeLoadBalancer && s.ExternalTrafficPolicy == corev1.ServiceExternalTrafficPolicyLocal
	switch {
	case !needsHealthCheck && s.HealthCheckNodePort != 0:
		errs = append(errs, field.Invalid(hc, s.HealthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"))
	case needsHealthCheck && s.HealthCheckNodePort == 0:
		errs = append(errs, field.Required(hc, ""))
	case needsHealthCheck:
		errs = append(errs, invalidEach(hc, s.HealthCheckNodePort, sharedvalidation.IsValidPortNum(int(s.HealthCheckNodePort)))...)
	}
	itp := spec.Child("internalTrafficPolicy")
	if s.InternalTrafficPolicy == nil {
		// Not required of ExternalName Services, for historical reasons.
		if s.Type == corev1.ServiceTypeNodePort || s.Type == corev1.ServiceTypeLoadBalancer || s.Type == corev1.ServiceTypeClusterIP {
			errs = append(errs, field.Required(itp, ""))
		}
	} else {
		errs = append(errs, oneOfOrUnsupported(*s.InternalTrafficPolicy, itp, corev1.ServiceInternalTrafficPolicyCluster, corev1.ServiceInternalTrafficPolicyLocal)...)
	}
	return errs
}

// nodePortRange checks requested node ports against the range. Upstream
// checks this in its node port allocator, before validation proper; the
// message is the allocator's.
func nodePortRange(s *corev1.ServiceSpec, ports *field.Path) field.ErrorList {
	if s.Type != corev1.ServiceTypeNodePort && s.Type != corev1.ServiceTypeLoadBalancer {
		return nil
	}
	var errs field.ErrorList
	for i, p := range s.Ports {
		if p.NodePort != 0 && (p.NodePort < NodePortMin || p.NodePort > NodePortMax) {
			errs = append(errs, field.Invalid(ports.Index(i).Child("nodePort"), p.NodePort,
				fmt.Sprintf("provided port is not in the valid range. The range of valid ports is %d-%d", NodePortMin, NodePortMax)))
		}
	}
	return errs
}

// validateLoadBalancerStatus checks status.loadBalancer: only a
// LoadBalancer Service has one; each ingress point is an IP (with its
// mode) or a DNS name.
func validateLoadBalancerStatus(st *corev1.LoadBalancerStatus, spec *corev1.ServiceSpec, path *field.Path) field.ErrorList {
	ingress := path.Child("ingress")
	if spec.Type != corev1.ServiceTypeLoadBalancer && len(st.Ingress) != 0 {
		return field.ErrorList{field.Forbidden(ingress, "may only be used when `spec.type` is 'LoadBalancer'")}
	}
	var errs field.ErrorList
	for i, in := range st.Ingress {
		idx := ingress.Index(i)
		if in.IP != "" {
			errs = append(errs, sharedvalidation.IsValidIP(idx.Child("ip"), in.IP)...)
		}
		switch {
		case in.IPMode == nil && in.IP != "":
			errs = append(errs, field.Required(idx.Child("ipMode"), "must be specified when `ip` is set"))
		case in.IPMode != nil && in.IP == "":
			errs = append(errs, field.Forbidden(idx.Child("ipMode"), "may not be specified when `ip` is not set"))
		case in.IPMode != nil:
			errs = append(errs, oneOfOrUnsupported(*in.IPMode, idx.Child("ipMode"), corev1.LoadBalancerIPModeProxy, corev1.LoadBalancerIPModeVIP)...)
		}
		if in.Hostname != "" {
			errs = append(errs, dns1123Subdomain(in.Hostname, idx.Child("hostname"))...)
			if net.ParseIP(in.Hostname) != nil {
				errs = append(errs, field.Invalid(idx.Child("hostname"), in.Hostname, "must be a DNS name, not an IP address"))
			}
		}
	}
	return errs
}
