package openapi

import (
	"bytes"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// refs collects every "$ref" string anywhere in a decoded document.
func refs(v any, out map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "$ref" {
				out[s] = true
			}
			refs(x, out)
		}
	case []any:
		for _, x := range v {
			refs(x, out)
		}
	}
}

// Talk 000, "API discovery → OpenAPI schema": every group-version served
// has a document, listed in the index with the hash of its bytes.
func TestIndex(t *testing.T) {
	s := served()
	var index v3Index
	if err := json.Unmarshal(s.V3Index(), &index); err != nil {
		t.Fatalf("decode index: %v", err)
	}
	var want []string
	for _, gv := range scheme.Groups() {
		want = append(want, groupVersionPath(gv))
	}
	var got []string
	for p, entry := range index.Paths {
		got = append(got, p)
		data, ok := s.V3(p)
		if !ok {
			t.Errorf("index lists %q, V3 has no document for it", p)
			continue
		}
		sum := sha512.Sum512(data)
		wantURL := "/openapi/v3/" + p + "?hash=" + strings.ToUpper(hex.EncodeToString(sum[:]))
		if entry.ServerRelativeURL != wantURL {
			t.Errorf("%s: serverRelativeURL %q, want %q", p, entry.ServerRelativeURL, wantURL)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("index paths (-scheme.Groups +index):\n%s", diff)
	}
	if _, ok := s.V3("apis/example.com/v1"); ok {
		t.Errorf("V3 answers for a group-version not served")
	}
}

// The hash in the index changes exactly when a document does: the same
// resources give the same bytes on every start, and dropping replicasets
// changes apps/v1's document and hash but not core/v1's.
func TestHashFollowsDocument(t *testing.T) {
	all := served()
	again := New(scheme.All(), testVersion)
	if !bytes.Equal(all.V3Index(), again.V3Index()) || !bytes.Equal(all.V2(), again.V2()) {
		t.Fatalf("two generations from the same resources differ")
	}
	fewer := New(slices.DeleteFunc(scheme.All(), func(r *scheme.Resource) bool { return r.Resource == "replicasets" }), testVersion)
	tests := []struct {
		name, path  string
		wantChanged bool
	}{
		{"apps/v1 lost replicasets", "apis/apps/v1", true},
		{"core/v1 is untouched", "api/v1", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if changed := all.v3[tc.path].hash != fewer.v3[tc.path].hash; changed != tc.wantChanged {
				t.Errorf("hash changed = %v, want %v", changed, tc.wantChanged)
			}
			if changed := !bytes.Contains(fewer.V3Index(), []byte(all.v3[tc.path].hash)); changed != tc.wantChanged {
				t.Errorf("index entry changed = %v, want %v", changed, tc.wantChanged)
			}
		})
	}
}

// Every $ref of every document, in paths and schemas alike, names a
// definition of the same document.
func TestRefsResolve(t *testing.T) {
	s := served()
	docs := map[string][]byte{"/openapi/v2": s.V2()}
	for _, p := range s.groupVersionPaths() {
		docs[p], _ = s.V3(p)
	}
	for name, data := range docs {
		t.Run(name, func(t *testing.T) {
			doc := decodeJSON(t, data)
			prefix, defs := "#/components/schemas/", map[string]any{}
			if name == "/openapi/v2" {
				prefix, defs = "#/definitions/", doc["definitions"].(map[string]any)
			} else {
				defs = doc["components"].(map[string]any)["schemas"].(map[string]any)
			}
			found := map[string]bool{}
			refs(doc, found)
			for ref := range found {
				target, ok := strings.CutPrefix(ref, prefix)
				if _, exists := defs[target]; !ok || !exists {
					t.Errorf("$ref %q does not resolve", ref)
				}
			}
		})
	}
}

