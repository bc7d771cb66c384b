package compat

// Admission as the upstream kubectl reports it.

import (
	"strings"
	"testing"
)

// Talk 000, "Admission controllers": with the default plugins, a pod
// needs its service account; the upstream kubectl prints the server's
// refusal, and once the account exists the same command works.
func TestUpstreamKubectlServiceAccountAdmission(t *testing.T) {
	s := startAPIServer(t, "--v=2") // the default admission plugins
	r := s.kubectl(t, upstreamKubectl(t), "", nil, "run", "web", "--image=nginx:1.27")
	want := `Error from server (Forbidden): pods "web" is forbidden: error looking up service account default/default: serviceaccount "default" not found`
	if r.err == nil || !strings.Contains(r.stderr, want) {
		t.Errorf("kubectl run without a service account: err %v, stderr %q; want %q", r.err, r.stderr, want)
	}
	mustKubectl(t, s, "create", "serviceaccount", "default")
	if got := mustKubectl(t, s, "run", "web", "--image=nginx:1.27"); got != "pod/web created\n" {
		t.Errorf("kubectl run = %q; want pod/web created", got)
	}
	mounts := mustKubectl(t, s, "get", "pod", "web", "-o", "jsonpath={.spec.containers[0].volumeMounts[0].mountPath}")
	if mounts != "/var/run/secrets/kubernetes.io/serviceaccount" {
		t.Errorf("the pod's first mount = %q; want the service-account token", mounts)
	}
}
