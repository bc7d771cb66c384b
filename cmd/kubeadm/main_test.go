package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/kubeconfig"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/pki"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/server"
)

// run runs kubeadm with args and returns what it printed.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	cmd := newCommand(&out)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

// Talk 000, "Client side authentication": a kubelet proves it is node
// worker-1 with a certificate whose CN is system:node:worker-1 and whose O
// is system:nodes, signed by the cluster's CA.
func TestKubeconfigUser(t *testing.T) {
	dir := t.TempDir()
	ca, err := pki.EnsureCA(filepath.Join(dir, server.PKIDir))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, server.AddressFile), []byte("127.0.0.1:6443\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	printed, err := run(t, "kubeconfig", "user", "--data-dir", dir, "--client-name", "system:node:worker-1", "--org", "system:nodes")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := kubeconfig.Parse([]byte(printed))
	if err != nil {
		t.Fatalf("parse the printed kubeconfig: %v\n%s", err, printed)
	}
	ctx, _ := cfg.Context(cfg.CurrentContext)
	cluster, _ := cfg.Cluster(ctx.Cluster)
	user, _ := cfg.AuthInfo(ctx.AuthInfo)
	if cluster.Server != "https://127.0.0.1:6443" {
		t.Errorf("server = %q; want https://127.0.0.1:6443 from the address file", cluster.Server)
	}
	cert, err := pki.Verify(user.ClientCertificateData, ca.CertPEM)
	if err != nil {
		t.Fatalf("the certificate does not verify against the CA: %v", err)
	}
	if cert.Subject.CommonName != "system:node:worker-1" || !slices.Equal(cert.Subject.Organization, []string{"system:nodes"}) {
		t.Errorf("subject = %v; want CN=system:node:worker-1, O=system:nodes", cert.Subject)
	}

	out := filepath.Join(t.TempDir(), "node.kubeconfig")
	if _, err := run(t, "kubeconfig", "user", "--data-dir", dir, "--client-name", "jane", "--out", out); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("--out file: %v, mode %v; want mode 0600", err, fi.Mode().Perm())
	}
}

func TestKubeconfigUserErrors(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no client name", []string{"--data-dir", empty}, `required flag(s) "client-name" not set`},
		{"no data dir", []string{"--client-name", "jane"}, "--data-dir is required"},
		{"server never started", []string{"--data-dir", empty, "--client-name", "jane"}, "start kube-apiserver --data-dir"},
		{"no CA yet", []string{"--data-dir", empty, "--client-name", "jane", "--server", "https://127.0.0.1:6443"}, "no CA in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := run(t, append([]string{"kubeconfig", "user"}, tt.args...)...)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error = %v; want one containing %q", err, tt.wantErr)
			}
		})
	}
}
