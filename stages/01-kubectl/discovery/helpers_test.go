package discovery_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/discovery"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// newClient returns a discovery client for srv whose cache root is root, as
// one kubectl process would build it. Call it again with the same root to
// play a second command.
func newClient(t *testing.T, srv *testserver.Server, root string) *discovery.Client {
	t.Helper()
	rc := restClientOf(t, srv)
	return discovery.New(rc, discovery.ServerCacheDir(root, rc.Host()))
}

// restClientOf returns a REST client for srv with its client certificate.
func restClientOf(t *testing.T, srv *testserver.Server) *rest.Client {
	t.Helper()
	cert := srv.ClientCert()
	rc, err := rest.New(&rest.Config{
		Host: srv.URL,
		TLSClientConfig: rest.TLSClientConfig{
			CAData: srv.CAData(), CertData: cert.CertPEM, KeyData: cert.KeyPEM,
		},
	})
	if err != nil {
		t.Fatalf("rest.New: %v", err)
	}
	return rc
}

// serverDir is the directory the cache of srv lives in under root.
func serverDir(srv *testserver.Server, root string) string {
	return discovery.ServerCacheDir(root, srv.URL)
}

// readJSON decodes a cache file.
func readJSON(t *testing.T, path string, into any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read cache file: %v", err)
	}
	if err := json.Unmarshal(data, into); err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
}

// ageCache sets the modification time of every file under dir to age ago.
func ageCache(t *testing.T, dir string, age time.Duration) {
	t.Helper()
	when := time.Now().Add(-age)
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		return os.Chtimes(p, when, when)
	})
	if err != nil {
		t.Fatalf("age cache: %v", err)
	}
}

// paths returns "GET /apis" for each request, to compare request lists.
func paths(reqs []testserver.Request) []string {
	out := []string{}
	for _, r := range reqs {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}

// widgets is a custom resource for tests that install one.
func widgets(version string) testserver.Resource {
	return testserver.Resource{
		Group: "example.com", Version: version, Resource: "widgets", Singular: "widget", Kind: "Widget",
		Namespaced: true, Verbs: []string{"get", "list", "create", "delete"}, ShortNames: []string{"wd"},
	}
}

// groupNames lists the names of groups in order.
func groupNames(groups []metav1.APIGroup) []string {
	out := []string{}
	for _, g := range groups {
		out = append(out, g.Name)
	}
	return out
}
