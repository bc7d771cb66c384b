// Endpoints and EndpointSlices: the addresses behind a Service.
//
// Interface:
//   - validateEndpoints: core/v1 Endpoints, subsets of addresses × ports.
//   - validateEndpointSlice: discovery/v1 EndpointSlices.
//   - nonSpecialIP: an address a proxy may send traffic to (not 0.0.0.0,
//     loopback or link-local); also used for Service externalIPs.
//
// Talk 002, "Endpoints Controller": the endpoint controllers (stage 3)
// write these from the pods a Service selects.

package validation

import (
	"fmt"
	"net"
	"slices"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	discoveryv1 "github.com/kubeworkbook/kubeworkbook/shared/api/discovery/v1"
	sharedvalidation "github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

func validateEndpoints(ep *corev1.Endpoints) field.ErrorList {
	errs := objectMeta(ep, nameIsDNSSubdomain)
	subsets := field.NewPath("subsets")
	for i, ss := range ep.Subsets {
		idx := subsets.Index(i)
		// A headless Service's endpoints may have no ports, but every
		// subset needs an address.
		if len(ss.Addresses) == 0 && len(ss.NotReadyAddresses) == 0 {
			errs = append(errs, field.Required(idx, "must specify `addresses` or `notReadyAddresses`"))
		}
		for j := range ss.Addresses {
			errs = append(errs, endpointAddress(&ss.Addresses[j], idx.Child("addresses").Index(j))...)
		}
		for j := range ss.NotReadyAddresses {
			errs = append(errs, endpointAddress(&ss.NotReadyAddresses[j], idx.Child("notReadyAddresses").Index(j))...)
		}
		for j, p := range ss.Ports {
			pp := idx.Child("ports").Index(j)
			if len(ss.Ports) > 1 && p.Name == "" {
				errs = append(errs, field.Required(pp.Child("name"), ""))
			} else if p.Name != "" {
				errs = append(errs, dns1123Label(p.Name, pp.Child("name"))...)
			}
			errs = append(errs, invalidEach(pp.Child("port"), p.Port, sharedvalidation.IsValidPortNum(int(p.Port)))...)
			errs = append(errs, protocol(p.Protocol, pp.Child("protocol"))...)
			if p.AppProtocol != nil {
				errs = append(errs, qualifiedName(*p.AppProtocol, pp.Child("appProtocol"))...)
			}
		}
	}
	return errs
}

// endpointAddress checks one address. Upstream reports an unparsable IP
// twice (once as invalid, once as not a usable address); it is reported
// once here.
func endpointAddress(a *corev1.EndpointAddress, path *field.Path) field.ErrorList {
	errs := sharedvalidation.IsValidIP(path.Child("ip"), a.IP)
	if a.Hostname != "" {
		errs = append(errs, dns1123Label(a.Hostname, path.Child("hostname"))...)
	}
	if a.NodeName != nil {
		errs = append(errs, nameRule(validateNodeName, *a.NodeName, path.Child("nodeName"))...)
	}
	return append(errs, nonSpecialIP(a.IP, path.Child("ip"))...)
}

// nonSpecialIP rejects addresses no Service may send traffic to: the
// unspecified address, loopback (it would reach the proxy's own node)
// and link-local ranges (used for node services such as cloud metadata).
func nonSpecialIP(addr string, path *field.Path) field.ErrorList {
	ip := net.ParseIP(addr)
	if ip == nil {
		return nil
	}
	var errs field.ErrorList
	if ip.IsUnspecified() {
		errs = append(errs, field.Invalid(path, addr, fmt.Sprintf("may not be unspecified (%v)", addr)))
	}
	if ip.IsLoopback() {
		errs = append(errs, field.Invalid(path, addr, "may not be in the loopback range (127.0.0.0/8, ::1/128)"))
	}
	if ip.IsLinkLocalUnicast() {
		errs = append(errs, field.Invalid(path, addr, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"))
	}
	if ip.IsLinkLocalMulticast() {
		errs = append(errs, field.Invalid(path, addr, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"))
	}
	return errs
}

// addressTypes are the EndpointSlice address types, sorted.
var addressTypes = []discoveryv1.AddressType{discoveryv1.AddressTypeFQDN, discoveryv1.AddressTypeIPv4, discoveryv1.AddressTypeIPv6}

func validateEndpointSlice(es *discoveryv1.EndpointSlice) field.ErrorList {
	errs := objectMeta(es, nameIsDNSSubdomain)
	errs = append(errs, oneOf(es.AddressType, field.NewPath("addressType"), addressTypes...)...)
	endpoints := field.NewPath("endpoints")
	for i, e := range es.Endpoints {
		idx := endpoints.Index(i)
		addrs := idx.Child("addresses")
		if len(e.Addresses) == 0 {
			errs = append(errs, field.Required(addrs, "must contain at least 1 address"))
		}
		for j, a := range e.Addresses {
			switch es.AddressType {
			case discoveryv1.AddressTypeIPv4:
				errs = append(errs, sharedvalidation.IsValidIPv4Address(addrs.Index(j), a)...)
				errs = append(errs, nonSpecialIP(a, addrs.Index(j))...)
			case discoveryv1.AddressTypeIPv6:
				errs = append(errs, sharedvalidation.IsValidIPv6Address(addrs.Index(j), a)...)
				errs = append(errs, nonSpecialIP(a, addrs.Index(j))...)
			case discoveryv1.AddressTypeFQDN:
				errs = append(errs, isFullyQualifiedDomainName(addrs.Index(j), a)...)
			}
		}
		if e.NodeName != nil {
			errs = append(errs, nameRule(validateNodeName, *e.NodeName, idx.Child("nodeName"))...)
		}
		if e.Hostname != nil {
			errs = append(errs, dns1123Label(*e.Hostname, idx.Child("hostname"))...)
		}
		if e.Hints != nil {
			var zones []string
			for j, z := range e.Hints.ForZones {
				zp := idx.Child("hints", "forZones").Index(j).Child("name")
				if slices.Contains(zones, z.Name) {
					errs = append(errs, field.Duplicate(zp, z.Name))
				} else {
					zones = append(zones, z.Name)
				}
				errs = append(errs, invalidEach(zp, z.Name, sharedvalidation.IsValidLabelValue(z.Name))...)
			}
		}
	}
	return append(errs, endpointSlicePorts(es.Ports, field.NewPath("ports"))...)
}

// endpointSlicePorts checks the slice's ports: names unique (nil and ""
// are the same name), a protocol (defaulted to TCP).
func endpointSlicePorts(ports []discoveryv1.EndpointPort, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	var names []string
	for i, p := range ports {
		idx := path.Index(i)
		name := ""
		if p.Name != nil {
			name = *p.Name
		}
		if name != "" {
			errs = append(errs, dns1123Label(name, idx.Child("name"))...)
		}
		if slices.Contains(names, name) {
			errs = append(errs, field.Duplicate(idx.Child("name"), name))
		} else {
			names = append(names, name)
		}
		if p.Protocol == nil {
			errs = append(errs, field.Required(idx.Child("protocol"), ""))
		} else {
			errs = append(errs, oneOfOrUnsupported(*p.Protocol, idx.Child("protocol"), supportedProtocols...)...)
		}
		if p.AppProtocol != nil {
			errs = append(errs, qualifiedName(*p.AppProtocol, idx.Child("appProtocol"))...)
		}
	}
	return errs
}
