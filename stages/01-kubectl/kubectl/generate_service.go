// Generator for `kubectl expose`: an existing object in, a v1 Service out.
//
// Interface:
//   - ServiceParams are expose's flags after introspection filled the gaps.
//   - GenerateService builds the Service as upstream's ServiceGeneratorV2:
//     one port per --port (several ports from the object are named
//     port-1, port-2, ...), targetPort = --target-port or the port itself,
//     protocol TCP unless the object or --protocol says otherwise.
//   - CanBeExposed, SelectorForObject, PortsForObject, ProtocolsForObject
//     read a fetched object (as a map) the way upstream's polymorphic
//     helpers read typed ones.
//
// Talk 002, "Ghost demo": `kubectl expose deployment ghost --port=2368
// --type=NodePort`.

package kubectl

import (
	"fmt"
	"strconv"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

// ServiceParams are the inputs of the Service generator.
type ServiceParams struct {
	Name     string
	Selector map[string]string // required: which pods receive traffic
	Labels   map[string]string // the Service's own labels
	// Ports are the service ports; a single one stays unnamed, several
	// get generated names.
	Ports []int32
	// Protocol overrides every port's protocol; Protocols maps a port
	// (as text) to the protocol the exposed object declares for it.
	Protocol  corev1.Protocol
	Protocols map[string]corev1.Protocol
	// TargetPort is a number or a named container port; empty means
	// "the same as the port".
	TargetPort      string
	Type            corev1.ServiceType
	ClusterIP       string
	ExternalIP      string
	LoadBalancerIP  string
	SessionAffinity corev1.ServiceAffinity
	Namespace       string
}

// GenerateService returns the Service expose sends.
func GenerateService(p ServiceParams) *corev1.Service {
	svc := &corev1.Service{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Service"},
		ObjectMeta: metav1.ObjectMeta{Name: p.Name, Namespace: p.Namespace, Labels: p.Labels},
		Spec: corev1.ServiceSpec{
			Selector:        p.Selector,
			Type:            p.Type,
			ClusterIP:       p.ClusterIP,
			SessionAffinity: p.SessionAffinity,
		},
	}
	for i, port := range p.Ports {
		name := ""
		if len(p.Ports) > 1 {
			name = fmt.Sprintf("port-%d", i+1)
		}
		protocol := p.Protocol
		if protocol == "" {
			protocol = corev1.ProtocolTCP
			if declared, ok := p.Protocols[strconv.Itoa(int(port))]; ok {
				protocol = declared
			}
		}
		target := intstr.FromInt32(port)
		if p.TargetPort != "" {
			target = intstr.Parse(p.TargetPort)
		}
		svc.Spec.Ports = append(svc.Spec.Ports, corev1.ServicePort{
			Name: name, Port: port, Protocol: protocol, TargetPort: target,
		})
	}
	if p.ExternalIP != "" {
		svc.Spec.ExternalIPs = []string{p.ExternalIP}
	}
	if p.Type == corev1.ServiceTypeLoadBalancer {
		svc.Spec.LoadBalancerIP = p.LoadBalancerIP
	}
	return svc
}

// CanBeExposed reports whether expose knows how to find pods behind an
// object of this group and kind; the error is upstream's "cannot expose a
// Kind.group".
func CanBeExposed(gk metav1.GroupKind) error {
	switch gk {
	case metav1.GroupKind{Kind: "ReplicationController"},
		metav1.GroupKind{Kind: "Service"},
		metav1.GroupKind{Kind: "Pod"},
		metav1.GroupKind{Group: "apps", Kind: "Deployment"},
		metav1.GroupKind{Group: "apps", Kind: "ReplicaSet"}:
		return nil
	}
	return fmt.Errorf("cannot expose a %s", gk)
}

// SelectorForObject returns the label selector that picks the pods behind
// obj: a Pod's own labels, a Service's or ReplicationController's
// spec.selector, a Deployment's or ReplicaSet's spec.selector.matchLabels.
// A selector with matchExpressions cannot be written as a Service selector
// and is an error.
func SelectorForObject(obj map[string]any) (map[string]string, error) {
	switch unstructured.Kind(obj) {
	case "Pod":
		if labels := unstructured.Labels(obj); len(labels) > 0 {
			return labels, nil
		}
		return nil, fmt.Errorf("the pod has no labels and cannot be exposed")
	case "Service", "ReplicationController":
		if sel, ok := unstructured.NestedStringMap(obj, "spec", "selector"); ok && len(sel) > 0 {
			return sel, nil
		}
		return nil, fmt.Errorf("the %s has no selector and cannot be exposed", unstructured.Kind(obj))
	case "Deployment", "ReplicaSet":
		if exprs, ok := unstructured.NestedSlice(obj, "spec", "selector", "matchExpressions"); ok && len(exprs) > 0 {
			return nil, fmt.Errorf("couldn't convert expressions - %v to map-based selector format", exprs)
		}
		if sel, ok := unstructured.NestedStringMap(obj, "spec", "selector", "matchLabels"); ok && len(sel) > 0 {
			return sel, nil
		}
		return nil, fmt.Errorf("invalid %s: no selectors, therefore cannot be exposed", unstructured.Kind(obj))
	}
	return nil, fmt.Errorf("cannot extract pod selector from %s", unstructured.Kind(obj))
}

// PortsForObject lists the ports obj declares, in order: the container
// ports of a Pod or of a controller's pod template, or a Service's ports.
func PortsForObject(obj map[string]any) []int32 {
	var ports []int32
	for _, p := range declaredPorts(obj) {
		ports = append(ports, p.port)
	}
	return ports
}

// ProtocolsForObject maps each declared port (as text) to its protocol.
func ProtocolsForObject(obj map[string]any) map[string]corev1.Protocol {
	out := map[string]corev1.Protocol{}
	for _, p := range declaredPorts(obj) {
		out[strconv.Itoa(int(p.port))] = p.protocol
	}
	return out
}

type declaredPort struct {
	port     int32
	protocol corev1.Protocol
}

func declaredPorts(obj map[string]any) []declaredPort {
	var out []declaredPort
	add := func(m map[string]any, key string) {
		n, ok := unstructured.NestedInt64(m, key)
		if !ok {
			return
		}
		proto, _ := unstructured.NestedString(m, "protocol")
		if proto == "" {
			proto = string(corev1.ProtocolTCP)
		}
		out = append(out, declaredPort{port: int32(n), protocol: corev1.Protocol(proto)})
	}
	if unstructured.Kind(obj) == "Service" {
		ports, _ := unstructured.NestedSlice(obj, "spec", "ports")
		for _, p := range ports {
			if m, ok := p.(map[string]any); ok {
				add(m, "port")
			}
		}
		return out
	}
	specPath := []string{"spec", "template", "spec"}
	if unstructured.Kind(obj) == "Pod" {
		specPath = []string{"spec"}
	}
	containers, _ := unstructured.NestedSlice(obj, append(specPath, "containers")...)
	for _, c := range containers {
		cm, ok := c.(map[string]any)
		if !ok {
			continue
		}
		ports, _ := unstructured.NestedSlice(cm, "ports")
		for _, p := range ports {
			if m, ok := p.(map[string]any); ok {
				add(m, "containerPort")
			}
		}
	}
	return out
}
