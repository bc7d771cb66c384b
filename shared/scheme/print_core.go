// Core columns: Services, Nodes, Namespaces, ConfigMaps, Secrets,
// ServiceAccounts, Endpoints and Events.
//
// Interface:
//   - serviceColumns: TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S) ("80:30080/TCP").
//   - nodeColumns: STATUS ("Ready,SchedulingDisabled"), ROLES, VERSION.
//   - eventColumns: LAST SEEN, TYPE, REASON, OBJECT ("pod/web-0"), MESSAGE.
//   - the rest count entries (DATA, SECRETS) or show one field.
//
// Talk 002, "Services" and "NodePort": PORT(S) is where a student finds
// the node port a Service was given.

package scheme

import (
	"fmt"
	"slices"
	"strings"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
)

// loadBalancerWidth is how much of a load balancer address list fits in
// EXTERNAL-IP without -o wide.
const loadBalancerWidth = 16

func serviceColumns() []Column {
	type S = corev1.Service
	return []Column{
		NameColumn(),
		{Name: "Type", Type: "string", Description: "ClusterIP, NodePort, LoadBalancer or ExternalName.",
			Cell: cellOf(func(s *S, _ time.Time) any { return string(s.Spec.Type) })},
		{Name: "Cluster-IP", Type: "string", Description: "The Service's virtual IP inside the cluster.",
			Cell: cellOf(func(s *S, _ time.Time) any {
				if len(s.Spec.ClusterIPs) > 0 {
					return s.Spec.ClusterIPs[0]
				}
				return "<none>"
			})},
		// The server always builds the wide form; kubectl shortens only
		// the load balancer list when it prints without -o wide.
		{Name: "External-IP", Type: "string", Description: "Addresses outside the cluster that reach the Service.",
			Cell: cellOf(func(s *S, _ time.Time) any { return serviceExternalIP(s, true) })},
		{Name: "Port(s)", Type: "string", Description: "port/protocol, or port:nodePort/protocol, for each port.",
			Cell: cellOf(func(s *S, _ time.Time) any { return orNone(servicePorts(s.Spec.Ports)) })},
		AgeColumn(),
		{Name: "Selector", Type: "string", Priority: 1, Description: "The labels of the pods the Service sends traffic to.",
			Cell: cellOf(func(s *S, _ time.Time) any { return labels.FormatLabels(s.Spec.Selector) })},
	}
}

// serviceExternalIP is what EXTERNAL-IP shows for each Service type.
func serviceExternalIP(s *corev1.Service, wide bool) string {
	switch s.Spec.Type {
	case corev1.ServiceTypeClusterIP, corev1.ServiceTypeNodePort:
		return orNone(strings.Join(s.Spec.ExternalIPs, ","))
	case corev1.ServiceTypeLoadBalancer:
		lb := loadBalancerAddresses(s.Status.LoadBalancer.Ingress, wide)
		if len(s.Spec.ExternalIPs) > 0 {
			var all []string
			if lb != "" {
				all = strings.Split(lb, ",")
			}
			return strings.Join(append(all, s.Spec.ExternalIPs...), ",")
		}
		if lb != "" {
			return lb
		}
		return "<pending>"
	case corev1.ServiceTypeExternalName:
		return s.Spec.ExternalName
	}
	return "<unknown>"
}

// loadBalancerAddresses lists the ingress points' IPs (or host names),
// sorted and unique, cut to loadBalancerWidth unless wide.
func loadBalancerAddresses(ingress []corev1.LoadBalancerIngress, wide bool) string {
	var addrs []string
	for _, in := range ingress {
		switch {
		case in.IP != "":
			addrs = append(addrs, in.IP)
		case in.Hostname != "":
			addrs = append(addrs, in.Hostname)
		}
	}
	slices.Sort(addrs)
	s := strings.Join(slices.Compact(addrs), ",")
	if !wide && len(s) > loadBalancerWidth {
		s = s[:loadBalancerWidth-3] + "..."
	}
	return s
}

// servicePorts is "80/TCP,443:30443/TCP".
func servicePorts(ports []corev1.ServicePort) string {
	parts := make([]string, len(ports))
	for i, p := range ports {
		parts[i] = fmt.Sprintf("%d/%s", p.Port, p.Protocol)
		if p.NodePort > 0 {
			parts[i] = fmt.Sprintf("%d:%d/%s", p.Port, p.NodePort, p.Protocol)
		}
	}
	return strings.Join(parts, ",")
}

// Node role labels: node-role.kubernetes.io/<role>="" or
// kubernetes.io/role=<role>.
const (
	labelNodeRolePrefix = "node-role.kubernetes.io/"
	labelNodeRole       = "kubernetes.io/role"
)

