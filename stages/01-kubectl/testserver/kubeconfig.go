// Kubeconfig and /version: what a client needs to find and identify the
// server.
//
// Interface:
//   - (*Server).Kubeconfig(t): writes a kubeconfig for the server and
//     returns its path; WriteKubeconfig(path) writes one where asked.
//   - ServerVersion: the /version answer, a Kubernetes v1.37 build.
//
// The kubeconfig trusts the server's CA and carries the credentials the
// server was told to accept, so a test sees each kind arrive on its own:
// the client certificate minted at start (with WithClientCertAuth, or when
// no authentication is required), the first token of WithBearerToken, or
// else the user and password of WithBasicAuth (talk 000, "Client
// authentication": credentials from $KUBECONFIG).
package testserver

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// ServerVersion is what /version returns.
var ServerVersion = metav1.VersionInfo{
	Major: "1", Minor: "37",
	EmulationMajor: "1", EmulationMinor: "37",
	MinCompatibilityMajor: "1", MinCompatibilityMinor: "36",
	GitVersion: "v1.37.2", GitCommit: "0000000000000000000000000000000000000000", GitTreeState: "clean",
	BuildDate: "2026-01-01T00:00:00Z", GoVersion: runtime.Version(), Compiler: "gc",
	Platform: runtime.GOOS + "/" + runtime.GOARCH,
}

func (s *Server) serveVersion(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		writeStatus(w, errMethodNotAllowed())
		return
	}
	writeJSON(w, http.StatusOK, contentTypeJSON, ServerVersion)
}

// Kubeconfig writes a kubeconfig file for the server into a directory
// t removes at its end and returns the file's path; it fails t when the
// file cannot be written.
func (s *Server) Kubeconfig(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kubeconfig")
	if err := s.WriteKubeconfig(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// WriteKubeconfig writes a kubeconfig file for the server to path. Its
// single context, "testserver", is current and has namespace "default".
func (s *Server) WriteKubeconfig(path string) error {
	b64 := base64.StdEncoding.EncodeToString
	var user []string
	if s.opts.certAuth || !s.authRequired() {
		user = append(user,
			"    client-certificate-data: "+b64(s.client.CertPEM),
			"    client-key-data: "+b64(s.client.KeyPEM))
	}
	switch {
	case len(s.opts.tokens) > 0:
		user = append(user, "    token: "+strconv.Quote(firstKey(s.opts.tokens)))
	case len(s.opts.basic) > 0:
		name := firstKey(s.opts.basic)
		user = append(user, "    username: "+strconv.Quote(name), "    password: "+strconv.Quote(s.opts.basic[name]))
	}
	config := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: testserver
  cluster:
    server: %s
    certificate-authority-data: %s
users:
- name: testserver
  user:
%s
contexts:
- name: testserver
  context:
    cluster: testserver
    user: testserver
    namespace: default
current-context: testserver
preferences: {}
`, s.URL, b64(s.ca.certPEM), strings.Join(user, "\n"))
	if err := os.WriteFile(path, []byte(config), 0o600); err != nil {
		return fmt.Errorf("write kubeconfig: %w", err)
	}
	return nil
}

// firstKey returns the smallest key, so the choice is stable.
func firstKey(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys[0]
}
