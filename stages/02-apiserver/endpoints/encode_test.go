package endpoints

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"sigs.k8s.io/yaml"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints/internal/fakeregistry"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// A list is a {Kind}List whose items carry no kind, with the list's
// resourceVersion and paging metadata, as upstream sends it; the stage-3
// informers start from this resourceVersion (talk 004, step 3).
func TestListShape(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, name := range []string{"a", "b", "c"} {
		s.create(deploymentsPath, deploymentJSON(name))
	}
	page1 := s.mustDo(call{method: "GET", path: deploymentsPath + "?limit=2"}, http.StatusOK)
	var list struct {
		Kind, APIVersion string
		Metadata         metav1.ListMeta
		Items            []map[string]any
	}
	if err := json.Unmarshal(page1.body, &list); err != nil {
		t.Fatal(err)
	}
	if list.Kind != "DeploymentList" || list.APIVersion != "apps/v1" || list.Metadata.ResourceVersion != "3" ||
		list.Metadata.Continue == "" || list.Metadata.RemainingItemCount == nil || len(list.Items) != 2 {
		t.Fatalf("first page = %s", page1.body)
	}
	for _, item := range list.Items {
		if _, ok := item["kind"]; ok {
			t.Errorf("list item has a kind: %v", item)
		}
	}
	page2 := s.mustDo(call{method: "GET", path: deploymentsPath + "?limit=2&continue=" + list.Metadata.Continue}, http.StatusOK).object(t)
	items := page2["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["metadata"].(map[string]any)["name"] != "c" {
		t.Errorf("second page = %v", page2)
	}
	empty := s.mustDo(call{method: "GET", path: "/api/v1/namespaces/default/configmaps"}, http.StatusOK)
	if !strings.Contains(string(empty.body), `"items":[]`) {
		t.Errorf("empty list = %s, want items: []", empty.body)
	}
}

// One object comes with its kind and apiVersion, though storage may not
// keep them.
func TestGetSetsTypeMeta(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(deploymentsPath, `{"metadata":{"name":"bare"}}`)
	obj := s.mustDo(call{method: "GET", path: deploymentsPath + "/bare"}, http.StatusOK).object(t)
	if obj["kind"] != "Deployment" || obj["apiVersion"] != "apps/v1" {
		t.Errorf("get = %v", obj)
	}
}

// Accept: application/yaml gets YAML, Status included.
func TestYAMLOutput(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(deploymentsPath, deploymentJSON("web"))
	r := s.mustDo(call{method: "GET", path: deploymentsPath + "/web", header: []string{"Accept: application/yaml"}}, http.StatusOK)
	var obj map[string]any
	if err := yaml.Unmarshal(r.body, &obj); err != nil || r.header.Get("Content-Type") != mediaYAML || !strings.HasPrefix(string(r.body), "apiVersion: apps/v1\n") {
		t.Errorf("yaml get = %q (%v), Content-Type %q", r.body, err, r.header.Get("Content-Type"))
	}
	r = s.do(call{method: "GET", path: deploymentsPath + "/nope", header: []string{"Accept: application/yaml"}})
	if r.code != http.StatusNotFound || !strings.Contains(string(r.body), "reason: NotFound") {
		t.Errorf("yaml 404 = %d %s", r.code, r.body)
	}
}

