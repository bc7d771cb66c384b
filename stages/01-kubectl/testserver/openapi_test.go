package testserver_test

import (
	"crypto/sha512"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/schema"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// Talk 000, "Client side validation": the OpenAPI v3 index lists one
// URL per group version, hashed with SHA-512 of the document; the document
// holds the built-in v1.37 schemas; a stale hash is redirected to the
// current one.
func TestOpenAPIV3(t *testing.T) {
	srv := testserver.Start(t)
	_, _, body := call(t, srv, "GET", "/openapi/v3", nil)
	paths, _ := decode(t, body)["paths"].(map[string]any)
	if _, ok := paths["api/v1"]; !ok {
		t.Error("index lacks api/v1")
	}
	entry, _ := paths["apis/apps/v1"].(map[string]any)
	u, _ := entry["serverRelativeURL"].(string)
	code, _, doc := call(t, srv, "GET", u, nil)
	if code != 200 {
		t.Fatalf("GET %s: %d", u, code)
	}
	hash := fmt.Sprintf("%X", sha512.Sum512(doc))
	if u != "/openapi/v3/apis/apps/v1?hash="+hash {
		t.Fatalf("serverRelativeURL = %q, want the SHA-512 of the document", u)
	}
	builtin, err := schema.Builtin("apps/v1")
	if err != nil {
		t.Fatal(err)
	}
	var served, want struct {
		Components json.RawMessage `json:"components"`
	}
	if json.Unmarshal(doc, &served) != nil || json.Unmarshal(builtin, &want) != nil {
		t.Fatal("documents are not JSON")
	}
	if !jsonEqual(t, served.Components, want.Components) {
		t.Error("the served components differ from the built-in copy")
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

// jsonEqual compares two JSON documents by value.
func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal(a, &va); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &vb); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(va, vb)
}

// Talk 000, "Client side validation": upstream kubectl sends a manifest
// unchecked, with ?fieldValidation=Strict, only if the document of its
// group version has a PATCH operation for its kind declaring that query
// parameter (client-go's QueryParamVerifierV3, which takes the first PATCH
// operation for the kind it meets, so every one must declare it).
// Otherwise it wants /openapi/v2, which this server does not serve, and
// every "create -f" fails.
func TestOpenAPIDeclaresFieldValidation(t *testing.T) {
	srv := testserver.Start(t)
	_, _, body := call(t, srv, "GET", "/openapi/v3", nil)
	index, _ := decode(t, body)["paths"].(map[string]any)
	for _, r := range scheme.All() {
		if !r.HasVerb("patch") {
			continue
		}
		gv := r.GroupVersion().String()
		entry, ok := index[schema.OpenAPIPath(gv)].(map[string]any)
		if !ok {
			continue // no built-in schema for this group version
		}
		t.Run(r.Resource+"."+gv, func(t *testing.T) {
			_, _, data := call(t, srv, "GET", entry["serverRelativeURL"].(string), nil)
			type operation struct {
				GVK    map[string]string           `json:"x-kubernetes-group-version-kind"`
				Params []struct{ Name, In string } `json:"parameters"`
			}
			var doc struct {
				Paths map[string]struct{ Patch *operation } `json:"paths"`
			}
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"group": r.Group, "version": r.Version, "kind": r.Kind}
			found := 0
			for path, item := range doc.Paths {
				op := item.Patch
				if op == nil || !reflect.DeepEqual(op.GVK, want) {
					continue
				}
				found++
				if !slices.ContainsFunc(op.Params, func(p struct{ Name, In string }) bool {
					return p.Name == "fieldValidation" && p.In == "query"
				}) {
					t.Errorf("PATCH %s does not declare the fieldValidation query parameter", path)
				}
			}
			if found == 0 {
				t.Errorf("no PATCH operation for %v", want)
			}
		})
	}
}

func TestWithoutOpenAPI(t *testing.T) {
	srv := testserver.Start(t, testserver.WithoutOpenAPI())
	if code, _, _ := call(t, srv, "GET", "/openapi/v3", nil); code != 404 {
		t.Errorf("GET /openapi/v3: %d, want 404", code)
	}
}
