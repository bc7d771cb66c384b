package registry_test

import (
	"fmt"
	"net/netip"
	"sync"
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

func newService(name string, typ corev1.ServiceType, clusterIP string, nodePort int32) *corev1.Service {
	return &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"},
		Spec: corev1.ServiceSpec{
			Type:      typ,
			ClusterIP: clusterIP,
			Selector:  map[string]string{"app": name},
			Ports:     []corev1.ServicePort{{Name: "http", Port: 80, NodePort: nodePort}},
		},
	}
}

var serviceCIDR = netip.MustParsePrefix(registry.DefaultServiceCIDR)

// Talk 002, "NodePort / LoadBalancer": the server gives a Service a
// cluster IP from the service range and, for NodePort, a port from
// 30000-32767 on every node.
func TestServiceAllocation(t *testing.T) {
	e := newEnv(t)
	svcs := e.storage(t, "", "services")
	a := create(t, svcs, newService("a", corev1.ServiceTypeClusterIP, "", 0))
	b := create(t, svcs, newService("b", corev1.ServiceTypeNodePort, "", 0))
	for _, s := range []*corev1.Service{a, b} {
		ip, err := netip.ParseAddr(s.Spec.ClusterIP)
		if err != nil || !serviceCIDR.Contains(ip) || len(s.Spec.ClusterIPs) != 1 || s.Spec.ClusterIPs[0] != s.Spec.ClusterIP {
			t.Errorf("%s: clusterIP %q clusterIPs %v, want one IP in %s", s.Name, s.Spec.ClusterIP, s.Spec.ClusterIPs, serviceCIDR)
		}
		if len(s.Spec.IPFamilies) != 1 || s.Spec.IPFamilies[0] != corev1.IPv4Protocol || *s.Spec.IPFamilyPolicy != corev1.IPFamilyPolicySingleStack {
			t.Errorf("%s: ipFamilies %v policy %v, want IPv4 SingleStack", s.Name, s.Spec.IPFamilies, s.Spec.IPFamilyPolicy)
		}
	}
	if a.Spec.ClusterIP == b.Spec.ClusterIP {
		t.Errorf("both services got %s", a.Spec.ClusterIP)
	}
	if p := b.Spec.Ports[0].NodePort; p < 30000 || p > 32767 {
		t.Errorf("nodePort %d, want one in 30000-32767", p)
	}
	if a.Spec.Ports[0].NodePort != 0 {
		t.Errorf("a ClusterIP service got nodePort %d", a.Spec.Ports[0].NodePort)
	}
	headless := create(t, svcs, newService("h", corev1.ServiceTypeClusterIP, corev1.ClusterIPNone, 0))
	if headless.Spec.ClusterIP != corev1.ClusterIPNone {
		t.Errorf("headless clusterIP %q, want None", headless.Spec.ClusterIP)
	}
}

// What a client asks for it gets, or a 422 naming the field, in
// upstream's words.
func TestServiceAllocationErrors(t *testing.T) {
	e := newEnv(t)
	svcs := e.storage(t, "", "services")
	create(t, svcs, newService("taken", corev1.ServiceTypeNodePort, "10.96.0.10", 30080))
	tests := []struct {
		name    string
		svc     *corev1.Service
		message string
	}{
		{"IP outside the range", newService("x", corev1.ServiceTypeClusterIP, "10.0.0.1", 0),
			`spec.clusterIPs: Invalid value: .*failed to allocate IP 10.0.0.1: the provided IP \(10.0.0.1\) is not in the valid range. The range of valid IPs is 10.96.0.0/12`},
		{"IP taken", newService("x", corev1.ServiceTypeClusterIP, "10.96.0.10", 0),
			`failed to allocate IP 10.96.0.10: provided IP is already allocated`},
		{"node port taken", newService("x", corev1.ServiceTypeNodePort, "", 30080),
			`spec.ports\[0\].nodePort: Invalid value: 30080: provided port is already allocated`},
		{"node port outside the range", newService("x", corev1.ServiceTypeNodePort, "", 80),
			`provided port is not in the valid range. The range of valid ports is 30000-32767`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := svcs.Create(t.Context(), "default", tc.svc, registry.CreateOptions{})
			wantStatus(t, err, 422, metav1.StatusReasonInvalid, tc.message)
		})
	}
	// None of the failed creates kept what it took: the free values are
	// still free.
	create(t, svcs, newService("y", corev1.ServiceTypeNodePort, "10.96.0.11", 30081))
}