// Pod and Deployment, and the meta/v1 kinds every group uses, carry the
// x-kubernetes-group-version-kind extension clients look them up by.
func TestKindDefinitions(t *testing.T) {
	tests := []struct {
		name, gvPath, definition string
		want                     []gvkExtension
	}{
		{"pod", "api/v1", "io.k8s.api.core.v1.Pod", []gvkExtension{{Version: "v1", Kind: "Pod"}}},
		{"pod list", "api/v1", "io.k8s.api.core.v1.PodList", []gvkExtension{{Version: "v1", Kind: "PodList"}}},
		{"deployment", "apis/apps/v1", "io.k8s.api.apps.v1.Deployment", []gvkExtension{{Group: "apps", Version: "v1", Kind: "Deployment"}}},
		{"scale", "apis/apps/v1", "io.k8s.api.autoscaling.v1.Scale", []gvkExtension{{Group: "autoscaling", Version: "v1", Kind: "Scale"}}},
		{"status is core's", "apis/batch/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.Status", []gvkExtension{{Version: "v1", Kind: "Status"}}},
		{"watch event is every group's", "apis/apps/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent", []gvkExtension{
			{Version: "v1", Kind: "WatchEvent"},
			{Group: "admissionregistration.k8s.io", Version: "v1", Kind: "WatchEvent"},
			{Group: "apps", Version: "v1", Kind: "WatchEvent"},
			{Group: "authentication.k8s.io", Version: "v1", Kind: "WatchEvent"},
			{Group: "authorization.k8s.io", Version: "v1", Kind: "WatchEvent"},
			{Group: "batch", Version: "v1", Kind: "WatchEvent"},
			{Group: "coordination.k8s.io", Version: "v1", Kind: "WatchEvent"},
			{Group: "discovery.k8s.io", Version: "v1", Kind: "WatchEvent"},
			{Group: "events.k8s.io", Version: "v1", Kind: "WatchEvent"},
			{Group: "rbac.authorization.k8s.io", Version: "v1", Kind: "WatchEvent"},
		}},
		{"events.k8s.io event", "apis/events.k8s.io/v1", "io.k8s.api.events.v1.Event",
			[]gvkExtension{{Group: "events.k8s.io", Version: "v1", Kind: "Event"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			def, ok := v3Schemas(t, tc.gvPath)[tc.definition].(map[string]any)
			if !ok {
				t.Fatalf("%s has no definition %s", tc.gvPath, tc.definition)
			}
			data, _ := json.Marshal(def["x-kubernetes-group-version-kind"])
			var got []gvkExtension
			if err := json.Unmarshal(data, &got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("kinds (-want +got):\n%s", diff)
			}
		})
	}
}

// The v2 document is Swagger 2.0 with every path of every group-version,
// and its definitions are the v3 ones with v2's refs, except where v2
// cannot say "one of".
func TestV2(t *testing.T) {
	s := served()
	var doc struct {
		Swagger     string                     `json:"swagger"`
		Info        info                       `json:"info"`
		Paths       map[string]json.RawMessage `json:"paths"`
		Definitions map[string]*schema         `json:"definitions"`
	}
	if err := json.Unmarshal(s.V2(), &doc); err != nil {
		t.Fatalf("decode v2: %v", err)
	}
	if doc.Swagger != "2.0" || doc.Info != (info{Title: "Kubernetes", Version: testVersion}) {
		t.Errorf("swagger %q, info %+v", doc.Swagger, doc.Info)
	}
	paths := 0
	for _, p := range s.groupVersionPaths() {
		data, _ := s.V3(p)
		var v3 struct {
			Paths      map[string]json.RawMessage `json:"paths"`
			Components v3Components               `json:"components"`
		}
		if err := json.Unmarshal(data, &v3); err != nil {
			t.Fatal(err)
		}
		paths += len(v3.Paths)
		for name, def := range v3.Components.Schemas {
			if name == "io.k8s.apimachinery.pkg.api.resource.Quantity" || name == "io.k8s.apimachinery.pkg.util.intstr.IntOrString" {
				continue // TestSpecialTypes
			}
			v3JSON := unwrapAllOf(t, def)
			v2JSON := unwrapAllOf(t, doc.Definitions[name]) // same key order as v3JSON
			if want := strings.ReplaceAll(string(v3JSON), "#/components/schemas/", "#/definitions/"); string(v2JSON) != want {
				t.Errorf("%s: v2 %s, want %s", name, v2JSON, want)
			}
		}
	}
	if len(doc.Paths) != paths {
		t.Errorf("v2 has %d paths, the v3 documents %d", len(doc.Paths), paths)
	}
}

func BenchmarkNew(b *testing.B) {
	resources := scheme.All()
	for b.Loop() {
		New(resources, testVersion)
	}
}

// unwrapAllOf renders a v3 schema the way v2 writes it: v3 wraps a $ref that
// carries extensions in a one-element allOf (a $ref may have no siblings
// there), v2 keeps the $ref beside them.
func unwrapAllOf(t *testing.T, def any) []byte {
	t.Helper()
	data, _ := json.Marshal(def)
	var tree any
	if err := json.Unmarshal(data, &tree); err != nil {
		t.Fatal(err)
	}
	var walk func(v any) any
	walk = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			if all, ok := v["allOf"].([]any); ok && len(all) == 1 {
				if inner, ok := all[0].(map[string]any); ok && len(inner) == 1 && inner["$ref"] != nil {
					delete(v, "allOf")
					v["$ref"] = inner["$ref"]
				}
			}
			for k, e := range v {
				v[k] = walk(e)
			}
		case []any:
			for i, e := range v {
				v[i] = walk(e)
			}
		}
		return v
	}
	out, _ := json.Marshal(walk(tree))
	return out
}
