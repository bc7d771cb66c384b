// Endpoints: the legacy list of pod addresses behind a Service.
//
// Interface:
//   - Endpoints (with EndpointsList) has the same name as its Service and
//     a list of EndpointSubsets.
//   - EndpointSubset: addresses × ports, split into ready and not-ready
//     addresses.
//   - EndpointAddress (ip, hostname, nodeName, targetRef) and EndpointPort.
//
// Deprecated upstream since v1.33 in favour of EndpointSlice
// (discovery/v1), but still maintained by the endpoints controller and read
// by older clients. Talk 002, "Endpoints Controller"; talk 003,
// "Endpoints controller".
package corev1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// Endpoints is the set of addresses that implement a Service. The
// endpoints controller (stage 3) keeps it in step with the pods the
// Service selects.
type Endpoints struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Subsets together list every endpoint; no address is both ready and
	// not ready in the same subset.
	Subsets []EndpointSubset `json:"subsets,omitempty"`
}

// EndpointsList is a list of Endpoints.
type EndpointsList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Endpoints `json:"items"`
}

// EndpointSubset is a group of addresses that share the same ports; the
// endpoints are every address combined with every port.
type EndpointSubset struct {
	Addresses []EndpointAddress `json:"addresses,omitempty"`
	// NotReadyAddresses are pods that are starting or failing readiness;
	// proxies do not send them traffic.
	NotReadyAddresses []EndpointAddress `json:"notReadyAddresses,omitempty"`
	Ports             []EndpointPort    `json:"ports,omitempty"`
}

// EndpointAddress is one endpoint IP and the pod behind it.
type EndpointAddress struct {
	IP       string  `json:"ip"`
	Hostname string  `json:"hostname,omitempty"`
	NodeName *string `json:"nodeName,omitempty"`
	// TargetRef points at the pod, with its UID.
	TargetRef *ObjectReference `json:"targetRef,omitempty"`
}

// EndpointPort is one port of the endpoints; Name matches the Service
// port's name.
type EndpointPort struct {
	Name        string   `json:"name,omitempty"`
	Port        int32    `json:"port"`
	Protocol    Protocol `json:"protocol,omitempty"`
	AppProtocol *string  `json:"appProtocol,omitempty"`
}
