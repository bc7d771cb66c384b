package discovery_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/discovery"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// openAPIFiles lists the cached documents of one group version's path.
func openAPIFiles(t *testing.T, srv *testserver.Server, root, path string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(serverDir(srv, root), "openapi", "v3", filepath.FromSlash(path), "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Talk 000, "Client side validation": the schema comes from the server's
// OpenAPI document, cached beside discovery. The index and the document
// are fetched once; a second command reads both from disk.
func TestOpenAPIV3Cached(t *testing.T) {
	srv := testserver.Start(t)
	root := t.TempDir()
	ctx := context.Background()

	doc, err := newClient(t, srv, root).OpenAPIV3(ctx, "apps/v1")
	if err != nil {
		t.Fatalf("OpenAPIV3: %v", err)
	}
	var parsed struct {
		OpenAPI string `json:"openapi"`
	}
	if err := json.Unmarshal(doc, &parsed); err != nil || parsed.OpenAPI == "" {
		t.Fatalf("document is not OpenAPI v3 JSON (err %v)", err)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[0].Path != "/openapi/v3" || reqs[1].Path != "/openapi/v3/apis/apps/v1" ||
		reqs[1].Query.Get("hash") == "" {
		t.Fatalf("requests = %v, want the index then the hashed document", paths(reqs))
	}
	files := openAPIFiles(t, srv, root, "apis/apps/v1")
	if len(files) != 1 || filepath.Base(files[0]) != reqs[1].Query.Get("hash")+".json" {
		t.Fatalf("cached documents = %v, want one named after the hash", files)
	}

	srv.ResetRequests()
	again, err := newClient(t, srv, root).OpenAPIV3(ctx, "apps/v1")
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(doc) {
		t.Error("the cached document differs from the fetched one")
	}
	if reqs := srv.Requests(); len(reqs) != 0 {
		t.Errorf("second run sent %v, want nothing", paths(reqs))
	}
}

// A changed document has a new hash: once the index is refreshed the new
// document is fetched and the old file removed.
func TestOpenAPIV3HashChange(t *testing.T) {
	srv := testserver.Start(t)
	root := t.TempDir()
	ctx := context.Background()
	if _, err := newClient(t, srv, root).OpenAPIV3(ctx, "v1"); err != nil {
		t.Fatal(err)
	}
	before := openAPIFiles(t, srv, root, "api/v1")

	changed := []byte(`{"openapi":"3.0.0","info":{"title":"Kubernetes","version":"changed"},"paths":{}}`)
	srv.SetOpenAPI("v1", changed)
	c := newClient(t, srv, root)
	c.Invalidate() // as after a discovery miss, or once the index expires
	srv.ResetRequests()
	got, err := c.OpenAPIV3(ctx, "v1")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(changed) {
		t.Errorf("got the old document after the hash changed")
	}
	if n := len(srv.Requests()); n != 2 {
		t.Errorf("requests = %v, want the index and the new document", paths(srv.Requests()))
	}
	after := openAPIFiles(t, srv, root, "api/v1")
	if len(after) != 1 || after[0] == before[0] {
		t.Errorf("cached files before %v, after %v: want the old one replaced", before, after)
	}
}

// Without a server document the caller falls back to the built-in copy;
// the error says so.
func TestOpenAPIV3Missing(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []testserver.Option
		gv   string
	}{
		{"server without OpenAPI", []testserver.Option{testserver.WithoutOpenAPI()}, "apps/v1"},
		{"group version not served", nil, "example.com/v1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := testserver.Start(t, tc.opts...)
			_, err := newClient(t, srv, t.TempDir()).OpenAPIV3(context.Background(), tc.gv)
			if !errors.Is(err, discovery.ErrNoOpenAPIV3) {
				t.Fatalf("err = %v, want ErrNoOpenAPIV3", err)
			}
		})
	}
}

// A group version missing from an index read from disk may be newer than
// the index (a CRD installed since): the index is asked for once more.
func TestOpenAPIV3StaleIndexRefetched(t *testing.T) {
	srv := testserver.Start(t)
	root := t.TempDir()
	ctx := context.Background()
	if _, err := newClient(t, srv, root).OpenAPIV3(ctx, "v1"); err != nil {
		t.Fatal(err)
	}
	srv.AddResource(widgets("v1"))
	srv.SetOpenAPI("example.com/v1", []byte(`{"openapi":"3.0.0","paths":{}}`))
	srv.ResetRequests()

	if _, err := newClient(t, srv, root).OpenAPIV3(ctx, "example.com/v1"); err != nil {
		t.Fatalf("OpenAPIV3(example.com/v1): %v", err)
	}
	if got := paths(srv.Requests()); len(got) != 2 || got[0] != "GET /openapi/v3" {
		t.Errorf("requests = %v, want the index again, then the document", got)
	}
	if _, err := os.Stat(filepath.Join(serverDir(srv, root), "openapi", "v3", "index.json")); err != nil {
		t.Errorf("index not cached: %v", err)
	}
}