// A deleted Service gives its IP and ports back; an update keeps what it
// holds when the client leaves it out, and gives back what the new type
// does not use.
func TestServiceReleaseAndUpdate(t *testing.T) {
	e := newEnv(t)
	svcs := e.storage(t, "", "services")
	key := registry.Key{Namespace: "default", Name: "web"}
	create(t, svcs, newService("web", corev1.ServiceTypeNodePort, "10.96.0.20", 30090))

	// A PUT of a manifest without clusterIP and nodePort keeps both.
	out, _, err := svcs.Update(t.Context(), key, replace(newService("web", corev1.ServiceTypeNodePort, "", 0)), registry.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s := out.(*corev1.Service); s.Spec.ClusterIP != "10.96.0.20" || s.Spec.Ports[0].NodePort != 30090 {
		t.Errorf("after PUT: clusterIP %s nodePort %d, want the stored 10.96.0.20 and 30090", s.Spec.ClusterIP, s.Spec.Ports[0].NodePort)
	}
	// NodePort to ClusterIP drops the node port, which is free again.
	out, _, err = svcs.Update(t.Context(), key, modify(func(s *corev1.Service) { s.Spec.Type = corev1.ServiceTypeClusterIP }), registry.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p := out.(*corev1.Service).Spec.Ports[0].NodePort; p != 0 {
		t.Errorf("ClusterIP service kept nodePort %d", p)
	}
	create(t, svcs, newService("other", corev1.ServiceTypeNodePort, "", 30090))
	// Deleting frees the IP.
	if _, _, err := svcs.Delete(t.Context(), key, metav1.DeleteOptions{}, false); err != nil {
		t.Fatal(err)
	}
	create(t, svcs, newService("again", corev1.ServiceTypeClusterIP, "10.96.0.20", 0))
}

// dryRun shows the IP a Service would get and takes nothing.
func TestServiceDryRun(t *testing.T) {
	e := newEnv(t)
	before := e.revision(t)
	out, err := e.storage(t, "", "services").Create(t.Context(), "default", newService("web", corev1.ServiceTypeNodePort, "", 0), registry.CreateOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if s := out.(*corev1.Service); s.Spec.ClusterIP == "" || s.Spec.Ports[0].NodePort == 0 {
		t.Errorf("dry run shows clusterIP %q nodePort %d, want both filled in", s.Spec.ClusterIP, s.Spec.Ports[0].NodePort)
	}
	if after := e.revision(t); after != before {
		t.Errorf("dry run wrote: revision %d -> %d", before, after)
	}
}

// Talk 003, "scaled horizontally": two API servers on one etcd never
// hand out one IP twice; the allocation bitmap is a compare-and-swap.
func TestServiceAllocationConcurrent(t *testing.T) {
	first := newEnv(t)
	second := newEnvOn(t, first.store)
	var wg sync.WaitGroup
	for i := range 16 {
		e := []*env{first, second}[i%2]
		wg.Go(func() {
			svc := newService(fmt.Sprintf("s%d", i), corev1.ServiceTypeNodePort, "", 0)
			if _, err := e.storage(t, "", "services").Create(t.Context(), "default", svc, registry.CreateOptions{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	list, err := first.storage(t, "", "services").List(t.Context(), "default", registry.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ips, ports := map[string]bool{}, map[int32]bool{}
	for _, obj := range list.Items {
		s := obj.(*corev1.Service)
		if ips[s.Spec.ClusterIP] || ports[s.Spec.Ports[0].NodePort] {
			t.Errorf("%s: clusterIP %s or nodePort %d handed out twice", s.Name, s.Spec.ClusterIP, s.Spec.Ports[0].NodePort)
		}
		ips[s.Spec.ClusterIP], ports[s.Spec.Ports[0].NodePort] = true, true
	}
	if len(list.Items) != 16 {
		t.Errorf("%d services, want 16", len(list.Items))
	}
}

func TestNewRejectsBadRanges(t *testing.T) {
	tests := []struct {
		name string
		opts registry.Options
	}{
		{"IPv6 service range", registry.Options{ServiceCIDR: "fd00::/108"}},
		{"not a CIDR", registry.Options{ServiceCIDR: "10.96.0.0"}},
		{"port range backwards", registry.Options{NodePortRange: "32767-30000"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := registry.New(newEnv(t).store, tc.opts); err == nil {
				t.Error("New accepted it")
			}
		})
	}
}