func nodeColumns() []Column {
	type N = corev1.Node
	info := func(f func(corev1.NodeSystemInfo) string) func(*N, time.Time) any {
		return func(n *N, _ time.Time) any {
			if v := f(n.Status.NodeInfo); v != "" {
				return v
			}
			return "<unknown>"
		}
	}
	return []Column{
		NameColumn(),
		{Name: "Status", Type: "string", Description: "Ready, NotReady or Unknown, and SchedulingDisabled when cordoned.",
			Cell: cellOf(func(n *N, _ time.Time) any { return nodeStatus(n) })},
		{Name: "Roles", Type: "string", Description: "The node's roles, from its node-role labels.",
			Cell: cellOf(func(n *N, _ time.Time) any { return orNone(strings.Join(nodeRoles(n), ",")) })},
		AgeColumn(),
		{Name: "Version", Type: "string", Description: "The kubelet's version.",
			Cell: cellOf(func(n *N, _ time.Time) any { return n.Status.NodeInfo.KubeletVersion })},
		{Name: "Internal-IP", Type: "string", Priority: 1, Description: "The node's first InternalIP address.",
			Cell: cellOf(func(n *N, _ time.Time) any { return nodeAddress(n, corev1.NodeInternalIP) })},
		{Name: "External-IP", Type: "string", Priority: 1, Description: "The node's first ExternalIP address.",
			Cell: cellOf(func(n *N, _ time.Time) any { return nodeAddress(n, corev1.NodeExternalIP) })},
		{Name: "OS-Image", Type: "string", Priority: 1, Description: "The operating system the kubelet reports.",
			Cell: cellOf(info(func(i corev1.NodeSystemInfo) string { return i.OSImage }))},
		{Name: "Kernel-Version", Type: "string", Priority: 1, Description: "The kernel version the kubelet reports.",
			Cell: cellOf(info(func(i corev1.NodeSystemInfo) string { return i.KernelVersion }))},
		{Name: "Container-Runtime", Type: "string", Priority: 1, Description: "The container runtime and its version.",
			Cell: cellOf(info(func(i corev1.NodeSystemInfo) string { return i.ContainerRuntimeVersion }))},
	}
}

// nodeStatus reads the Ready condition ("Ready", "NotReady", or "Unknown"
// when there is none) and appends "SchedulingDisabled" for a cordoned
// node.
func nodeStatus(n *corev1.Node) string {
	status := []string{"Unknown"}
	for _, c := range n.Status.Conditions {
		if c.Type == corev1.NodeReady {
			status[0] = string(c.Type)
			if c.Status != corev1.ConditionTrue {
				status[0] = "Not" + string(c.Type)
			}
		}
	}
	if n.Spec.Unschedulable {
		status = append(status, "SchedulingDisabled")
	}
	return strings.Join(status, ",")
}

// nodeRoles returns the node's roles, sorted and unique.
func nodeRoles(n *corev1.Node) []string {
	var roles []string
	for k, v := range n.Labels {
		switch {
		case strings.HasPrefix(k, labelNodeRolePrefix):
			if r := strings.TrimPrefix(k, labelNodeRolePrefix); r != "" {
				roles = append(roles, r)
			}
		case k == labelNodeRole && v != "":
			roles = append(roles, v)
		}
	}
	slices.Sort(roles)
	return slices.Compact(roles)
}

func nodeAddress(n *corev1.Node, t corev1.NodeAddressType) string {
	for _, a := range n.Status.Addresses {
		if a.Type == t {
			return a.Address
		}
	}
	return "<none>"
}

func namespaceColumns() []Column {
	return []Column{NameColumn(),
		{Name: "Status", Type: "string", Description: "Active, or Terminating while its contents are deleted.",
			Cell: cellOf(func(ns *corev1.Namespace, _ time.Time) any { return string(ns.Status.Phase) })},
		AgeColumn()}
}

func configMapColumns() []Column {
	return []Column{NameColumn(),
		{Name: "Data", Type: "string", Description: "The number of keys in data and binaryData.",
			Cell: cellOf(func(cm *corev1.ConfigMap, _ time.Time) any { return int64(len(cm.Data) + len(cm.BinaryData)) })},
		AgeColumn()}
}

func secretColumns() []Column {
	return []Column{NameColumn(),
		{Name: "Type", Type: "string", Description: "The secret's type (Opaque, kubernetes.io/tls, ...).",
			Cell: cellOf(func(s *corev1.Secret, _ time.Time) any { return string(s.Type) })},
		{Name: "Data", Type: "string", Description: "The number of keys in data.",
			Cell: cellOf(func(s *corev1.Secret, _ time.Time) any { return int64(len(s.Data)) })},
		AgeColumn()}
}

func serviceAccountColumns() []Column {
	return []Column{NameColumn(),
		{Name: "Secrets", Type: "string", Description: "The number of secrets listed in the service account.",
			Cell: cellOf(func(sa *corev1.ServiceAccount, _ time.Time) any { return int64(len(sa.Secrets)) })},
		AgeColumn()}
}

func endpointsColumns() []Column {
	return []Column{NameColumn(),
		{Name: "Endpoints", Type: "string", Description: "The first addresses and ports traffic is sent to.",
			Cell: cellOf(func(e *corev1.Endpoints, _ time.Time) any { return formatEndpoints(e) })},
		AgeColumn()}
}
