// Describing a Service: its selector, addresses, ports and the endpoints
// behind each port.
//
// Interface:
//   - describeService(w, svc, endpoints, events, now) writes upstream's
//     layout. endpoints maps a service port name ("" for an unnamed port)
//     to its "ip:port" addresses, taken from the EndpointSlices labelled
//     kubernetes.io/service-name=NAME (describe.go fetches them).
//   - formatEndpoints renders at most three addresses, then "+ N more...".
//
// Talk 002, "Ghost demo": after `kubectl expose deployment ghost --type=
// NodePort`, describe shows the NodePort the Service got.

package kubectl

import (
	"fmt"
	"strings"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

func describeService(w *prefixWriter, svc *corev1.Service, endpoints map[string][]string, events []corev1.Event, now time.Time) {
	writeObjectMeta(w, svc.ObjectMeta, true)
	writeLabels(w, "Labels", svc.Labels)
	writeAnnotations(w, "Annotations", svc.Annotations)
	selector := labels.FormatLabels(svc.Spec.Selector)
	w.Write(0, "Selector:\t%s\n", selector)
	w.Write(0, "Type:\t%s\n", svc.Spec.Type)
	if svc.Spec.IPFamilyPolicy != nil {
		w.Write(0, "IP Family Policy:\t%s\n", *svc.Spec.IPFamilyPolicy)
	}
	var families []string
	for _, f := range svc.Spec.IPFamilies {
		families = append(families, string(f))
	}
	w.Write(0, "IP Families:\t%s\n", joinOrNone(families, ","))
	w.Write(0, "IP:\t%s\n", svc.Spec.ClusterIP)
	w.Write(0, "IPs:\t%s\n", joinOrNone(svc.Spec.ClusterIPs, ","))
	if len(svc.Spec.ExternalIPs) > 0 {
		w.Write(0, "External IPs:\t%s\n", strings.Join(svc.Spec.ExternalIPs, ","))
	}
	if svc.Spec.LoadBalancerIP != "" {
		w.Write(0, "IP:\t%s\n", svc.Spec.LoadBalancerIP)
	}
	if svc.Spec.ExternalName != "" {
		w.Write(0, "External Name:\t%s\n", svc.Spec.ExternalName)
	}
	if ingress := svc.Status.LoadBalancer.Ingress; len(ingress) > 0 {
		var addrs []string
		for _, in := range ingress {
			if in.IP != "" {
				addrs = append(addrs, in.IP)
			} else {
				addrs = append(addrs, in.Hostname)
			}
		}
		w.Write(0, "LoadBalancer Ingress:\t%s\n", strings.Join(addrs, ", "))
	}
	for _, p := range svc.Spec.Ports {
		name := p.Name
		if name == "" {
			name = "<unset>"
		}
		w.Write(0, "Port:\t%s\t%d/%s\n", name, p.Port, p.Protocol)
		if p.TargetPort.Type == intstr.Int {
			w.Write(0, "TargetPort:\t%d/%s\n", p.TargetPort.IntVal, p.Protocol)
		} else {
			w.Write(0, "TargetPort:\t%s/%s\n", p.TargetPort.StrVal, p.Protocol)
		}
		if p.NodePort != 0 {
			w.Write(0, "NodePort:\t%s\t%d/%s\n", name, p.NodePort, p.Protocol)
		}
		w.Write(0, "Endpoints:\t%s\n", formatEndpoints(endpoints[p.Name]))
	}
	w.Write(0, "Session Affinity:\t%s\n", svc.Spec.SessionAffinity)
	if svc.Spec.ExternalTrafficPolicy != "" {
		w.Write(0, "External Traffic Policy:\t%s\n", svc.Spec.ExternalTrafficPolicy)
	}
	if svc.Spec.InternalTrafficPolicy != nil {
		w.Write(0, "Internal Traffic Policy:\t%s\n", *svc.Spec.InternalTrafficPolicy)
	}
	if svc.Spec.HealthCheckNodePort != 0 {
		w.Write(0, "HealthCheck NodePort:\t%d\n", svc.Spec.HealthCheckNodePort)
	}
	if len(svc.Spec.LoadBalancerSourceRanges) > 0 {
		w.Write(0, "LoadBalancer Source Ranges:\t%s\n", strings.Join(svc.Spec.LoadBalancerSourceRanges, ","))
	}
	writeEvents(w, events, now)
}

// formatEndpoints shows up to three addresses, as upstream does, so a
// Service with a hundred pods still fits on one line.
func formatEndpoints(addrs []string) string {
	const max = 3
	switch {
	case len(addrs) == 0:
		return "<none>"
	case len(addrs) <= max:
		return strings.Join(addrs, ",")
	}
	return fmt.Sprintf("%s + %d more...", strings.Join(addrs[:max], ","), len(addrs)-max)
}

// endpointsFromSlices maps port names to "ip:port" for the ready
// endpoints of EndpointSlices (decoded as maps: only four fields matter).
func endpointsFromSlices(slices []map[string]any) map[string][]string {
	out := map[string][]string{}
	for _, s := range slices {
		ports, _ := unstructured.NestedSlice(s, "ports")
		eps, _ := unstructured.NestedSlice(s, "endpoints")
		for _, p := range ports {
			pm, _ := p.(map[string]any)
			name, _ := unstructured.NestedString(pm, "name")
			port, _ := unstructured.NestedInt64(pm, "port")
			for _, e := range eps {
				em, _ := e.(map[string]any)
				if ready, ok := unstructured.NestedBool(em, "conditions", "ready"); ok && !ready {
					continue
				}
				addrs, _ := unstructured.NestedSlice(em, "addresses")
				for _, a := range addrs {
					if ip, ok := a.(string); ok {
						out[name] = append(out[name], fmt.Sprintf("%s:%d", ip, port))
					}
				}
			}
		}
	}
	return out
}
