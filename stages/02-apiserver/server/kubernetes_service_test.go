package server

import (
	"encoding/json"
	"net/http"
	"net/netip"
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	discoveryv1 "github.com/kubeworkbook/kubeworkbook/shared/api/discovery/v1"
)

// getJSON GETs path from s and decodes the 200 answer into into.
func getJSON(t *testing.T, c *http.Client, s *Server, path string, into any) {
	t.Helper()
	resp, body := do(t, c, s, http.MethodGet, path, "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d: %s", path, resp.StatusCode, body)
	}
	if err := json.Unmarshal([]byte(body), into); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// Talk 004, "kube-proxy" and the in-cluster config: a pod reaches the
// API server at the kubernetes Service's cluster IP, the first address of
// the service range, on port 443. This server listens on loopback, which
// no pod can reach, so the Service has no endpoints yet.
func TestKubernetesService(t *testing.T) {
	cfg := testConfig(t)
	cfg.ServiceClusterIPRange = "10.100.0.0/16"
	s := startServer(t, cfg)
	c := client(t, s)
	port := int32(s.endpoint.Port())

	var svc corev1.Service
	getJSON(t, c, s, "/api/v1/namespaces/default/services/kubernetes", &svc)
	if svc.Spec.ClusterIP != "10.100.0.1" || len(svc.Spec.Ports) != 1 {
		t.Fatalf("service spec = %+v; want cluster IP 10.100.0.1 and one port", svc.Spec)
	}
	p := svc.Spec.Ports[0]
	if p.Name != "https" || p.Port != 443 || p.TargetPort.IntVal != port || p.Protocol != corev1.ProtocolTCP {
		t.Errorf("service port = %+v; want https 443 -> %d/TCP", p, port)
	}
	if svc.Labels["component"] != "apiserver" || svc.Labels["provider"] != "kubernetes" {
		t.Errorf("service labels = %v", svc.Labels)
	}
	for _, path := range []string{
		"/api/v1/namespaces/default/endpoints/kubernetes",
		"/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/kubernetes",
	} {
		if resp, body := do(t, c, s, http.MethodGet, path, ""); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d %s; want 404: a loopback address is not published", path, resp.StatusCode, body)
		}
	}
}

// With an address pods can reach (--advertise-address), the Endpoints and
// the EndpointSlice name it; running again writes nothing, and a server
// elsewhere takes them over. The addresses are only written, never dialed.
func TestKubernetesServiceEndpoints(t *testing.T) {
	cfg := testConfig(t)
	s := startServer(t, cfg)
	c := client(t, s)
	ensure := func(ap string) {
		t.Helper()
		if err := s.api.ensureKubernetesService(t.Context(), cfg.ServiceClusterIPRange, netip.MustParseAddrPort(ap)); err != nil {
			t.Fatal(err)
		}
	}
	ensure("10.0.0.5:6443")

	var ep corev1.Endpoints
	getJSON(t, c, s, "/api/v1/namespaces/default/endpoints/kubernetes", &ep)
	if len(ep.Subsets) != 1 || len(ep.Subsets[0].Addresses) != 1 || ep.Subsets[0].Addresses[0].IP != "10.0.0.5" ||
		len(ep.Subsets[0].Ports) != 1 || ep.Subsets[0].Ports[0].Port != 6443 {
		t.Errorf("endpoints subsets = %+v; want 10.0.0.5:6443", ep.Subsets)
	}
	if ep.Labels["endpointslice.kubernetes.io/skip-mirror"] != "true" {
		t.Errorf("endpoints labels = %v; want skip-mirror", ep.Labels)
	}
	var slice discoveryv1.EndpointSlice
	getJSON(t, c, s, "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/kubernetes", &slice)
	if slice.Labels["kubernetes.io/service-name"] != "kubernetes" || len(slice.Endpoints) != 1 ||
		slice.Endpoints[0].Addresses[0] != "10.0.0.5" || *slice.Ports[0].Port != 6443 {
		t.Errorf("endpoint slice = %+v; want 10.0.0.5:6443 for service kubernetes", slice)
	}

	ensure("10.0.0.5:6443")
	var again corev1.Endpoints
	getJSON(t, c, s, "/api/v1/namespaces/default/endpoints/kubernetes", &again)
	if again.ResourceVersion != ep.ResourceVersion {
		t.Errorf("resourceVersion %s -> %s; a second run must not write", ep.ResourceVersion, again.ResourceVersion)
	}

	ensure("10.0.0.6:6443")
	getJSON(t, c, s, "/api/v1/namespaces/default/endpoints/kubernetes", &again)
	if got := again.Subsets[0].Addresses[0].IP; got != "10.0.0.6" {
		t.Errorf("endpoints address = %s; want 10.0.0.6", got)
	}
}

func TestAdvertisedEndpoint(t *testing.T) {
	cfg := NewConfig()
	if got, err := advertisedEndpoint(cfg, "127.0.0.1:6443"); err != nil || got.String() != "127.0.0.1:6443" {
		t.Errorf("no --advertise-address: %v, %v; want 127.0.0.1:6443", got, err)
	}
	cfg.AdvertiseAddress = "192.168.1.10"
	if got, err := advertisedEndpoint(cfg, "127.0.0.1:6443"); err != nil || got.String() != "192.168.1.10:6443" {
		t.Errorf("--advertise-address 192.168.1.10: %v, %v; want 192.168.1.10:6443", got, err)
	}
}

func TestFirstServiceIP(t *testing.T) {
	tests := []struct{ name, cidr, want string }{
		{"default range", "10.96.0.0/12", "10.96.0.1"},
		{"unmasked", "10.96.5.7/12", "10.96.0.1"},
		{"small", "192.168.10.0/30", "192.168.10.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := firstServiceIP(tt.cidr)
			if err != nil || got.String() != tt.want {
				t.Errorf("firstServiceIP(%q) = %v, %v; want %s", tt.cidr, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "10.96.0.0", "fd00::/108"} {
		if _, err := firstServiceIP(bad); err == nil {
			t.Errorf("firstServiceIP(%q) succeeded; want an error", bad)
		}
	}
}
