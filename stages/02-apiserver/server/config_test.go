package server

import (
	"strings"
	"testing"
	"time"
)

// A configuration error names the flag and the fix, before anything
// starts.
func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		modify  func(*Config)
		wantErr string
	}{
		{"defaults with a data dir", func(*Config) {}, ""},
		{"no data dir", func(c *Config) { c.DataDir = "" }, "--data-dir is required"},
		{"host name as bind address", func(c *Config) { c.BindAddress = "localhost" }, `--bind-address "localhost" is not an IP address`},
		{"port out of range", func(c *Config) { c.SecurePort = 70000 }, "--secure-port 70000 must be between 0 and 65535"},
		{"etcd server without scheme", func(c *Config) { c.EtcdServers = []string{"127.0.0.1:2379"} }, "must be a URL"},
		{"etcd TLS without servers", func(c *Config) { c.EtcdTLS.CAFile = "ca.crt" }, "need --etcd-servers"},
		{"relative etcd prefix", func(c *Config) { c.EtcdPrefix = "registry" }, "--etcd-prefix"},
		{"no body limit", func(c *Config) { c.MaxRequestBytes = 0 }, "--max-request-bytes 0 must be positive"},
		{"no authorization mode", func(c *Config) { c.Authorization.Modes = nil }, "--authorization-mode: at least one authorization-mode must be passed"},
		{"unknown authorization mode", func(c *Config) { c.Authorization.Modes = []string{"RBAC", "Magic"} }, `--authorization-mode "Magic" is not a valid mode; valid modes: AlwaysAllow,`},
		{"mode twice", func(c *Config) { c.Authorization.Modes = []string{"RBAC", "Node", "RBAC"} }, `--authorization-mode "RBAC,Node,RBAC" has mode RBAC specified more than once`},
		{"ABAC without a policy file", func(c *Config) { c.Authorization.Modes = []string{"ABAC"} }, "set --authorization-policy-file"},
		{"policy file without ABAC", func(c *Config) { c.Authorization.PolicyFile = "policy.jsonl" }, "cannot specify --authorization-policy-file without mode ABAC"},
		{"Webhook without a config file", func(c *Config) { c.Authorization.Modes = []string{"Webhook"} }, "set --authorization-webhook-config-file"},
		{"webhook config without Webhook", func(c *Config) { c.Authorization.WebhookConfigFile = "webhook.kubeconfig" }, "cannot specify --authorization-webhook-config-file without mode Webhook"},
		{"negative webhook TTL", func(c *Config) { c.Authorization.WebhookUnauthorizedTTL = -time.Second }, "--authorization-webhook-cache-unauthorized-ttl -1s must not be negative"},
		{"no issuer", func(c *Config) { c.Authentication.ServiceAccountIssuer = "" }, "--service-account-issuer is required"},
		{"issuer not a URL", func(c *Config) { c.Authentication.ServiceAccountIssuer = "https//kubernetes:x" }, "contained a ':' but was not a valid URL"},
		{"legacy issuer name", func(c *Config) { c.Authentication.ServiceAccountIssuer = "kubernetes/serviceaccount" }, ""},
		{"empty audience", func(c *Config) { c.Authentication.APIAudiences = []string{"api", ""} }, "--api-audiences has an empty entry"},
		{"short max token expiration", func(c *Config) { c.Authentication.ServiceAccountMaxTokenExpiration = time.Minute }, "--service-account-max-token-expiration 1m0s must be between 1 hour and 2^32 seconds"},
		{"ABAC and RBAC", func(c *Config) {
			c.Authorization.Modes = []string{"ABAC", "RBAC"}
			c.Authorization.PolicyFile = "policy.jsonl"
		}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := NewConfig()
			cfg.DataDir = t.TempDir()
			tc.modify(cfg)
			err := cfg.Validate()
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("Validate() = %v, want nil", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("Validate() = %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}
}
