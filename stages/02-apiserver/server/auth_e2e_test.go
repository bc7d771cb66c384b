package server

import (
	"crypto/tls"
	"encoding/base64"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/pki"
)

// unauthorizedBody is upstream's 401 answer, whatever the reason.
const unauthorizedBody = `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}`

// Talk 000, "Server side authentication": every credential kind the
// server accepts, and what a wrong one gets. The identity shows in the
// 403 of a request the user may not make; that the request got that far
// proves it was authenticated as that user.
func TestAuthentication(t *testing.T) {
	cfg := testConfig(t)
	dir := t.TempDir()
	cfg.Authentication.TokenAuthFile = writeFile(t, dir, "tokens.csv", "alice-token,alice,1001,\"developers,qa\"\n")
	cfg.Authentication.BasicAuthFile = writeFile(t, dir, "passwords.csv", "bob-password,bob,1002\n")
	s := startServer(t, cfg)

	otherCA, err := pki.EnsureCA(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	certPEM, keyPEM, err := otherCA.IssueIdentity(pki.AdminIdentity())
	if err != nil {
		t.Fatal(err)
	}
	foreign, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}

	anonymous := tlsClient(t, s)
	basic := "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte("bob:bob-password"))
	tests := []struct {
		name     string
		client   *http.Client
		path     string
		header   []string
		wantCode int
		wantBody string // a substring; the whole body for 401
	}{
		{"admin certificate", client(t, s), "/api/v1/pods", nil, http.StatusOK, `"kind":"PodList"`},
		{"token file", anonymous, "/api/v1/namespaces/default/pods", []string{"Authorization: Bearer alice-token"}, http.StatusForbidden,
			`pods is forbidden: User \"alice\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"`},
		{"token file user reads discovery", anonymous, "/apis", []string{"Authorization: Bearer alice-token"}, http.StatusOK, `"kind":"APIGroupList"`},
		{"wrong token", anonymous, "/api/v1/pods", []string{"Authorization: Bearer not-a-token"}, http.StatusUnauthorized, unauthorizedBody},
		{"basic auth (legacy)", anonymous, "/api/v1/namespaces/default/pods", []string{basic}, http.StatusForbidden, `User \"bob\" cannot list resource \"pods\"`},
		{"wrong password", anonymous, "/version", []string{"Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte("bob:guess"))},
			http.StatusUnauthorized, unauthorizedBody},
		{"certificate of another CA", tlsClient(t, s, foreign), "/api/v1/pods", nil, http.StatusUnauthorized, unauthorizedBody},
		{"anonymous health check", anonymous, "/healthz", nil, http.StatusOK, "ok"},
		{"anonymous version", anonymous, "/version", nil, http.StatusOK, `"gitVersion"`},
		{"anonymous list", anonymous, "/api/v1/pods", nil, http.StatusForbidden,
			`pods is forbidden: User \"system:anonymous\" cannot list resource \"pods\" in API group \"\" at the cluster scope`},
		{"anonymous issuer discovery", anonymous, "/.well-known/openid-configuration", nil, http.StatusForbidden,
			`forbidden: User \"system:anonymous\" cannot get path \"/.well-known/openid-configuration\"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := do(t, tc.client, s, http.MethodGet, tc.path, "", tc.header...)
			if resp.StatusCode != tc.wantCode {
				t.Fatalf("GET %s = %d %s, want %d", tc.path, resp.StatusCode, body, tc.wantCode)
			}
			if tc.wantCode == http.StatusUnauthorized && strings.TrimSpace(body) != tc.wantBody {
				t.Errorf("401 body = %s, want %s", body, tc.wantBody)
			}
			if !strings.Contains(body, tc.wantBody) {
				t.Errorf("GET %s body = %s, want it to contain %s", tc.path, body, tc.wantBody)
			}
		})
	}
}

// --anonymous-auth=false: a request without credentials is refused before
// authorization is asked, even for /healthz.
func TestAnonymousAuthDisabled(t *testing.T) {
	cfg := testConfig(t)
	cfg.Authentication.Anonymous = false
	s := startServer(t, cfg)
	body := mustDo(t, tlsClient(t, s), s, http.MethodGet, "/healthz", "", http.StatusUnauthorized)
	if strings.TrimSpace(body) != unauthorizedBody {
		t.Errorf("401 body = %s, want %s", body, unauthorizedBody)
	}
	mustDo(t, client(t, s), s, http.MethodGet, "/healthz", "", http.StatusOK)
}

// writeFile writes content to dir/name and returns the path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// The chain's order shows in who answers a request for a path that does
// not exist: request info (500 for an unparsable path) before
// authentication (401) before authorization (403) before the mux (404).
func TestChainOrder(t *testing.T) {
	s := startServer(t, testConfig(t))
	admin := client(t, s)
	mustDo(t, admin, s, http.MethodPost, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
		clusterRoleBindingJSON("viewer-view", "view", "viewer"), http.StatusCreated)
	viewer := identityClient(t, s, "viewer")
	badToken := "Authorization: Bearer wrong"
	tests := []struct {
		name     string
		client   *http.Client
		path     string
		header   []string
		wantCode int
		wantBody string
	}{
		{"request info before authentication", tlsClient(t, s), "/api/v1/watch", []string{badToken}, http.StatusInternalServerError, "failed to create RequestInfo"},
		{"authentication before the mux", tlsClient(t, s), "/no/such/path", []string{badToken}, http.StatusUnauthorized, "Unauthorized"},
		{"authorization before the mux", viewer, "/no/such/path", nil, http.StatusForbidden, `forbidden: User \"viewer\" cannot get path \"/no/such/path\"`},
		{"the mux last", admin, "/no/such/path", nil, http.StatusNotFound, "404 page not found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := do(t, tc.client, s, http.MethodGet, tc.path, "", tc.header...)
			if resp.StatusCode != tc.wantCode || !strings.Contains(body, tc.wantBody) {
				t.Errorf("GET %s = %d %s, want %d with %q", tc.path, resp.StatusCode, body, tc.wantCode, tc.wantBody)
			}
		})
	}
}

// clusterRoleBindingJSON binds role to the user.
func clusterRoleBindingJSON(name, role, user string) string {
	return `{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"` + name + `"},` +
		`"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"` + role + `"},` +
		`"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"` + user + `"}]}`
}

// roleBindingJSON binds the ClusterRole role to the user in namespace.
func roleBindingJSON(namespace, name, role, user string) string {
	return `{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"` + name + `","namespace":"` + namespace + `"},` +
		`"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"` + role + `"},` +
		`"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"` + user + `"}]}`
}

// podJSON is a pod bound to node.
// serviceAccountJSON is a ServiceAccount named name. Until stage 3's
// service-account controller creates "default" in every namespace, a
// test that creates pods creates it (the ServiceAccount admission plugin
// refuses a pod whose account does not exist).
func serviceAccountJSON(name string) string {
	return `{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"` + name + `"}}`
}

func podJSON(name, node string) string {
	return `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"` + name + `"},` +
		`"spec":{"nodeName":"` + node + `","containers":[{"name":"web","image":"nginx"}]}}`
}

// configMapBody is a ConfigMap named name.
func configMapBody(name string) string {
	return `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"` + name + `"},"data":{"k":"v"}}`
}

// The default policy exists after a start, and a second start on the
// same etcd, like a second server of a cluster, creates only what is
// missing: a default binding deleted meanwhile comes back, as upstream's
// does, and everything else is found and left alone.
func TestRBACBootstrapIdempotent(t *testing.T) {
	cfg := testConfig(t)
	s := startServer(t, cfg)
	body := mustDo(t, client(t, s), s, http.MethodGet, "/apis/rbac.authorization.k8s.io/v1/clusterroles/cluster-admin", "", http.StatusOK)
	if !strings.Contains(body, `"kubernetes.io/bootstrapping":"rbac-defaults"`) {
		t.Errorf("cluster-admin lacks the bootstrapping label: %s", body)
	}
	mustDo(t, client(t, s), s, http.MethodDelete, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:basic-user", "", http.StatusOK)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	again := startServer(t, cfg)
	mustDo(t, client(t, again), again, http.MethodGet, "/apis/rbac.authorization.k8s.io/v1/clusterroles/view", "", http.StatusOK)
	mustDo(t, client(t, again), again, http.MethodGet, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:basic-user", "", http.StatusOK)
	t.Logf("second start ready in %s", time.Since(start))
}

// Issue 5's acceptance with the stage-1 kubectl: a user with only view,
// given a kubeconfig as `kubeadm kubeconfig user` writes one, lists but
// is refused a create with upstream's message.
func TestKubectlViewer(t *testing.T) {
	bin := buildKubectl(t)
	s := startServer(t, testConfig(t))
	mustDo(t, client(t, s), s, http.MethodPost, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
		clusterRoleBindingJSON("viewer-view", "view", "viewer"), http.StatusCreated)
	kc, err := UserKubeconfig(s.cfg.DataDir, "", pki.Identity{CommonName: "viewer"}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	env := append(os.Environ(), "KUBECONFIG="+writeFile(t, home, "viewer.kubeconfig", string(kc)),
		"HOME="+home, "KUBECACHEDIR="+filepath.Join(home, "cache"))
	kubectl := func(args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	eventually(t, func() string {
		if out, err := kubectl("get", "configmaps", "-n", "kube-system"); err != nil {
			return "kubectl get configmaps as viewer: " + err.Error() + "\n" + out
		}
		return ""
	})
	out, err := kubectl("create", "configmap", "settings", "--from-literal=color=blue")
	want := `Error from server (Forbidden): configmaps is forbidden: User "viewer" cannot create resource "configmaps" in API group "" in the namespace "default"`
	if err == nil || strings.TrimSpace(out) != want {
		t.Errorf("kubectl create configmap as viewer: %v\n%s\nwant:\n%s", err, out, want)
	}
}
