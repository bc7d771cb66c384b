package compat

// The request chain as the upstream kubectl sees it: who am I, may I,
// tokens, impersonation.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Talk 000, "Authorization chain": `kubectl auth whoami` and `auth
// can-i` ask the server about the caller; a service-account token from
// `kubectl create token` authenticates as the account, which RBAC allows
// nothing until a binding says so.
func TestUpstreamKubectlAuth(t *testing.T) {
	s := startAPIServer(t)
	who := mustKubectl(t, s, "auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.groups}")
	if who != `kubernetes-admin ["system:masters","system:authenticated"]` {
		t.Errorf("auth whoami = %q", who)
	}
	if got := mustKubectl(t, s, "auth", "can-i", "create", "deployments"); got != "yes\n" {
		t.Errorf("auth can-i create deployments (admin) = %q; want yes", got)
	}
	r := s.kubectl(t, upstreamKubectl(t), "", nil, "auth", "can-i", "create", "deployments", "--as", "jane")
	if r.stdout != "no\n" {
		t.Errorf("auth can-i --as jane = %q (err %v); want no", r.stdout, r.err)
	}

	mustKubectl(t, s, "create", "serviceaccount", "reader")
	token := strings.TrimSpace(mustKubectl(t, s, "create", "token", "reader", "--duration=10m"))
	if strings.Count(token, ".") != 2 {
		t.Fatalf("create token printed %q; want a JWT", token)
	}
	// A kubeconfig that carries the token instead of the admin certificate.
	kc := filepath.Join(t.TempDir(), "reader.kubeconfig")
	for _, args := range [][]string{
		{"config", "set-cluster", "c", "--server=https://" + s.addr, "--certificate-authority=" + filepath.Join(s.dataDir, "pki", "ca.crt"), "--embed-certs"},
		{"config", "set-credentials", "reader", "--token=" + token},
		{"config", "set-context", "reader", "--cluster=c", "--user=reader"},
		{"config", "use-context", "reader"},
	} {
		mustKubectl(t, s, append(args, "--kubeconfig="+kc)...)
	}
	if _, err := os.Stat(kc); err != nil {
		t.Fatal(err)
	}
	r = s.kubectl(t, upstreamKubectl(t), "", nil, "get", "pods", "--kubeconfig="+kc)
	want := `Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:reader" cannot list resource "pods" in API group "" in the namespace "default"`
	if r.err == nil || !strings.Contains(r.stderr, want) {
		t.Errorf("get pods as the reader: err %v, stderr %q; want %q", r.err, r.stderr, want)
	}
	mustKubectl(t, s, "create", "rolebinding", "reader-view", "--clusterrole=view", "--serviceaccount=default:reader")
	eventuallyKubectl(t, s, []string{"get", "pods", "--kubeconfig=" + kc}, "No resources found")
	who = mustKubectl(t, s, "auth", "whoami", "--kubeconfig="+kc, "-o", "jsonpath={.status.userInfo.username}")
	if who != "system:serviceaccount:default:reader" {
		t.Errorf("auth whoami with the token = %q", who)
	}
}

// eventuallyKubectl runs the upstream kubectl with args until it succeeds
// with want in its output (stdout or stderr), for ten seconds at most: a
// new binding reaches the authorizer through the watch cache.
func eventuallyKubectl(t *testing.T, s *apiServer, args []string, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		r := s.kubectl(t, upstreamKubectl(t), "", nil, args...)
		if r.err == nil && strings.Contains(r.stdout+r.stderr, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("kubectl %s: err %v, stdout %q, stderr %q; want %q", strings.Join(args, " "), r.err, r.stdout, r.stderr, want)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Talk 001, credential kinds: a static bearer token from --token-auth-file
// (CSV as upstream: token,user,uid,"groups") names its user and groups; a
// wrong token is a 401 that kubectl prints as "must be logged in".
func TestUpstreamKubectlStaticToken(t *testing.T) {
	dir := t.TempDir()
	tokens := filepath.Join(dir, "tokens.csv")
	if err := os.WriteFile(tokens, []byte("s3cret-token,alice,1001,\"developers,testers\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := startAPIServer(t, "--disable-admission-plugins=ServiceAccount", "--token-auth-file="+tokens)
	// The admin kubeconfig's server and CA, with the token instead of the
	// certificate.
	base := []string{"--kubeconfig=/dev/null", "--server=https://" + s.addr,
		"--certificate-authority=" + filepath.Join(s.dataDir, "pki", "ca.crt")}
	who := mustKubectl(t, s, append(base, "--token=s3cret-token", "auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.groups}")...)
	if who != `alice ["developers","testers","system:authenticated"]` {
		t.Errorf("auth whoami with the static token = %q", who)
	}
	r := s.kubectl(t, upstreamKubectl(t), "", nil, append(base, "--token=wrong", "get", "pods")...)
	if r.err == nil || !strings.Contains(r.stderr, "error: You must be logged in to the server") {
		t.Errorf("a wrong token: err %v, stderr %q; want kubectl's Unauthorized", r.err, r.stderr)
	}
}
