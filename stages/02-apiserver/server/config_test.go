package server

import (
	"strings"
	"testing"
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
