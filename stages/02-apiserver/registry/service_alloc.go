// Service allocations: cluster IPs from the service CIDR and node ports
// from the node port range, over two bitmaps (allocator.go).
//
// Interface:
//   - newServiceAllocator(store, cidr, portRange).
//   - (*serviceAllocator).takeIP, takeNodePorts: what a Service asks for,
//     as 422 Invalid errors in upstream's words when it cannot have it.
//   - held(svc), release(held): what a Service holds, and giving it back.
//
// The strategy (strategy_service.go) decides when to call these.
package registry

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"k8s.io/klog/v2"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// serviceAllocator hands out cluster IPs and node ports.
type serviceAllocator struct {
	cidr  netip.Prefix
	first uint32 // the address of offset 0: the network address + 1
	ips   *bitmap
	// portRange is "30000-32767"; portBase the first port.
	portRange string
	portBase  int
	ports     *bitmap
}

// newServiceAllocator parses the service CIDR (IPv4, at most /30) and the
// node port range ("first-last").
func newServiceAllocator(store *storage.Store, cidr, portRange string) (*serviceAllocator, error) {
	prefix, err := netip.ParsePrefix(cidr)
	if err != nil || !prefix.Addr().Is4() || prefix.Bits() > 30 {
		return nil, fmt.Errorf("service cluster IP range %q: must be an IPv4 CIDR of at most /30, such as 10.96.0.0/12", cidr)
	}
	prefix = prefix.Masked()
	// The network and broadcast addresses are never handed out.
	size := 1<<(32-prefix.Bits()) - 2
	first, last, ok := strings.Cut(portRange, "-")
	base, err1 := strconv.Atoi(first)
	end, err2 := strconv.Atoi(last)
	if !ok || err1 != nil || err2 != nil || base < 1 || end > 65535 || end < base {
		return nil, fmt.Errorf("service node port range %q: must be first-last, such as 30000-32767", portRange)
	}
	ports := end - base + 1
	a := &serviceAllocator{
		cidr:      prefix,
		first:     binary.BigEndian.Uint32(prefix.Addr().AsSlice()) + 1,
		portRange: portRange,
		portBase:  base,
	}
	// The static subranges are upstream's: 1/16 of the IPs (16 to 256)
	// and 1/32 of the ports (16 to 128).
	a.ips = newBitmap(store, "serviceips", prefix.String(), size, min(max(16, size/16), 256))
	a.ports = newBitmap(store, "servicenodeports", portRange, ports, min(max(16, ports/32), 128))
	return a, nil
}

// ipOffset returns the offset of addr in the range; false outside it.
func (a *serviceAllocator) ipOffset(addr netip.Addr) (int, bool) {
	if !addr.Is4() || !a.cidr.Contains(addr) {
		return 0, false
	}
	off := int(binary.BigEndian.Uint32(addr.AsSlice())) - int(a.first)
	return off, off >= 0 && off < a.ips.size
}

// ipAt returns the address of an offset.
func (a *serviceAllocator) ipAt(offset int) netip.Addr {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], a.first+uint32(offset))
	return netip.AddrFrom4(b)
}

// held returns the offsets of svc's cluster IPs and the node ports it
// holds in the ranges; nil holds nothing.
func (a *serviceAllocator) held(svc *corev1.Service) held {
	var h held
	if svc == nil {
		return h
	}
	ips := svc.Spec.ClusterIPs
	if len(ips) == 0 && svc.Spec.ClusterIP != "" {
		ips = []string{svc.Spec.ClusterIP}
	}
	for _, ip := range ips {
		if addr, ok := parseIP(ip); ok {
			if off, in := a.ipOffset(addr); in {
				h.ips = append(h.ips, off)
			}
		}
	}
	add := func(port int32) {
		if off := int(port) - a.portBase; port != 0 && off >= 0 && off < a.ports.size && !slices.Contains(h.ports, off) {
			h.ports = append(h.ports, off)
		}
	}
	for _, p := range svc.Spec.Ports {
		add(p.NodePort)
	}
	add(svc.Spec.HealthCheckNodePort)
	return h
}

// release gives h back. A failure leaks the values until an operator
// repairs the bitmap (upstream runs a repair loop for this); it is
// logged, not returned, because the Service write it follows has already
// happened.
func (a *serviceAllocator) release(ctx context.Context, h held) {
	if err := a.ips.release(ctx, h.ips...); err != nil {
		klog.ErrorS(err, "Failed to release service IPs", "offsets", h.ips)
	}
	if err := a.ports.release(ctx, h.ports...); err != nil {
		klog.ErrorS(err, "Failed to release node ports", "offsets", h.ports)
	}
}

