package testserver_test

import (
	"crypto/sha512"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/schema"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// Talk 000, "Client side validation": the OpenAPI v3 index lists one
// hashed URL per group version, and each document is the built-in v1.37
// schema; a stale hash is redirected to the current one.
func TestOpenAPIV3(t *testing.T) {
	srv := testserver.Start(t)
	_, _, body := call(t, srv, "GET", "/openapi/v3", nil)
	paths, _ := decode(t, body)["paths"].(map[string]any)
	entry, _ := paths["apis/apps/v1"].(map[string]any)
	u, _ := entry["serverRelativeURL"].(string)

	builtin, err := schema.Builtin("apps/v1")
	if err != nil {
		t.Fatal(err)
	}
	hash := fmt.Sprintf("%X", sha512.Sum512(builtin))
	if u != "/openapi/v3/apis/apps/v1?hash="+hash {
		t.Fatalf("serverRelativeURL = %q, want the SHA-512 of the document", u)
	}
	if _, ok := paths["api/v1"]; !ok {
		t.Error("index lacks api/v1")
	}

	code, _, doc := call(t, srv, "GET", u, nil)
	if code != 200 || string(doc) != string(builtin) {
		t.Fatalf("GET %s: %d, document differs from the built-in copy", u, code)
	}

	noRedirect := httpClient(t, srv, nil)
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := noRedirect.Get(srv.URL + "/openapi/v3/apis/apps/v1?hash=OLD")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || !strings.HasSuffix(resp.Header.Get("Location"), "hash="+hash) {
		t.Errorf("stale hash: %d Location %q, want 301 to the current hash", resp.StatusCode, resp.Header.Get("Location"))
	}

	srv.SetOpenAPI("apps/v1", []byte(`{"openapi":"3.0.0"}`))
	_, _, body = call(t, srv, "GET", "/openapi/v3", nil)
	if strings.Contains(string(body), hash) {
		t.Error("the hash did not change with the document")
	}
}

func TestWithoutOpenAPI(t *testing.T) {
	srv := testserver.Start(t, testserver.WithoutOpenAPI())
	if code, _, _ := call(t, srv, "GET", "/openapi/v3", nil); code != 404 {
		t.Errorf("GET /openapi/v3: %d, want 404", code)
	}
}
