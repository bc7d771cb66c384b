//go:build lab

package restpath

import "testing"

// Talk 000, "API discovery": group, version and resource decide the path.
func TestPath(t *testing.T) {
	deployments := Mapping{Group: "apps", Version: "v1", Resource: "deployments", Namespaced: true}
	pods := Mapping{Version: "v1", Resource: "pods", Namespaced: true}
	nodes := Mapping{Version: "v1", Resource: "nodes"}
	for _, tc := range []struct {
		name      string
		m         Mapping
		ns, obj   string
		want      string
		wantError bool
	}{
		{"named deployment", deployments, "default", "nginx", "/apis/apps/v1/namespaces/default/deployments/nginx", false},
		{"deployments in a namespace", deployments, "kube-system", "", "/apis/apps/v1/namespaces/kube-system/deployments", false},
		{"deployments in all namespaces", deployments, "", "", "/apis/apps/v1/deployments", false},
		{"core group pod", pods, "default", "web", "/api/v1/namespaces/default/pods/web", false},
		{"cluster-scoped node ignores namespace", nodes, "default", "node-1", "/api/v1/nodes/node-1", false},
		{"no version", Mapping{Resource: "pods"}, "", "", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Path(tc.m, tc.ns, tc.obj)
			if tc.wantError {
				if err == nil {
					t.Fatalf("Path() = %q, want an error", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Path() error: %v", err)
			}
			if got != tc.want {
				t.Errorf("Path() = %q, want %q", got, tc.want)
			}
		})
	}
}
