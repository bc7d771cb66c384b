// Services: a stable virtual IP and DNS name in front of a changing set of
// pods.
//
// Interface:
//   - Service (with ServiceList) = metadata + ServiceSpec + ServiceStatus.
//   - ServiceSpec: ports, selector, cluster IPs, type (ClusterIP,
//     NodePort, LoadBalancer, ExternalName), traffic policies, IP families.
//   - ServicePort: port on the virtual IP, targetPort on the pods (number
//     or named container port), nodePort on every node.
//   - ServiceStatus: load balancer ingress points and conditions.
//
// Talk 002, the Ghost demo (kubectl expose --type=NodePort) and "CoreDNS": the API server
// (stage 2) allocates clusterIP and nodePort, the endpoint controllers
// (stage 3) track the selected pods (endpoints.go, discovery/v1), and
// kube-proxy (stage 6) programs the node so the virtual IP reaches them.
package corev1

import (
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// ClusterIPNone as spec.clusterIP makes a headless Service: no virtual IP,
// DNS returns the pod IPs directly.
const ClusterIPNone = "None"

// Service is a named, load-balanced set of pods: one stable virtual IP and
// DNS name in front of whichever pods its selector matches at the moment.
type Service struct {
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta holds the Service's name, which is also its DNS name in
	// the namespace, and its labels and annotations.
	metav1.ObjectMeta `json:"metadata,omitempty"`
	// Spec is which pods the Service sends traffic to, on which ports, and
	// how it is reached (its type).
	Spec ServiceSpec `json:"spec,omitempty"`
	// Status is what the cluster reports back, such as the address of a
	// load balancer.
	//
	// Status is a value holding a value, so an empty one is written as
	// "status": {"loadBalancer": {}}, as upstream does.
	Status ServiceStatus `json:"status,omitempty"`
}

// ServiceList is a list of Services.
type ServiceList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Service `json:"items"`
}

// ServiceSpec is the desired behaviour of a Service.
type ServiceSpec struct {
	// Ports are the ports the Service listens on, each forwarded to a
	// port of the selected pods.
	Ports []ServicePort `json:"ports,omitempty" patchStrategy:"merge" patchMergeKey:"port"`
	// Selector picks the pods behind the Service by their labels. Without
	// one the endpoints are managed by someone else (or by hand).
	Selector map[string]string `json:"selector,omitempty"`
	// ClusterIP is allocated by the API server unless given; "None" makes
	// the Service headless. ClusterIPs[0] always equals it.
	ClusterIP  string   `json:"clusterIP,omitempty"`
	ClusterIPs []string `json:"clusterIPs,omitempty"`
	// Type is how the Service is reached: ClusterIP (inside the cluster,
	// the default), NodePort (also on a port of every node), LoadBalancer
	// (also through an external load balancer) or ExternalName (a DNS
	// alias, no proxying).
	Type ServiceType `json:"type,omitempty"`
	// ExternalIPs are extra addresses nodes accept traffic for.
	ExternalIPs []string `json:"externalIPs,omitempty"`
	// SessionAffinity defaults to None.
	SessionAffinity ServiceAffinity `json:"sessionAffinity,omitempty"`
	// LoadBalancerIP is deprecated.
	LoadBalancerIP           string   `json:"loadBalancerIP,omitempty"`
	LoadBalancerSourceRanges []string `json:"loadBalancerSourceRanges,omitempty"`
	// ExternalName is the DNS name an ExternalName Service is a CNAME for.
	ExternalName string `json:"externalName,omitempty"`
	// ExternalTrafficPolicy applies to node ports, external IPs and load
	// balancer IPs; Local keeps the client's source IP but only uses
	// endpoints on the receiving node.
	ExternalTrafficPolicy ServiceExternalTrafficPolicy `json:"externalTrafficPolicy,omitempty"`
	// HealthCheckNodePort serves the node's local-endpoint health for a
	// LoadBalancer Service with ExternalTrafficPolicy Local.
	HealthCheckNodePort int32 `json:"healthCheckNodePort,omitempty"`
	// PublishNotReadyAddresses lists pods as endpoints even when not ready
	// (StatefulSet peer discovery).
	PublishNotReadyAddresses bool                   `json:"publishNotReadyAddresses,omitempty"`
	SessionAffinityConfig    *SessionAffinityConfig `json:"sessionAffinityConfig,omitempty"`
	// IPFamilies and IPFamilyPolicy are defaulted from the cluster's
	// configuration; a single-stack IPv4 cluster writes [IPv4] and
	// SingleStack.
	IPFamilies     []IPFamily      `json:"ipFamilies,omitempty"`
	IPFamilyPolicy *IPFamilyPolicy `json:"ipFamilyPolicy,omitempty"`
	// AllocateLoadBalancerNodePorts defaults to true for LoadBalancer
	// Services and must be unset for other types.
	AllocateLoadBalancerNodePorts *bool `json:"allocateLoadBalancerNodePorts,omitempty"`
	// InternalTrafficPolicy applies to the cluster IP; defaults to Cluster.
	InternalTrafficPolicy *ServiceInternalTrafficPolicy `json:"internalTrafficPolicy,omitempty"`
}

