package main

import (
	"strings"
	"testing"
)

// The flags carry upstream's names and defaults, and a bad value stops
// the command before anything starts, with an error naming the flag.
func TestFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no data dir", []string{"--secure-port", "0"}, "--data-dir is required"},
		{"bind address not an IP", []string{"--data-dir", t.TempDir(), "--bind-address", "localhost"}, `--bind-address "localhost"`},
		{"etcd server not a URL", []string{"--data-dir", t.TempDir(), "--etcd-servers", "127.0.0.1:2379"}, `--etcd-servers entry "127.0.0.1:2379"`},
		{"unknown flag", []string{"--insecure-port", "8080"}, "unknown flag: --insecure-port"},
		{"unknown authorization mode", []string{"--data-dir", t.TempDir(), "--authorization-mode", "Node,Magic"}, `--authorization-mode "Magic" is not a valid mode`},
		{"ABAC without policy", []string{"--data-dir", t.TempDir(), "--authorization-mode", "ABAC"}, "set --authorization-policy-file"},
		{"token file missing", []string{"--data-dir", t.TempDir(), "--secure-port", "0", "--token-auth-file", "/no/such/tokens.csv"}, "--token-auth-file"},
		{"bad webhook TTL", []string{"--authorization-webhook-cache-authorized-ttl", "soon"}, `invalid argument "soon" for "--authorization-webhook-cache-authorized-ttl"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cmd := newCommand()
			cmd.SetArgs(tc.args)
			err := cmd.Execute()
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("Execute(%q) = %v, want an error containing %q", tc.args, err, tc.wantErr)
			}
		})
	}
	fs := newCommand().Flags()
	for flag, want := range map[string]string{
		"bind-address": "127.0.0.1", "secure-port": "6443", "etcd-prefix": "/registry", "v": "0",
		// The request chain's: upstream's, except --authorization-mode,
		// which is kubeadm's (upstream's bare default is AlwaysAllow).
		"anonymous-auth": "true", "authorization-mode": "[Node,RBAC]",
		"authorization-webhook-cache-authorized-ttl": "5m0s", "authorization-webhook-cache-unauthorized-ttl": "30s",
		"service-account-issuer": "https://kubernetes.default.svc.cluster.local", "api-audiences": "[]",
		"client-ca-file": "", "service-account-key-file": "[]", "service-account-max-token-expiration": "0s",
	} {
		if f := fs.Lookup(flag); f == nil || f.DefValue != want {
			t.Errorf("--%s: default %v, want %q", flag, f, want)
		}
	}
}
