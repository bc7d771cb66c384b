//go:build lab

package cachedir

import (
	"testing"
	"time"
)

// Talk 001: one cache folder per API server.
func TestHostDir(t *testing.T) {
	for _, tc := range []struct{ name, url, want string }{
		{"loopback with port", "https://127.0.0.1:6443", "127.0.0.1_6443"},
		{"host name", "https://kubernetes.example:443", "kubernetes.example_443"},
		{"dash becomes underscore", "https://my-cluster:6443", "my_cluster_6443"},
		{"no scheme", "localhost:8080", "localhost_8080"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := HostDir(tc.url); got != tc.want {
				t.Errorf("HostDir(%q) = %q, want %q", tc.url, got, tc.want)
			}
		})
	}
}

func TestFresh(t *testing.T) {
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		age  time.Duration
		want bool
	}{
		{"just written", 0, true},
		{"five hours old", 5 * time.Hour, true},
		{"six hours old", 6 * time.Hour, false},
		{"a day old", 24 * time.Hour, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Fresh(now.Add(-tc.age), now); got != tc.want {
				t.Errorf("Fresh(age %v) = %v, want %v", tc.age, got, tc.want)
			}
		})
	}
}