// takeIP takes svc's cluster IP: the requested one, or the next free one
// when spec.clusterIP is empty (then written into spec). It returns the
// offset taken, or -1 when before already holds it or the IP is not one
// (validation reports that).
func (a *serviceAllocator) takeIP(ctx context.Context, svc *corev1.Service, before held, dryRun bool) (int, error) {
	spec := &svc.Spec
	if spec.ClusterIP == "" {
		off, err := a.ips.allocateNext(ctx, dryRun)
		if err != nil {
			return -1, apierrors.NewInternalError(fmt.Errorf("failed to allocate a serviceIP: %v", err))
		}
		ip := a.ipAt(off).String()
		spec.ClusterIP, spec.ClusterIPs = ip, []string{ip}
		return off, nil
	}
	addr, ok := parseIP(spec.ClusterIP)
	if !ok {
		return -1, nil
	}
	invalid := func(why string) error {
		return serviceInvalid(svc, field.Invalid(field.NewPath("spec", "clusterIPs"), spec.ClusterIPs,
			fmt.Sprintf("failed to allocate IP %v: %s", spec.ClusterIP, why)))
	}
	off, in := a.ipOffset(addr)
	if !in {
		return -1, invalid(fmt.Sprintf("the provided IP (%v) is not in the valid range. The range of valid IPs is %s", spec.ClusterIP, a.cidr))
	}
	if slices.Contains(before.ips, off) {
		return -1, nil
	}
	if err := a.ips.allocate(ctx, off, dryRun); errors.Is(err, errAllocated) {
		return -1, invalid("provided IP is already allocated")
	} else if err != nil {
		return -1, apierrors.NewInternalError(fmt.Errorf("failed to allocate IP %v: %v", spec.ClusterIP, err))
	}
	return off, nil
}

// takeNodePorts takes the node ports svc needs that before does not
// hold: each requested one, then a free one for every port without, and
// the health check node port. It returns the offsets taken, also on
// error, so the caller can give them back.
func (a *serviceAllocator) takeNodePorts(ctx context.Context, svc *corev1.Service, before held, dryRun bool) ([]int, error) {
	var taken []int
	take := func(port *int32, path *field.Path) error {
		if *port == 0 {
			off, err := a.ports.allocateNext(ctx, dryRun)
			if err != nil {
				return apierrors.NewInternalError(fmt.Errorf("failed to allocate a nodePort: %v", err))
			}
			taken = append(taken, off)
			*port = int32(a.portBase + off)
			return nil
		}
		off := int(*port) - a.portBase
		if slices.Contains(before.ports, off) || slices.Contains(taken, off) {
			return nil // held already, or the same port for another protocol
		}
		err := a.ports.allocate(ctx, off, dryRun)
		switch {
		case errors.Is(err, errNotInRange):
			return serviceInvalid(svc, field.Invalid(path, *port,
				"provided port is not in the valid range. The range of valid ports is "+a.portRange))
		case errors.Is(err, errAllocated):
			return serviceInvalid(svc, field.Invalid(path, *port, "provided port is already allocated"))
		case err != nil:
			return apierrors.NewInternalError(fmt.Errorf("failed to allocate node port %d: %v", *port, err))
		}
		taken = append(taken, off)
		return nil
	}
	ports := field.NewPath("spec", "ports")
	if needsNodePorts(svc) {
		// Requested ports first, so a free one picked for another port
		// cannot take a requested one.
		for _, requested := range []bool{true, false} {
			for i := range svc.Spec.Ports {
				p := &svc.Spec.Ports[i]
				if (p.NodePort != 0) == requested {
					if err := take(&p.NodePort, ports.Index(i).Child("nodePort")); err != nil {
						return taken, err
					}
				}
			}
		}
	}
	if needsHealthCheckNodePort(svc) {
		if err := take(&svc.Spec.HealthCheckNodePort, field.NewPath("spec", "healthCheckNodePort")); err != nil {
			return taken, err
		}
	}
	return taken, nil
}

// serviceInvalid is a 422 about svc with one cause.
func serviceInvalid(svc *corev1.Service, err *field.Error) error {
	return apierrors.NewInvalid(metav1.GroupKind{Kind: "Service"}, svc.Name, field.ErrorList{err})
}
