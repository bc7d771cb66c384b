package authorization

import (
	"strings"
	"testing"
)

// --authorization-mode is checked when the server starts, with messages
// that name the flag to fix.
func TestNewRejectsBadModes(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no mode", Config{}, "at least one authorization-mode must be passed"},
		{"unknown mode", Config{Modes: []string{"Magic"}}, "unknown authorization mode Magic specified"},
		{"mode twice", Config{Modes: []string{ModeAlwaysAllow, ModeAlwaysAllow}}, "has mode specified more than once"},
		{"ABAC without a file", Config{Modes: []string{ModeABAC}}, "--authorization-policy-file"},
		{"ABAC with a missing file", Config{Modes: []string{ModeABAC}, PolicyFile: "/nonexistent/abac.jsonl"}, "read policy file"},
		{"Webhook without a file", Config{Modes: []string{ModeWebhook}}, "--authorization-webhook-config-file"},
		{"RBAC without roles", Config{Modes: []string{ModeRBAC}}, "Config.RBAC"},
		{"Node without a graph", Config{Modes: []string{ModeNode}}, "Config.Node"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// AlwaysAllow lets everyone in; AlwaysDeny answers "no opinion", so a
// later mode may still allow, as upstream.
func TestAlwaysModes(t *testing.T) {
	attrs := res(anonymous, "delete", "", "namespaces", "", "", "kube-system")
	if got := decision(t, newChain(t, ModeAlwaysAllow), attrs); got.String() != "Allow" {
		t.Errorf("AlwaysAllow: %v, want Allow", got)
	}
	if got := decision(t, newChain(t, ModeAlwaysDeny), attrs); got.String() != "NoOpinion" {
		t.Errorf("AlwaysDeny: %v, want NoOpinion", got)
	}
	if got := decision(t, newChain(t, ModeAlwaysDeny, ModeAlwaysAllow), attrs); got.String() != "Allow" {
		t.Errorf("AlwaysDeny,AlwaysAllow: %v, want Allow", got)
	}
}
