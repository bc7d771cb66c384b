// The service strategy: cluster IPs and node ports, allocated from two
// ranges and given back when a Service no longer needs them.
//
// Interface:
//   - serviceAllocator: the service CIDR (default 10.96.0.0/12, kept at
//     /registry/ranges/serviceips) and node port range (30000-32767, at
//     /registry/ranges/servicenodeports), as upstream.
//   - serviceStrategy(alloc): fields, create/update allocation
//     (BeginWrite) and release on delete (AfterDelete).
//
// kube-proxy (stage 6) programs the cluster IP and node ports into every
// node (talk 002, "NodePort / LoadBalancer"). A client may ask for a
// specific IP or port; otherwise the server picks one.
package registry

import (
	"context"
	"net/netip"
	"slices"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/defaults"
)

func serviceStrategy(alloc *serviceAllocator) Strategy {
	return Strategy{
		ResetStatusOnCreate: true,
		Fields: func(obj metav1.Object) fields.Set {
			svc := obj.(*corev1.Service)
			return fields.Set{"spec.clusterIP": svc.Spec.ClusterIP, "spec.type": string(svc.Spec.Type)}
		},
		BeginWrite: func(ctx context.Context, obj, old metav1.Object, dryRun bool) (func(bool), error) {
			var oldSvc *corev1.Service
			if old != nil {
				oldSvc = old.(*corev1.Service)
			}
			return alloc.begin(ctx, obj.(*corev1.Service), oldSvc, dryRun)
		},
		AfterDelete: func(ctx context.Context, obj metav1.Object) {
			alloc.release(ctx, alloc.held(obj.(*corev1.Service)))
		},
	}
}

// held is what a Service takes from the pools: cluster IP offsets and
// node ports.
type held struct {
	ips, ports []int
}

// begin prepares svc (replacing old, nil on create) for validation and
// takes what it needs that old does not already hold:
//
//  1. values that belong to the old type go when the type changes;
//  2. values the client left empty keep what old had (kubectl apply of a
//     manifest without clusterIP keeps the Service's IP);
//  3. clusterIP and clusterIPs agree, ipFamilies are filled in;
//  4. a cluster IP and node ports are taken for what is still missing.
//
// finish(true) gives back what old held and svc no longer does;
// finish(false) gives back what begin took.
func (a *serviceAllocator) begin(ctx context.Context, svc, old *corev1.Service, dryRun bool) (func(bool), error) {
	if old != nil {
		dropTypeDependentFields(svc, old)
		keepAllocatedValues(svc, old)
	}
	spec := &svc.Spec
	if len(spec.ClusterIPs) == 0 && spec.ClusterIP != "" {
		spec.ClusterIPs = []string{spec.ClusterIP}
	}
	if spec.ClusterIP == "" && len(spec.ClusterIPs) > 0 {
		spec.ClusterIP = spec.ClusterIPs[0]
	}
	defaults.ServiceIPFamilies(svc, old, corev1.IPv4Protocol)

	before := a.held(old)
	var taken held
	undo := func() {
		if !dryRun {
			a.release(ctx, taken)
		}
	}
	if needsClusterIP(svc) {
		ip, err := a.takeIP(ctx, svc, before, dryRun)
		if err != nil {
			return nil, err
		}
		if ip >= 0 {
			taken.ips = append(taken.ips, ip)
		}
	}
	ports, err := a.takeNodePorts(ctx, svc, before, dryRun)
	taken.ports = ports
	if err != nil {
		undo()
		return nil, err
	}
	return func(ok bool) {
		if !ok {
			undo()
			return
		}
		if !dryRun && old != nil {
			a.release(ctx, minus(before, a.held(svc)))
		}
	}, nil
}

// needsClusterIP: every type but ExternalName, unless headless.
func needsClusterIP(svc *corev1.Service) bool {
	return svc.Spec.Type != corev1.ServiceTypeExternalName && svc.Spec.ClusterIP != corev1.ClusterIPNone
}

// needsNodePorts: NodePort, and LoadBalancer unless
// allocateLoadBalancerNodePorts is false.
func needsNodePorts(svc *corev1.Service) bool {
	switch svc.Spec.Type {
	case corev1.ServiceTypeNodePort:
		return true
	case corev1.ServiceTypeLoadBalancer:
		return svc.Spec.AllocateLoadBalancerNodePorts == nil || *svc.Spec.AllocateLoadBalancerNodePorts
	}
	return false
}

