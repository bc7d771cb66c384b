package user

import (
	"context"
	"slices"
	"testing"
)

// Talk 000, "Server side authentication": the identity found once travels with the
// request to every later step.
func TestContextRoundTrip(t *testing.T) {
	if _, ok := From(context.Background()); ok {
		t.Fatal("From found a user in an empty context")
	}
	in := Info{Name: "jane", Groups: []string{"dev", AllAuthenticated}}
	got, ok := From(WithUser(context.Background(), in))
	if !ok || got.Name != "jane" || !slices.Equal(got.Groups, in.Groups) {
		t.Fatalf("From = %+v, %v; want %+v", got, ok, in)
	}
}

func TestServiceAccountUsername(t *testing.T) {
	name := ServiceAccountUsername("default", "builder")
	if name != "system:serviceaccount:default:builder" {
		t.Fatalf("ServiceAccountUsername = %q", name)
	}
	tests := []struct {
		name, in      string
		wantNS, wantN string
		wantOK        bool
	}{
		{"service account", name, "default", "builder", true},
		{"plain user", "jane", "", "", false},
		{"missing name", "system:serviceaccount:default:", "", "", false},
		{"missing namespace", "system:serviceaccount::builder", "", "", false},
		{"extra colon", "system:serviceaccount:a:b:c", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns, n, ok := SplitServiceAccountUsername(tt.in)
			if ns != tt.wantNS || n != tt.wantN || ok != tt.wantOK {
				t.Errorf("SplitServiceAccountUsername(%q) = %q, %q, %v; want %q, %q, %v", tt.in, ns, n, ok, tt.wantNS, tt.wantN, tt.wantOK)
			}
		})
	}
	if g := ServiceAccountGroups("kube-system"); !slices.Equal(g, []string{"system:serviceaccounts", "system:serviceaccounts:kube-system"}) {
		t.Errorf("ServiceAccountGroups = %v", g)
	}
}

func TestNodeName(t *testing.T) {
	if n, ok := NodeName(Info{Name: "system:node:worker-1"}); !ok || n != "worker-1" {
		t.Errorf("NodeName = %q, %v; want worker-1, true", n, ok)
	}
	for _, name := range []string{"system:node:", "worker-1", "system:nodes"} {
		if _, ok := NodeName(Info{Name: name}); ok {
			t.Errorf("NodeName(%q) ok; want not a node", name)
		}
	}
}
