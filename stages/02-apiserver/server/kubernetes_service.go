// The kubernetes Service: how a pod finds the API server.
//
// Interface:
//   - (*api).ensureKubernetesService(ctx, serviceCIDR, endpoint): create
//     default/kubernetes (the first IP of the service range, port 443)
//     and point its Endpoints and EndpointSlice at endpoint, this server.
//   - firstServiceIP(cidr): 10.96.0.1 for 10.96.0.0/12.
//   - advertisedEndpoint(cfg, addr): the address the endpoints name.
//
// Every pod's service-account kubeconfig and client-go's in-cluster config
// reach the API server at KUBERNETES_SERVICE_HOST, the cluster IP of this
// Service; kube-proxy (stage 6) sends that IP on to the addresses below.
// Upstream's bootstrap controller keeps the three objects; the Service has
// no selector, so no endpoints controller ever touches them. With several
// API servers on one etcd, upstream keeps a lease per server and lists
// them all; here each server writes its own address when it starts, so
// the last one started is the one listed (stage 6 revisits this).
//
// Endpoints may not hold loopback addresses (validation refuses them, as
// upstream's does: a pod's 127.0.0.1 is the pod itself). A server that
// listens on 127.0.0.1 only, as this project's do, therefore publishes
// the Service without endpoints until --advertise-address names an
// address pods can reach.
package server

import (
	"context"
	"fmt"
	"net/netip"
	"slices"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	discoveryv1 "github.com/kubeworkbook/kubeworkbook/shared/api/discovery/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
	"k8s.io/klog/v2"
)

// The names and labels upstream gives the objects.
const (
	kubernetesServiceName = "kubernetes"
	kubernetesServicePort = 443
	kubernetesPortName    = "https"
	// skipMirrorLabel keeps the EndpointSliceMirroring controller away
	// from an Endpoints object whose slice the server writes itself.
	skipMirrorLabel   = "endpointslice.kubernetes.io/skip-mirror"
	serviceNameLabel  = "kubernetes.io/service-name"
	fieldManagerOwner = "kube-apiserver"
)

// firstServiceIP returns the first usable address of an IPv4 range: the
// address the kubernetes Service always gets.
func firstServiceIP(cidr string) (netip.Addr, error) {
	prefix, err := netip.ParsePrefix(cidr)
	if err != nil || !prefix.Addr().Is4() {
		return netip.Addr{}, fmt.Errorf("service cluster IP range %q: must be an IPv4 CIDR such as 10.96.0.0/12", cidr)
	}
	return prefix.Masked().Addr().Next(), nil
}

// advertisedEndpoint is where pods reach the server: --advertise-address
// (the server's own address when unset) on the port it listens on, addr.
func advertisedEndpoint(cfg *Config, addr string) (netip.AddrPort, error) {
	ap, err := netip.ParseAddrPort(addr)
	if err != nil {
		return netip.AddrPort{}, fmt.Errorf("parse the server address %q: %w", addr, err)
	}
	if cfg.AdvertiseAddress == "" {
		return ap, nil
	}
	ip, err := netip.ParseAddr(cfg.AdvertiseAddress)
	if err != nil {
		return netip.AddrPort{}, fmt.Errorf("--advertise-address %q: %w", cfg.AdvertiseAddress, err)
	}
	return netip.AddrPortFrom(ip, ap.Port()), nil
}

// ensureKubernetesService creates default/kubernetes if it is missing and
// makes its Endpoints and EndpointSlice name endpoint. It is idempotent:
// a server restarting on the same etcd changes nothing that is right.
func (a *api) ensureKubernetesService(ctx context.Context, serviceCIDR string, endpoint netip.AddrPort) error {
	ip, err := firstServiceIP(serviceCIDR)
	if err != nil {
		return err
	}
	svc := &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{
			Name:      kubernetesServiceName,
			Namespace: corev1.NamespaceDefault,
			Labels:    map[string]string{"component": "apiserver", "provider": "kubernetes"},
		},
		Spec: corev1.ServiceSpec{
			ClusterIP:       ip.String(),
			ClusterIPs:      []string{ip.String()},
			Type:            corev1.ServiceTypeClusterIP,
			SessionAffinity: corev1.ServiceAffinityNone,
			Ports: []corev1.ServicePort{{
				Name:       kubernetesPortName,
				Protocol:   corev1.ProtocolTCP,
				Port:       kubernetesServicePort,
				TargetPort: intstr.FromInt32(int32(endpoint.Port())),
			}},
		},
	}
	if err := a.createIfMissing(ctx, "", "services", svc); err != nil {
		return err
	}
	if endpoint.Addr().IsLoopback() || endpoint.Addr().IsUnspecified() {
		klog.V(2).Infof("the kubernetes Service has no endpoints: %s is not reachable from pods; set --advertise-address", endpoint.Addr())
		return nil
	}
	if err := a.upsert(ctx, "", "endpoints", kubernetesEndpoints(endpoint)); err != nil {
		return err
	}
	return a.upsert(ctx, "discovery.k8s.io", "endpointslices", kubernetesEndpointSlice(endpoint))
}

