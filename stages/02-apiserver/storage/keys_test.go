package storage_test

import (
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// Talk 004, step 2 ("save objects"): objects are saved under upstream's
// keys, so `etcdctl get --prefix /registry/deployments` finds them where a
// Kubernetes operator would look.
func TestKeyLayout(t *testing.T) {
	s := storage.New(nil, storage.Options{})
	for _, tc := range []struct {
		name                      string
		resource, namespace, obj  string
		wantKey, wantNamespaced   string
		wantAllNamespacesOrGlobal string
	}{
		{"deployment", "deployments", "default", "nginx",
			"/registry/deployments/default/nginx", "/registry/deployments/default/", "/registry/deployments/"},
		{"pod", "pods", "kube-system", "coredns",
			"/registry/pods/kube-system/coredns", "/registry/pods/kube-system/", "/registry/pods/"},
		{"service is under services/specs", "services", "default", "kubernetes",
			"/registry/services/specs/default/kubernetes", "/registry/services/specs/default/", "/registry/services/specs/"},
		{"endpoints are under services/endpoints", "endpoints", "default", "kubernetes",
			"/registry/services/endpoints/default/kubernetes", "/registry/services/endpoints/default/", "/registry/services/endpoints/"},
		{"node is a minion", "nodes", "", "worker-1",
			"/registry/minions/worker-1", "/registry/minions/", "/registry/minions/"},
		{"namespace is cluster-scoped", "namespaces", "", "default",
			"/registry/namespaces/default", "/registry/namespaces/", "/registry/namespaces/"},
		{"replication controller", "replicationcontrollers", "default", "rc",
			"/registry/controllers/default/rc", "/registry/controllers/default/", "/registry/controllers/"},
		{"lease", "leases", "kube-node-lease", "worker-1",
			"/registry/leases/kube-node-lease/worker-1", "/registry/leases/kube-node-lease/", "/registry/leases/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := s.Key(tc.resource, tc.namespace, tc.obj); got != tc.wantKey {
				t.Errorf("Key = %q, want %q", got, tc.wantKey)
			}
			if got := s.Prefix(tc.resource, tc.namespace); got != tc.wantNamespaced {
				t.Errorf("Prefix = %q, want %q", got, tc.wantNamespaced)
			}
			if got := s.Prefix(tc.resource, ""); got != tc.wantAllNamespacesOrGlobal {
				t.Errorf("Prefix(all) = %q, want %q", got, tc.wantAllNamespacesOrGlobal)
			}
		})
	}
}

func TestKeyPrefixOption(t *testing.T) {
	for _, tc := range []struct{ name, prefix, want string }{
		{"default", "", "/registry/pods/default/web"},
		{"custom", "/kubeworkbook", "/kubeworkbook/pods/default/web"},
		{"trailing slash and no leading slash", "custom/", "/custom/pods/default/web"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := storage.New(nil, storage.Options{Prefix: tc.prefix})
			if got := s.Key("pods", "default", "web"); got != tc.want {
				t.Errorf("Key = %q, want %q", got, tc.want)
			}
		})
	}
}