// needsHealthCheckNodePort: a LoadBalancer with externalTrafficPolicy
// Local, whose load balancer probes each node for local endpoints.
func needsHealthCheckNodePort(svc *corev1.Service) bool {
	return svc.Spec.Type == corev1.ServiceTypeLoadBalancer &&
		svc.Spec.ExternalTrafficPolicy == corev1.ServiceExternalTrafficPolicyLocal
}

// dropTypeDependentFields clears, on a type change, the values only the
// old type used, if the client left them as they were (upstream's
// dropTypeDependentFields): ClusterIP to ExternalName loses its IPs,
// NodePort to ClusterIP its node ports and externalTrafficPolicy.
func dropTypeDependentFields(svc, old *corev1.Service) {
	spec := &svc.Spec
	if needsClusterIP(old) && !needsClusterIP(svc) && slices.Equal(spec.ClusterIPs, old.Spec.ClusterIPs) &&
		spec.ClusterIP == old.Spec.ClusterIP && spec.ClusterIP != corev1.ClusterIPNone {
		spec.ClusterIP, spec.ClusterIPs, spec.IPFamilies, spec.IPFamilyPolicy = "", nil, nil, nil
	}
	if needsNodePorts(old) && !needsNodePorts(svc) {
		for i := range spec.Ports {
			if p := &spec.Ports[i]; p.NodePort != 0 && slices.ContainsFunc(old.Spec.Ports, func(o corev1.ServicePort) bool { return o.NodePort == p.NodePort }) {
				p.NodePort = 0
			}
		}
	}
	if needsHealthCheckNodePort(old) && !needsHealthCheckNodePort(svc) && spec.HealthCheckNodePort == old.Spec.HealthCheckNodePort {
		spec.HealthCheckNodePort = 0
	}
	if externallyAccessible(old) && !externallyAccessible(svc) && spec.ExternalTrafficPolicy == old.Spec.ExternalTrafficPolicy {
		spec.ExternalTrafficPolicy = ""
	}
	if old.Spec.Type == corev1.ServiceTypeLoadBalancer && spec.Type != corev1.ServiceTypeLoadBalancer &&
		spec.AllocateLoadBalancerNodePorts != nil && old.Spec.AllocateLoadBalancerNodePorts != nil &&
		*spec.AllocateLoadBalancerNodePorts == *old.Spec.AllocateLoadBalancerNodePorts {
		spec.AllocateLoadBalancerNodePorts = nil
	}
}

// externallyAccessible: traffic reaches the Service from outside the
// cluster, so externalTrafficPolicy applies.
func externallyAccessible(svc *corev1.Service) bool {
	switch svc.Spec.Type {
	case corev1.ServiceTypeNodePort, corev1.ServiceTypeLoadBalancer:
		return true
	case corev1.ServiceTypeClusterIP:
		return len(svc.Spec.ExternalIPs) > 0
	}
	return false
}

// keepAllocatedValues fills values the client left empty with old's
// (upstream's patchAllocatedValues): the cluster IPs, node ports matched
// by port name, and the health check node port.
func keepAllocatedValues(svc, old *corev1.Service) {
	spec := &svc.Spec
	if needsClusterIP(old) && needsClusterIP(svc) && spec.ClusterIP == "" && len(spec.ClusterIPs) == 0 {
		spec.ClusterIP, spec.ClusterIPs = old.Spec.ClusterIP, slices.Clone(old.Spec.ClusterIPs)
	}
	if needsNodePorts(old) && needsNodePorts(svc) {
		used := map[int32]bool{}
		for _, p := range spec.Ports {
			used[p.NodePort] = true
		}
		byName := map[string]int32{}
		for _, p := range old.Spec.Ports {
			byName[p.Name] = p.NodePort
		}
		for i := range spec.Ports {
			if p := &spec.Ports[i]; p.NodePort == 0 && !used[byName[p.Name]] {
				p.NodePort = byName[p.Name]
				used[p.NodePort] = true
			}
		}
	}
	if needsHealthCheckNodePort(old) && needsHealthCheckNodePort(svc) && spec.HealthCheckNodePort == 0 {
		spec.HealthCheckNodePort = old.Spec.HealthCheckNodePort
	}
}

// minus returns what a holds and b does not.
func minus(a, b held) held {
	var out held
	for _, ip := range a.ips {
		if !slices.Contains(b.ips, ip) {
			out.ips = append(out.ips, ip)
		}
	}
	for _, p := range a.ports {
		if !slices.Contains(b.ports, p) {
			out.ports = append(out.ports, p)
		}
	}
	return out
}

// parseIP parses a cluster IP, returning ok false for "", "None" and
// anything that is not an IP (validation reports those).
func parseIP(s string) (netip.Addr, bool) {
	addr, err := netip.ParseAddr(s)
	return addr, err == nil
}
