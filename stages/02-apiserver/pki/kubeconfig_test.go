package pki

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/kubeconfig"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// Talk 000, "Client authentication": the kubectl finds the server, the CA
// and its credentials in the kubeconfig. Each row writes one with this
// package, loads it with stage 1's loader, and makes a request with stage
// 1's REST client to a TLS server that reports who it saw.
func TestWriteKubeconfigLoadsAndConnects(t *testing.T) {
	ca, dir := newTestCA(t)
	srv := identityServer(t, ca, dir, tls.VerifyClientCertIfGiven)
	adminCert, adminKey, err := ca.IssueIdentity(AdminIdentity())
	if err != nil {
		t.Fatal(err)
	}
	nodeCert, nodeKey, err := ca.IssueIdentity(NodeIdentity("worker-1"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		opts        KubeconfigOptions
		wantContext string
		wantUser    string // user entry in the file
		wantNS      string
		want        whoami // what the server saw
	}{
		{
			name:        "admin certificate",
			opts:        KubeconfigOptions{CAPEM: ca.CertPEM, ClientCertPEM: adminCert, ClientKeyPEM: adminKey},
			wantContext: "kubernetes-admin@kubernetes",
			wantUser:    "kubernetes-admin",
			want:        whoami{User: "kubernetes-admin", Groups: []string{"system:masters"}},
		},
		{
			name: "node certificate with own names and namespace",
			opts: KubeconfigOptions{
				ClusterName: "workbook", UserName: "kubelet", ContextName: "node",
				CAPEM: ca.CertPEM, ClientCertPEM: nodeCert, ClientKeyPEM: nodeKey, Namespace: "kube-system",
			},
			wantContext: "node",
			wantUser:    "kubelet",
			wantNS:      "kube-system",
			want:        whoami{User: "system:node:worker-1", Groups: []string{"system:nodes"}},
		},
		{
			name:        "bearer token",
			opts:        KubeconfigOptions{UserName: "robot", CAPEM: ca.CertPEM, Token: "abc.def"},
			wantContext: "robot@kubernetes",
			wantUser:    "robot",
			want:        whoami{Token: "abc.def"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "admin.kubeconfig")
			tc.opts.Server = srv.URL
			if err := WriteKubeconfig(path, tc.opts); err != nil {
				t.Fatal(err)
			}

			cfg, err := kubeconfig.LoadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.CurrentContext != tc.wantContext {
				t.Errorf("current-context = %q, want %q", cfg.CurrentContext, tc.wantContext)
			}
			kctx, ok := cfg.Context(tc.wantContext)
			if !ok || kctx.AuthInfo != tc.wantUser || kctx.Namespace != tc.wantNS {
				t.Errorf("context %q = %+v, want user %q namespace %q", tc.wantContext, kctx, tc.wantUser, tc.wantNS)
			}
			if cl, ok := cfg.Cluster(kctx.Cluster); !ok || cl.Server != srv.URL || string(cl.CertificateAuthorityData) != string(ca.CertPEM) {
				t.Errorf("cluster %q = %+v", kctx.Cluster, cl)
			}

			restCfg, err := kubeconfig.NewClientConfig(&kubeconfig.LoadingRules{ExplicitPath: path}, kubeconfig.Overrides{}).RESTConfig()
			if err != nil {
				t.Fatal(err)
			}
			client, err := rest.New(restCfg)
			if err != nil {
				t.Fatal(err)
			}
			body, err := client.Get(context.Background(), "/version")
			if err != nil {
				t.Fatal(err)
			}
			var got whoami
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatal(err)
			}
			if got.User != tc.want.User || !slices.Equal(got.Groups, tc.want.Groups) || got.Token != tc.want.Token {
				t.Errorf("server saw %+v, want %+v", got, tc.want)
			}
		})
	}
}

// The file is what upstream writes: the *-data fields, base64, and mode
// 0600 even when an older, wider file is replaced.
func TestWriteKubeconfigFormatAndMode(t *testing.T) {
	ca, _ := newTestCA(t)
	cert, key, err := ca.IssueIdentity(AdminIdentity())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "admin.kubeconfig")
	writeFile(t, path, []byte("old"))
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteKubeconfig(path, KubeconfigOptions{Server: "https://127.0.0.1:6443", CAPEM: ca.CertPEM, ClientCertPEM: cert, ClientKeyPEM: key}); err != nil {
		t.Fatal(err)
	}
	data := string(mustReadFile(t, path))
	for _, want := range []string{
		"apiVersion: v1\n", "kind: Config\n", "current-context: kubernetes-admin@kubernetes\n",
		"    certificate-authority-data: ", "    server: https://127.0.0.1:6443\n",
		"    client-certificate-data: ", "    client-key-data: ", "- name: kubernetes-admin\n",
	} {
		if !strings.Contains(data, want) {
			t.Errorf("kubeconfig lacks %q:\n%s", want, data)
		}
	}
	if m := fileMode(t, path); m != 0o600 {
		t.Errorf("mode = %o, want 600", m)
	}
}

// Incomplete options are refused before anything is written.
func TestWriteKubeconfigRejects(t *testing.T) {
	ca, _ := newTestCA(t)
	cert, _, err := ca.IssueIdentity(AdminIdentity())
	if err != nil {
		t.Fatal(err)
	}
	_, otherKey, err := ca.IssueIdentity(KubeProxyIdentity())
	if err != nil {
		t.Fatal(err)
	}
	const server = "https://127.0.0.1:6443"
	tests := []struct {
		name    string
		opts    KubeconfigOptions
		wantErr string
	}{
		{name: "no server", opts: KubeconfigOptions{UserName: "x"}, wantErr: "server is empty"},
		{name: "server without scheme", opts: KubeconfigOptions{Server: "127.0.0.1:6443", UserName: "x"}, wantErr: "must be a URL starting with https://"},
		{name: "certificate without key", opts: KubeconfigOptions{Server: server, ClientCertPEM: cert}, wantErr: "client certificate and client key must both be set, or neither"},
		{name: "key of another certificate", opts: KubeconfigOptions{Server: server, ClientCertPEM: cert, ClientKeyPEM: otherKey}, wantErr: "private key does not match public key"},
		{name: "no user name", opts: KubeconfigOptions{Server: server, Token: "t"}, wantErr: "user name is empty"},
		{name: "CA is not PEM", opts: KubeconfigOptions{Server: server, UserName: "x", CAPEM: []byte("nope")}, wantErr: "certificate-authority-data: no CERTIFICATE block"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "kubeconfig")
			err := WriteKubeconfig(path, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("err = %v, want %q", err, tc.wantErr)
			}
			if _, statErr := os.Stat(path); !os.IsNotExist(statErr) {
				t.Errorf("file written despite the error (stat: %v)", statErr)
			}
		})
	}
}
