// EndpointSlices: a Service's endpoints, split into slices of at most
// 100 endpoints by default.
//
// Interface:
//   - EndpointSlice (with EndpointSliceList): addressType, endpoints,
//     ports, and the kubernetes.io/service-name label that ties it to its
//     Service.
//   - Endpoint: addresses, conditions (ready, serving, terminating),
//     hostname, targetRef, nodeName, zone, hints.
//   - EndpointPort: name, protocol, port, appProtocol, all pointers.
//   - AddressType: IPv4, IPv6, FQDN.
//
// Splitting keeps a change to one pod from rewriting every endpoint of a
// large Service, which is why it replaced core/v1 Endpoints.
package discoveryv1

import (
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Well-known EndpointSlice labels.
const (
	// LabelServiceName names the Service a slice belongs to; consumers
	// list slices with this label selector.
	LabelServiceName = "kubernetes.io/service-name"
	// LabelManagedBy names the controller managing a slice.
	LabelManagedBy = "endpointslice.kubernetes.io/managed-by"
)

// EndpointSlice is a subset of the endpoints of a Service.
type EndpointSlice struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// AddressType cannot change after create.
	AddressType AddressType `json:"addressType"`
	// Endpoints and Ports have no omitempty: empty ones are written as
	// null.
	Endpoints []Endpoint     `json:"endpoints"`
	Ports     []EndpointPort `json:"ports"`
}

// EndpointSliceList is a list of EndpointSlices.
type EndpointSliceList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []EndpointSlice `json:"items"`
}

// AddressType is the kind of address in an EndpointSlice.
type AddressType string

// The address types. The controller only writes IPv4 and IPv6; FQDN is
// deprecated.
const (
	AddressTypeIPv4 = AddressType(corev1.IPv4Protocol)
	AddressTypeIPv6 = AddressType(corev1.IPv6Protocol)
	AddressTypeFQDN = AddressType("FQDN")
)

// Endpoint is one backend of a Service, usually one pod.
type Endpoint struct {
	// Addresses holds one to 100 addresses; consumers use the first.
	Addresses []string `json:"addresses"`
	// Conditions is a value: written as {} when empty.
	Conditions EndpointConditions `json:"conditions,omitempty"`
	Hostname   *string            `json:"hostname,omitempty"`
	// TargetRef points at the pod.
	TargetRef *corev1.ObjectReference `json:"targetRef,omitempty"`
	NodeName  *string                 `json:"nodeName,omitempty"`
	Zone      *string                 `json:"zone,omitempty"`
	Hints     *EndpointHints          `json:"hints,omitempty"`
}

// EndpointConditions is the state of an endpoint. Nil Ready and Serving
// read as true; nil Terminating reads as false.
type EndpointConditions struct {
	// Ready: serving and not terminating (or the Service publishes
	// not-ready addresses).
	Ready *bool `json:"ready,omitempty"`
	// Serving: the pod's Ready condition, regardless of termination.
	Serving *bool `json:"serving,omitempty"`
	// Terminating: the pod is being deleted.
	Terminating *bool `json:"terminating,omitempty"`
}

// EndpointHints suggest which consumers should use an endpoint
// (topology-aware routing).
type EndpointHints struct {
	ForZones []ForZone `json:"forZones,omitempty"`
	ForNodes []ForNode `json:"forNodes,omitempty"`
}

// ForZone names a zone that should use the endpoint.
type ForZone struct {
	Name string `json:"name"`
}

// ForNode names a node that should use the endpoint.
type ForNode struct {
	Name string `json:"name"`
}

// EndpointPort is one port of every endpoint in the slice. Nil Port means
// "all ports", used only by slices not made from a Service.
type EndpointPort struct {
	// Name matches the Service port's name; nil and "" are the same.
	Name *string `json:"name,omitempty"`
	// Protocol nil means TCP.
	Protocol    *corev1.Protocol `json:"protocol,omitempty"`
	Port        *int32           `json:"port,omitempty"`
	AppProtocol *string          `json:"appProtocol,omitempty"`
}
