package server

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/kubeconfig"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/pki"
)

// readCert parses the PEM certificate in file.
func readCert(t *testing.T, file string) *x509.Certificate {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		t.Fatalf("%s: no PEM block", file)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

// Talk 000, "Server side authentication" and "Client authentication": a
// start leaves the address and an admin kubeconfig that trusts the CA and
// carries an admin certificate; a restart on the same directory keeps the
// CA and serving certificate, so copied kubeconfigs keep working.
func TestStartupFiles(t *testing.T) {
	cfg := testConfig(t)
	s := startServer(t, cfg)
	if !strings.HasPrefix(s.Addr(), "127.0.0.1:") || strings.HasSuffix(s.Addr(), ":0") {
		t.Fatalf("Addr() = %q, want 127.0.0.1 and the port picked for --secure-port 0", s.Addr())
	}
	addr, err := os.ReadFile(filepath.Join(cfg.DataDir, AddressFile))
	if err != nil || string(addr) != s.Addr()+"\n" {
		t.Fatalf("address file = %q, %v; want %q", addr, err, s.Addr()+"\n")
	}
	kc, err := kubeconfig.LoadFile(s.KubeconfigPath())
	if err != nil {
		t.Fatal(err)
	}
	kctx, ok := kc.Context(kc.CurrentContext)
	if !ok {
		t.Fatalf("admin.kubeconfig: no current context %q", kc.CurrentContext)
	}
	cluster, ok1 := kc.Cluster(kctx.Cluster)
	user, ok2 := kc.AuthInfo(kctx.AuthInfo)
	if !ok1 || !ok2 {
		t.Fatalf("admin.kubeconfig: context %q names a missing cluster or user", kc.CurrentContext)
	}
	if cluster.Server != s.URL() {
		t.Errorf("kubeconfig server = %q, want %q", cluster.Server, s.URL())
	}
	leaf, err := pki.Verify(user.ClientCertificateData, cluster.CertificateAuthorityData)
	if err != nil {
		t.Fatalf("admin certificate does not verify against the kubeconfig's CA: %v", err)
	}
	if leaf.Subject.CommonName != "kubernetes-admin" || len(leaf.Subject.Organization) != 1 || leaf.Subject.Organization[0] != "system:masters" {
		t.Errorf("admin certificate subject = %v, want CN=kubernetes-admin,O=system:masters", leaf.Subject)
	}

	caFile := filepath.Join(cfg.DataDir, PKIDir, pki.CACertName)
	servingFile := filepath.Join(cfg.DataDir, PKIDir, pki.APIServerCertAndKeyBaseName+".crt")
	ca, serving := readCert(t, caFile), readCert(t, servingFile)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := os.Stat(filepath.Join(cfg.DataDir, AddressFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("address file after Close: %v, want it removed", err)
	}

	again := startServer(t, cfg)
	if got := readCert(t, caFile); got.SerialNumber.Cmp(ca.SerialNumber) != 0 {
		t.Errorf("CA serial after restart = %v, want the first start's %v", got.SerialNumber, ca.SerialNumber)
	}
	if got := readCert(t, servingFile); got.SerialNumber.Cmp(serving.SerialNumber) != 0 {
		t.Errorf("serving certificate replaced on restart")
	}
	if again.Addr() == "" {
		t.Error("restarted server has no address")
	}
}

// Clients dial loopback when the server listens on every address.
func TestClientHost(t *testing.T) {
	tests := []struct {
		name string
		ip   net.IP
		want string
	}{
		{"loopback", net.IPv4(127, 0, 0, 1), "127.0.0.1:6443"},
		{"all IPv4 addresses", net.IPv4zero, "127.0.0.1:6443"},
		{"all IPv6 addresses", net.IPv6unspecified, "[::1]:6443"},
		{"a specific address", net.IPv4(10, 0, 0, 5), "10.0.0.5:6443"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := clientHost(&net.TCPAddr{IP: tc.ip, Port: 6443}); got != tc.want {
				t.Errorf("clientHost = %q, want %q", got, tc.want)
			}
		})
	}
}
