// Network values: port numbers, port names, IP addresses and CIDRs.
//
// Interface:
//   - IsValidPortNum, IsInRange, IsValidPortName return messages ([]string).
//   - IsValidIP, IsValidIPv4Address, IsValidIPv6Address, IsValidCIDR take
//     the field path and return a field.ErrorList, as upstream's do.
//
// Services (spec.ports, spec.clusterIP), Pods (containerPort, podIP) and
// EndpointSlices use these; the networking model is talk 002's.

package validation

import (
	"net"
	"regexp"
	"strconv"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// IsValidPortNum checks a port number: 1 to 65535.
func IsValidPortNum(port int) []string {
	if 1 <= port && port <= 65535 {
		return nil
	}
	return []string{InclusiveRangeError(1, 65535)}
}

// IsInRange checks that value lies in [min, max].
func IsInRange(value, min, max int) []string {
	if min <= value && value <= max {
		return nil
	}
	return []string{InclusiveRangeError(min, max)}
}

var (
	portNameCharsetRegexp = regexp.MustCompile("^[-a-z0-9]+$")
	portNameOneLetter     = regexp.MustCompile("[a-z]")
)

// IsValidPortName checks a named port ("http", "metrics"): an IANA service
// name of at most 15 characters from [-a-z0-9], with at least one letter,
// no leading or trailing hyphen and no "--". Each broken rule gives its own
// message.
func IsValidPortName(port string) []string {
	var errs []string
	if len(port) > 15 {
		errs = append(errs, MaxLenError(15))
	}
	if !portNameCharsetRegexp.MatchString(port) {
		errs = append(errs, "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
	}
	if !portNameOneLetter.MatchString(port) {
		errs = append(errs, "must contain at least one letter (a-z)")
	}
	if strings.Contains(port, "--") {
		errs = append(errs, "must not contain consecutive hyphens")
	}
	if len(port) > 0 && (port[0] == '-' || port[len(port)-1] == '-') {
		errs = append(errs, "must not begin or end with a hyphen")
	}
	return errs
}

// IsValidIP checks an IPv4 or IPv6 address. Like upstream it is "sloppy":
// IPv4 octets with leading zeros ("010.1.1.1") are accepted and read as
// decimal, because objects stored by old clusters contain them.
func IsValidIP(fldPath *field.Path, value string) field.ErrorList {
	if parseIPSloppy(value) == nil {
		return field.ErrorList{field.Invalid(fldPath, value, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")}
	}
	return nil
}

// IsValidIPv4Address checks an IPv4 address.
func IsValidIPv4Address(fldPath *field.Path, value string) field.ErrorList {
	ip := parseIPSloppy(value)
	if ip == nil || ip.To4() == nil {
		return field.ErrorList{field.Invalid(fldPath, value, "must be a valid IPv4 address")}
	}
	return nil
}

// IsValidIPv6Address checks an IPv6 address.
func IsValidIPv6Address(fldPath *field.Path, value string) field.ErrorList {
	ip := parseIPSloppy(value)
	if ip == nil || ip.To4() != nil {
		return field.ErrorList{field.Invalid(fldPath, value, "must be a valid IPv6 address")}
	}
	return nil
}

// IsValidCIDR checks a CIDR such as "10.96.0.0/12" or "2001:db8::/64"; the
// address part may be written sloppily as for IsValidIP.
func IsValidCIDR(fldPath *field.Path, value string) field.ErrorList {
	addr, bits, ok := strings.Cut(value, "/")
	if ok {
		if ip := parseIPSloppy(addr); ip != nil {
			if _, _, err := net.ParseCIDR(ip.String() + "/" + bits); err == nil {
				return nil
			}
		}
	}
	return field.ErrorList{field.Invalid(fldPath, value, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")}
}

// parseIPSloppy is net.ParseIP that also reads dotted IPv4 octets with
// leading zeros as decimal, which Go's parser (since 1.17) refuses.
func parseIPSloppy(s string) net.IP {
	if ip := net.ParseIP(s); ip != nil {
		return ip
	}
	if strings.Contains(s, ":") {
		return nil
	}
	octets := strings.Split(s, ".")
	if len(octets) != 4 {
		return nil
	}
	ip := make(net.IP, 0, 4)
	for _, o := range octets {
		if o == "" || len(o) > 3 || strings.TrimLeft(o, "0123456789") != "" {
			return nil
		}
		n, err := strconv.Atoi(o)
		if err != nil || n > 255 {
			return nil
		}
		ip = append(ip, byte(n))
	}
	return net.IPv4(ip[0], ip[1], ip[2], ip[3])
}
