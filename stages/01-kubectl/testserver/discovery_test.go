package testserver_test

import (
	"encoding/json"
	"strings"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

const acceptAggregated = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"

// Talk 000, "API discovery": the server answers in the format the client
// prefers; plain JSON unless the aggregated type comes first, and never
// aggregated when the server is told it predates it.
func TestDiscoveryNegotiation(t *testing.T) {
	for _, tc := range []struct {
		name, path, accept string
		opts               []testserver.Option
		wantType, wantKind string
	}{
		{"api plain", "/api", "application/json", nil, "application/json", "APIVersions"},
		{"apis plain", "/apis", "", nil, "application/json", "APIGroupList"},
		{"api aggregated", "/api", acceptAggregated, nil, "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", "APIGroupDiscoveryList"},
		{"apis aggregated", "/apis", acceptAggregated, nil, "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", "APIGroupDiscoveryList"},
		{"plain preferred first", "/apis", "application/json," + acceptAggregated, nil, "application/json", "APIGroupList"},
		{"legacy-only server", "/apis", acceptAggregated, []testserver.Option{testserver.WithoutAggregatedDiscovery()}, "application/json", "APIGroupList"},
		{"group", "/apis/apps", "", nil, "application/json", "APIGroup"},
		{"core resources", "/api/v1", "", nil, "application/json", "APIResourceList"},
		{"group resources", "/apis/apps/v1", "", nil, "application/json", "APIResourceList"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := testserver.Start(t, tc.opts...)
			code, ctype, body := call(t, srv, "GET", tc.path, nil, "Accept", tc.accept)
			if code != 200 || ctype != tc.wantType {
				t.Fatalf("GET %s: %d %s, want 200 %s", tc.path, code, ctype, tc.wantType)
			}
			if kind := decode(t, body)["kind"]; kind != tc.wantKind {
				t.Errorf("kind = %v, want %s", kind, tc.wantKind)
			}
		})
	}
}

// The built-in documents are shared/scheme's, byte for byte.
func TestDiscoveryFromScheme(t *testing.T) {
	srv := testserver.Start(t)
	want, _ := scheme.APIResourceList("apps/v1")
	wantJSON, _ := json.Marshal(want)
	_, _, body := call(t, srv, "GET", "/apis/apps/v1", nil)
	if strings.TrimSpace(string(body)) != string(wantJSON) {
		t.Errorf("/apis/apps/v1 =\n%s\nwant\n%s", body, wantJSON)
	}
	if code, _, _ := call(t, srv, "GET", "/apis/example.com/v1", nil); code != 404 {
		t.Errorf("unknown group version: %d, want 404", code)
	}
}

// Talk 001 ("aggregation layer", CRDs): an added resource appears in both
// discovery forms, after the built-in groups, first version preferred,
// and its objects are served.
func TestAddResource(t *testing.T) {
	srv := testserver.Start(t)
	for _, v := range []string{"v1", "v1alpha1"} {
		srv.AddResource(testserver.Resource{Group: "example.com", Version: v, Resource: "widgets", Singular: "widget",
			Kind: "Widget", Namespaced: true, Verbs: []string{"create", "get", "list"}, ShortNames: []string{"wd"},
			Subresources: []string{"status"}})
	}

	_, _, body := call(t, srv, "GET", "/apis", nil)
	var groups metav1.APIGroupList
	json.Unmarshal(body, &groups)
	last := groups.Groups[len(groups.Groups)-1]
	if last.Name != "example.com" || len(last.Versions) != 2 || last.PreferredVersion.Version != "v1" {
		t.Errorf("last group = %+v, want example.com with v1 preferred", last)
	}

	_, _, body = call(t, srv, "GET", "/apis", nil, "Accept", acceptAggregated)
	var agg metav1.APIGroupDiscoveryList
	json.Unmarshal(body, &agg)
	item := agg.Items[len(agg.Items)-1]
	if item.Name != "example.com" || len(item.Versions) != 2 || item.Versions[0].Resources[0].Resource != "widgets" ||
		item.Versions[0].Resources[0].Subresources[0].Subresource != "status" {
		t.Errorf("aggregated item = %+v", item)
	}

	_, _, body = call(t, srv, "GET", "/apis/example.com/v1", nil)
	var list metav1.APIResourceList
	json.Unmarshal(body, &list)
	if len(list.APIResources) != 2 || list.APIResources[0].Name != "widgets" || list.APIResources[1].Name != "widgets/status" {
		t.Errorf("resource list = %+v", list)
	}

	w := map[string]any{"apiVersion": "example.com/v1", "kind": "Widget", "metadata": map[string]any{"name": "w1"}}
	if code, _, body := call(t, srv, "POST", "/apis/example.com/v1/namespaces/default/widgets", w); code != 201 {
		t.Fatalf("create widget: %d %s", code, body)
	}
	_, ctype, body := call(t, srv, "GET", "/apis/example.com/v1/namespaces/default/widgets", nil,
		"Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
	if !strings.Contains(ctype, "as=Table") || !strings.Contains(string(body), `"name":"Age"`) || !strings.Contains(string(body), `"w1"`) {
		t.Errorf("widget table: %s %s", ctype, body)
	}
}
