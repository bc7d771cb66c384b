package server

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

// nginxDeployment is the Deployment of talk 004, step 1, as JSON.
const nginxDeployment = `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"nginx","labels":{"app":"nginx"}},
"spec":{"selector":{"matchLabels":{"app":"nginx"}},"template":{"metadata":{"labels":{"app":"nginx"}},
"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}}}`

// copyDir copies the regular files of src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dst, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// watchEvent is one line of a watch stream.
type watchEvent struct {
	Type   string `json:"type"`
	Object struct {
		Metadata struct {
			Name            string `json:"name"`
			ResourceVersion string `json:"resourceVersion"`
		} `json:"metadata"`
	} `json:"object"`
}

// Talk 003, "Scaled horizontally" (and talk 004's picture of three
// kube-apiservers over one etcd): API servers keep no state of their own,
// so two of them over one etcd serve the same objects, and a watch on one
// sees a write made through the other. The two share the CA, as the
// members of a real control plane do, so one client trusts both.
func TestTwoServersOneEtcd(t *testing.T) {
	etcd := etcdtest.Start(t)
	cfgA := testConfig(t)
	cfgA.EtcdServers = etcd.Endpoints()
	a := startServer(t, cfgA)
	cfgB := testConfig(t)
	cfgB.EtcdServers = etcd.Endpoints()
	copyDir(t, filepath.Join(cfgA.DataDir, PKIDir), filepath.Join(cfgB.DataDir, PKIDir))
	b := startServer(t, cfgB)
	c := client(t, a) // trusts the shared CA

	// A watch on b, opened before the write.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	const collection = "/apis/apps/v1/namespaces/default/deployments"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.URL()+collection+"?watch=true", nil)
	if err != nil {
		t.Fatal(err)
	}
	watch, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Body.Close()
	if watch.StatusCode != http.StatusOK {
		t.Fatalf("watch on b: %s", watch.Status)
	}

	// The write, through a (talk 004, step 2 "save objects").
	resp, body := do(t, c, a, http.MethodPost, collection, nginxDeployment, "Content-Type: application/json")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create through a: %s %s", resp.Status, body)
	}
	var created watchEvent
	if err := json.Unmarshal([]byte(body), &created.Object); err != nil {
		t.Fatal(err)
	}

	lines := bufio.NewScanner(watch.Body)
	for lines.Scan() {
		var ev watchEvent
		if err := json.Unmarshal(lines.Bytes(), &ev); err != nil {
			t.Fatalf("watch line %q: %v", lines.Text(), err)
		}
		if ev.Type == "ADDED" && ev.Object.Metadata.Name == "nginx" {
			if ev.Object.Metadata.ResourceVersion != created.Object.Metadata.ResourceVersion {
				t.Errorf("b's event has resourceVersion %s, a's create answered %s: one etcd, one revision",
					ev.Object.Metadata.ResourceVersion, created.Object.Metadata.ResourceVersion)
			}
			break
		}
	}
	if err := lines.Err(); err != nil || ctx.Err() != nil {
		t.Fatalf("watch on b ended before the ADDED event of a's write: %v %v", err, ctx.Err())
	}

	// And the other way round: b deletes, a no longer finds it.
	if resp, body := do(t, c, b, http.MethodDelete, collection+"/nginx", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("delete through b: %s %s", resp.Status, body)
	}
	resp, body = do(t, c, a, http.MethodGet, collection+"/nginx", "")
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, `"reason":"NotFound"`) {
		t.Errorf("get through a after b's delete: %s %s, want 404 NotFound", resp.Status, body)
	}
}