// kubernetesEndpoints lists endpoint as the one ready address.
func kubernetesEndpoints(endpoint netip.AddrPort) *corev1.Endpoints {
	return &corev1.Endpoints{
		ObjectMeta: metav1.ObjectMeta{
			Name:      kubernetesServiceName,
			Namespace: corev1.NamespaceDefault,
			Labels:    map[string]string{skipMirrorLabel: "true"},
		},
		Subsets: []corev1.EndpointSubset{{
			Addresses: []corev1.EndpointAddress{{IP: endpoint.Addr().String()}},
			Ports: []corev1.EndpointPort{{
				Name: kubernetesPortName, Port: int32(endpoint.Port()), Protocol: corev1.ProtocolTCP,
			}},
		}},
	}
}

// kubernetesEndpointSlice is kubernetesEndpoints as an EndpointSlice,
// which kube-proxy reads.
func kubernetesEndpointSlice(endpoint netip.AddrPort) *discoveryv1.EndpointSlice {
	name, protocol, port, ready := kubernetesPortName, corev1.ProtocolTCP, int32(endpoint.Port()), true
	return &discoveryv1.EndpointSlice{
		ObjectMeta: metav1.ObjectMeta{
			Name:      kubernetesServiceName,
			Namespace: corev1.NamespaceDefault,
			Labels:    map[string]string{serviceNameLabel: kubernetesServiceName},
		},
		AddressType: discoveryv1.AddressTypeIPv4,
		Endpoints: []discoveryv1.Endpoint{{
			Addresses:  []string{endpoint.Addr().String()},
			Conditions: discoveryv1.EndpointConditions{Ready: &ready},
		}},
		Ports: []discoveryv1.EndpointPort{{Name: &name, Protocol: &protocol, Port: &port}},
	}
}

// createIfMissing creates obj unless an object of its name exists; one
// another server created first counts as done. It looks first: creating
// a Service that exists would fail on its cluster IP, which the existing
// one holds, before the name is checked.
func (a *api) createIfMissing(ctx context.Context, group, resource string, obj metav1.Object) error {
	store, ok := a.registry.reg.Storage(group, resource)
	if !ok {
		return fmt.Errorf("ensure the kubernetes service: no %s storage", resource)
	}
	meta := obj.GetObjectMeta()
	_, err := store.Get(ctx, registry.Key{Namespace: meta.Namespace, Name: meta.Name}, registry.GetOptions{})
	if err == nil {
		return nil
	} else if !apierrors.IsNotFound(err) {
		return fmt.Errorf("get %s %s: %w", resource, meta.Name, err)
	}
	_, err = store.Create(ctx, obj.GetObjectMeta().Namespace, obj, registry.CreateOptions{FieldManager: fieldManagerOwner})
	if err != nil && !apierrors.IsAlreadyExists(err) {
		return fmt.Errorf("create %s %s: %w", resource, obj.GetObjectMeta().Name, err)
	}
	return nil
}

// upsert creates want or, when it exists with other contents, replaces
// its labels and contents with want's (keeping its metadata otherwise).
func (a *api) upsert(ctx context.Context, group, resource string, want metav1.Object) error {
	store, ok := a.registry.reg.Storage(group, resource)
	if !ok {
		return fmt.Errorf("ensure the kubernetes service: no %s storage", resource)
	}
	meta := want.GetObjectMeta()
	key := registry.Key{Namespace: meta.Namespace, Name: meta.Name}
	_, _, err := store.Update(ctx, key, func(_ context.Context, current metav1.Object) (metav1.Object, error) {
		if current == nil {
			return want, nil
		}
		// Keep the stored metadata (uid, resourceVersion, ...) and take
		// everything else from want.
		stored := *current.GetObjectMeta()
		if sameContents(current, want) {
			return current, nil
		}
		stored.Labels = meta.Labels
		*want.GetObjectMeta() = stored
		return want, nil
	}, registry.UpdateOptions{FieldManager: fieldManagerOwner, AllowCreate: true})
	if err != nil {
		return fmt.Errorf("write %s %s: %w", resource, meta.Name, err)
	}
	return nil
}

// sameContents reports whether current already says what want says, so
// that a restart writes nothing.
func sameContents(current, want metav1.Object) bool {
	switch c := current.(type) {
	case *corev1.Endpoints:
		w := want.(*corev1.Endpoints)
		return c.Labels[skipMirrorLabel] == "true" && len(c.Subsets) == 1 && len(w.Subsets) == 1 &&
			slices.Equal(c.Subsets[0].Addresses, w.Subsets[0].Addresses) &&
			slices.Equal(c.Subsets[0].Ports, w.Subsets[0].Ports) && len(c.Subsets[0].NotReadyAddresses) == 0
	case *discoveryv1.EndpointSlice:
		w := want.(*discoveryv1.EndpointSlice)
		return c.Labels[serviceNameLabel] == kubernetesServiceName && len(c.Endpoints) == 1 && len(c.Ports) == 1 &&
			slices.Equal(c.Endpoints[0].Addresses, w.Endpoints[0].Addresses) &&
			c.Ports[0].Port != nil && *c.Ports[0].Port == *w.Ports[0].Port
	}
	return false
}
