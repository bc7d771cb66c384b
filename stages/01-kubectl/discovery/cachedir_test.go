package discovery_test

import (
	"path/filepath"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/discovery"
)

// Talk 001: the cache lives under ~/.kube/cache unless --cache-dir or
// $KUBECACHEDIR moves it; the flag wins.
func TestCacheDir(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, tc := range []struct {
		name, flag, env, want string
	}{
		{"default", "", "", filepath.Join(home, ".kube", "cache")},
		{"environment", "", "/env/cache", "/env/cache"},
		{"flag beats environment", "/flag/cache", "/env/cache", "/flag/cache"},
		{"flag alone", "/flag/cache", "", "/flag/cache"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(discovery.EnvCacheDir, tc.env)
			if got := discovery.CacheDir(tc.flag); got != tc.want {
				t.Errorf("CacheDir(%q) with $KUBECACHEDIR=%q = %s, want %s", tc.flag, tc.env, got, tc.want)
			}
		})
	}
}

// Talk 001: one folder per API server, named as upstream names it so both
// kubectls share it: scheme dropped, and every character but letters,
// digits, '_', '.', '/', '(' and ')' replaced by '_'.
func TestServerCacheDir(t *testing.T) {
	for _, tc := range []struct {
		name, host, want string
	}{
		{"host and port", "https://127.0.0.1:6443", "127.0.0.1_6443"},
		{"plain http", "http://localhost:8080", "localhost_8080"},
		{"no scheme", "10.0.0.1:443", "10.0.0.1_443"},
		{"dashes become underscores", "https://my-cluster.example.com", "my_cluster.example.com"},
		{"IPv6 brackets", "https://[::1]:6443", "___1__6443"},
		{"path makes subdirectories", "https://proxy.example.com/k8s/clusters/c-1", "proxy.example.com/k8s/clusters/c_1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := discovery.ServerCacheDir("/root/.kube/cache", tc.host)
			want := filepath.Join("/root/.kube/cache", "discovery", tc.want)
			if got != want {
				t.Errorf("ServerCacheDir(%q) = %s, want %s", tc.host, got, want)
			}
		})
	}
}
