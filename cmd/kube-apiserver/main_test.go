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
	for flag, want := range map[string]string{"bind-address": "127.0.0.1", "secure-port": "6443", "etcd-prefix": "/registry", "v": "0"} {
		if f := fs.Lookup(flag); f == nil || f.DefValue != want {
			t.Errorf("--%s: default %v, want %q", flag, f, want)
		}
	}
}