// ServicePort is one port of a Service.
type ServicePort struct {
	// Name is required when there is more than one port; it must match the
	// name of the corresponding endpoint port.
	Name     string   `json:"name,omitempty"`
	Protocol Protocol `json:"protocol,omitempty"`
	// AppProtocol is a hint such as "http" or "kubernetes.io/h2c".
	AppProtocol *string `json:"appProtocol,omitempty"`
	// Port is the port the Service listens on.
	Port int32 `json:"port"`
	// TargetPort is the port of the pods that traffic goes to: a number,
	// or the name of a container port; it defaults to port.
	TargetPort intstr.IntOrString `json:"targetPort,omitempty"`
	// NodePort is allocated from the node port range (30000-32767) for
	// NodePort and LoadBalancer Services unless given.
	NodePort int32 `json:"nodePort,omitempty"`
}

// ServiceType is how a Service is exposed.
type ServiceType string

// The Service types; each builds on the one before, except ExternalName.
const (
	// ServiceTypeClusterIP: reachable inside the cluster on the cluster IP.
	ServiceTypeClusterIP ServiceType = "ClusterIP"
	// ServiceTypeNodePort: also on a port of every node.
	ServiceTypeNodePort ServiceType = "NodePort"
	// ServiceTypeLoadBalancer: also through an external load balancer.
	ServiceTypeLoadBalancer ServiceType = "LoadBalancer"
	// ServiceTypeExternalName: only a DNS CNAME, no proxying.
	ServiceTypeExternalName ServiceType = "ExternalName"
)

// ServiceAffinity is the session affinity of a Service.
type ServiceAffinity string

// The session affinities.
const (
	// ServiceAffinityClientIP sends a client to the same endpoint for
	// SessionAffinityConfig.ClientIP.TimeoutSeconds.
	ServiceAffinityClientIP ServiceAffinity = "ClientIP"
	ServiceAffinityNone     ServiceAffinity = "None"
)

// DefaultClientIPServiceAffinitySeconds is the default ClientIP affinity
// timeout: three hours.
const DefaultClientIPServiceAffinitySeconds int32 = 10800

// SessionAffinityConfig configures session affinity.
type SessionAffinityConfig struct {
	ClientIP *ClientIPConfig `json:"clientIP,omitempty"`
}

// ClientIPConfig configures ClientIP session affinity.
type ClientIPConfig struct {
	// TimeoutSeconds is in (0, 86400]; default 10800.
	TimeoutSeconds *int32 `json:"timeoutSeconds,omitempty"`
}

// ServiceExternalTrafficPolicy routes traffic arriving at a node port,
// external IP or load balancer IP.
type ServiceExternalTrafficPolicy string

// The external traffic policies.
const (
	ServiceExternalTrafficPolicyCluster ServiceExternalTrafficPolicy = "Cluster"
	ServiceExternalTrafficPolicyLocal   ServiceExternalTrafficPolicy = "Local"
)

// ServiceInternalTrafficPolicy routes traffic sent to the cluster IP.
type ServiceInternalTrafficPolicy string

// The internal traffic policies.
const (
	ServiceInternalTrafficPolicyCluster ServiceInternalTrafficPolicy = "Cluster"
	ServiceInternalTrafficPolicyLocal   ServiceInternalTrafficPolicy = "Local"
)

// IPFamily is an IP address family.
type IPFamily string

// The IP families.
const (
	IPv4Protocol    IPFamily = "IPv4"
	IPv6Protocol    IPFamily = "IPv6"
	IPFamilyUnknown IPFamily = ""
)

// IPFamilyPolicy is how many IP families a Service wants.
type IPFamilyPolicy string

// The IP family policies.
const (
	IPFamilyPolicySingleStack      IPFamilyPolicy = "SingleStack"
	IPFamilyPolicyPreferDualStack  IPFamilyPolicy = "PreferDualStack"
	IPFamilyPolicyRequireDualStack IPFamilyPolicy = "RequireDualStack"
)

// ServiceStatus is the observed state of a Service.
type ServiceStatus struct {
	LoadBalancer LoadBalancerStatus `json:"loadBalancer,omitempty"`
	Conditions   []metav1.Condition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
}

// LoadBalancerStatus lists where an external load balancer accepts
// traffic.
type LoadBalancerStatus struct {
	Ingress []LoadBalancerIngress `json:"ingress,omitempty"`
}

// LoadBalancerIngress is one ingress point of a load balancer: an IP or a
// hostname.
type LoadBalancerIngress struct {
	IP       string `json:"ip,omitempty"`
	Hostname string `json:"hostname,omitempty"`
	// IPMode VIP means traffic arrives addressed to the load balancer IP;
	// Proxy means it arrives addressed to the node or pod.
	IPMode *LoadBalancerIPMode `json:"ipMode,omitempty"`
	Ports  []PortStatus        `json:"ports,omitempty"`
}

// LoadBalancerIPMode is how a load balancer delivers traffic.
type LoadBalancerIPMode string

// The load balancer IP modes.
const (
	LoadBalancerIPModeVIP   LoadBalancerIPMode = "VIP"
	LoadBalancerIPModeProxy LoadBalancerIPMode = "Proxy"
)

// PortStatus records a problem with one service port on a load balancer.
type PortStatus struct {
	Port     int32    `json:"port"`
	Protocol Protocol `json:"protocol"`
	Error    *string  `json:"error,omitempty"`
}