func TestNegotiate(t *testing.T) {
	table := output{mediaType: mediaJSON, as: asTable, version: "v1"}
	for _, tc := range []struct {
		name, accept, verb string
		sh                 shape
		want               output
		wantErr            bool
	}{
		{"empty is json", "", "get", shapeObject, output{mediaType: mediaJSON}, false},
		{"anything", "*/*", "get", shapeObject, output{mediaType: mediaJSON}, false},
		{"kubectl get", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json", "list", shapeList, table, false},
		{"v1beta1 table", "application/json;as=Table;v=v1beta1;g=meta.k8s.io", "get", shapeObject, output{mediaType: mediaJSON, as: asTable, version: "v1beta1"}, false},
		{"protobuf first", "application/vnd.kubernetes.protobuf, */*", "get", shapeObject, output{mediaType: mediaJSON}, false},
		{"q ranks", "application/json;q=0.5, application/yaml", "get", shapeObject, output{mediaType: mediaYAML}, false},
		{"q=0 refuses", "application/yaml;q=0, application/json", "get", shapeObject, output{mediaType: mediaJSON}, false},
		{"no yaml watch", "application/yaml", "watch", shapeObject, output{}, true},
		{"watch partial", "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1", "watch", shapeObject, output{mediaType: mediaJSON, as: asPartial, version: "v1"}, false},
		{"partial list of a list", "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1", "list", shapeList, output{mediaType: mediaJSON, as: asPartialList, version: "v1"}, false},
		{"partial list of one object", "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1", "get", shapeObject, output{}, true},
		{"html", "text/html", "get", shapeObject, output{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := negotiate(tc.accept, tc.verb, tc.sh)
			if (err != nil) != tc.wantErr || (!tc.wantErr && got != tc.want) {
				t.Errorf("negotiate = %+v, %v; want %+v, error %v", got, err, tc.want, tc.wantErr)
			}
			if err != nil && statusOf(err).Code != http.StatusNotAcceptable {
				t.Errorf("error = %v, want a 406", err)
			}
		})
	}
}

// PartialObjectMetadata(List): what metadata informers and the garbage
// collector (stage 3) ask for, to watch every kind without its schema.
func TestPartialObjectMetadata(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(deploymentsPath, deploymentJSON("web"))
	one := s.mustDo(call{method: "GET", path: deploymentsPath + "/web", header: []string{"Accept: application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1"}}, http.StatusOK)
	obj := one.object(t)
	if obj["kind"] != "PartialObjectMetadata" || obj["apiVersion"] != "meta.k8s.io/v1" || obj["spec"] != nil ||
		obj["metadata"].(map[string]any)["name"] != "web" {
		t.Errorf("partial = %s", one.body)
	}
	if ct := one.header.Get("Content-Type"); ct != "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io" {
		t.Errorf("Content-Type = %q", ct)
	}
	list := s.mustDo(call{method: "GET", path: deploymentsPath, header: []string{"Accept: application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1"}}, http.StatusOK)
	var pl metav1.PartialObjectMetadataList
	if err := json.Unmarshal(list.body, &pl); err != nil || pl.Kind != "PartialObjectMetadataList" || len(pl.Items) != 1 ||
		pl.Items[0].Kind != "PartialObjectMetadata" || pl.Items[0].Name != "web" || pl.ResourceVersion == "" {
		t.Errorf("partial list = %s", list.body)
	}
}

// rawRegistry is the fake registry with lists that carry their items'
// encodings, as the watch cache's do: encode gives item i's Raw entry
// (nil for none).
type rawRegistry struct {
	*fakeregistry.Registry
	encode func(i int, item metav1.Object) []byte
}

func (r rawRegistry) Storage(group, resource string) (registry.Storage, bool) {
	s, ok := r.Registry.Storage(group, resource)
	if !ok {
		return nil, false
	}
	return rawStorage{Storage: s, encode: r.encode}, true
}

// rawStorage is one resource of a rawRegistry.
type rawStorage struct {
	registry.Storage
	encode func(i int, item metav1.Object) []byte
}

func (s rawStorage) List(ctx context.Context, namespace string, opts registry.ListOptions) (*registry.List, error) {
	list, err := s.Storage.List(ctx, namespace, opts)
	if err != nil {
		return nil, err
	}
	out := *list
	out.Raw = make([][]byte, len(list.Items))
	for i, item := range list.Items {
		out.Raw[i] = s.encode(i, item)
	}
	return &out, nil
}

// encodeItem is registry.EncodeItem for a test.
func encodeItem(t *testing.T, item metav1.Object) []byte {
	t.Helper()
	raw, err := registry.EncodeItem(item)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// Talk 004, step 3 ("controllers fetch"): an informer's list is served
// with the encodings the watch cache kept. The body is byte for byte the
// typed {Kind}List's encoding, whether the storage kept every item's
// encoding, some of them, or none.
func TestListJSONFromRawIsByteIdentical(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, name := range []string{"a", "b", "c"} {
		s.create(deploymentsPath, deploymentJSON(name))
	}
	// Characters encoding/json escapes (<, >, &, U+2028) and one it does not (é).
	s.create("/api/v1/namespaces/default/configmaps", `{"metadata":{"name":"html"},"data":{"page":"<a href=\"x?a=1&b=2\">é</a>\u2028"}}`)
	newServer := func(encode func(int, metav1.Object) []byte) *httptest.Server {
		srv := httptest.NewServer(New(rawRegistry{Registry: s.reg, encode: encode}, Options{Now: func() time.Time { return testNow }}))
		t.Cleanup(srv.Close)
		return srv
	}
	every := newServer(func(_ int, item metav1.Object) []byte { return encodeItem(t, item) })
	some := newServer(func(i int, item metav1.Object) []byte {
		if i%2 == 1 {
			return nil
		}
		return encodeItem(t, item)
	})

	tests := []struct {
		name, group, resource, namespace, query string
	}{
		{name: "deployments", group: "apps", resource: "deployments", namespace: "default"},
		{name: "a page with continue and remainingItemCount", group: "apps", resource: "deployments", namespace: "default", query: "limit=2"},
		{name: "characters json escapes", resource: "configmaps", namespace: "default"},
		{name: "an empty list", resource: "configmaps", namespace: "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// want: the typed list, encoded as writeList did before raw items.
			store, _ := s.reg.Storage(tc.group, tc.resource)
			q, _ := url.ParseQuery(tc.query)
			opts, err := listOptions(q, false, "")
			if err != nil {
				t.Fatal(err)
			}
			list, err := store.List(context.Background(), tc.namespace, opts)
			if err != nil {
				t.Fatal(err)
			}
			items := make([]metav1.Object, 0, len(list.Items))
			for _, item := range list.Items {
				items = append(items, withTypeMeta(item, metav1.GroupVersionKind{}))
			}
			res := store.Resource()
			want, err := json.Marshal(&listBody{
				TypeMeta: metav1.TypeMeta{Kind: res.ListKind, APIVersion: res.GroupVersion().String()},
				ListMeta: metav1.ListMeta{ResourceVersion: list.ResourceVersion, Continue: list.Continue, RemainingItemCount: list.RemainingItemCount},
				Items:    items,
			})
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, '\n')

			path := "/api/v1/namespaces/" + tc.namespace + "/" + tc.resource
			if tc.group != "" {
				path = "/apis/" + tc.group + "/v1/namespaces/" + tc.namespace + "/" + tc.resource
			}
			if tc.query != "" {
				path += "?" + tc.query
			}
			for _, srv := range []struct {
				name string
				url  string
			}{{"no encodings", s.srv.URL}, {"every encoding", every.URL}, {"every other encoding", some.URL}} {
				got := get(t, srv.url+path)
				if !bytes.Equal(got, want) {
					t.Errorf("%s: body\n%s\nwant\n%s", srv.name, got, want)
				}
			}
		})
	}
}

// The items of Raw are copied as they are, not encoded again: a storage's
// bytes are what the client reads.
func TestListJSONCopiesRaw(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(deploymentsPath, deploymentJSON("a"))
	srv := httptest.NewServer(New(rawRegistry{Registry: s.reg, encode: func(int, metav1.Object) []byte {
		return []byte(`{"marker":true}`)
	}}, Options{Now: func() time.Time { return testNow }}))
	t.Cleanup(srv.Close)
	if got := string(get(t, srv.URL+deploymentsPath)); !strings.Contains(got, `"items":[{"marker":true}]}`) {
		t.Errorf("list = %s, want the storage's item bytes", got)
	}
}

// get reads url's body and fails t unless the answer is 200.
func get(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d: %s", url, resp.StatusCode, body)
	}
	return body
}
