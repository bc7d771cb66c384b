package discovery

import (
	"errors"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

func group(name string, versions ...string) metav1.APIGroup {
	g := metav1.APIGroup{Name: name}
	for _, v := range versions {
		gv := metav1.GroupVersion{Group: name, Version: v}.String()
		g.Versions = append(g.Versions, metav1.GroupVersionForDiscovery{GroupVersion: gv, Version: v})
	}
	g.PreferredVersion = g.Versions[0]
	return g
}

func list(gv string, resources ...metav1.APIResource) *metav1.APIResourceList {
	return &metav1.APIResourceList{GroupVersion: gv, APIResources: resources}
}

// Upstream ranks core v1 first whatever the server's group order, then
// each group's preferred version before its others.
func TestBuildIndexRanks(t *testing.T) {
	ix := buildIndex(
		[]metav1.APIGroup{group("b.example", "v2", "v1"), group("", "v1")},
		[]*metav1.APIResourceList{
			list("b.example/v1", metav1.APIResource{Name: "things", Kind: "Thing"}),
			list("b.example/v2", metav1.APIResource{Name: "things", Kind: "Thing"}, metav1.APIResource{Name: "things/status", Kind: "Thing"}),
			list("v1", metav1.APIResource{Name: "things", Kind: "Thing"}),
		})
	var got []string
	for _, e := range ix.entries {
		got = append(got, e.Resource+"."+e.Version+"."+e.Group)
	}
	want := []string{"things.v1.", "things.v2.b.example", "things.v1.b.example"}
	if len(got) != len(want) {
		t.Fatalf("entries = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("entries = %v, want %v", got, want)
		}
	}
	if ix.entries[1].Singular != "thing" {
		t.Errorf("singular defaults to the lower-case kind, got %q", ix.entries[1].Singular)
	}
	if len(ix.entries[1].Subresources) != 1 || ix.entries[1].Subresources[0] != "status" {
		t.Errorf("subresources = %v, want [status]", ix.entries[1].Subresources)
	}
}

// Two resources of one group version answering the same name cannot be
// ranked: the mapper refuses to guess.
func TestAmbiguousName(t *testing.T) {
	ix := buildIndex([]metav1.APIGroup{group("example.com", "v1")}, []*metav1.APIResourceList{
		list("example.com/v1",
			metav1.APIResource{Name: "data", SingularName: "datum", Kind: "Datum"},
			metav1.APIResource{Name: "datums", SingularName: "data", Kind: "Datum2"}),
	})
	_, err := resourceFor(ix, "data")
	var amb *AmbiguousError
	if !errors.As(err, &amb) {
		t.Fatalf("err = %v, want *AmbiguousError", err)
	}
	if want := "data matches multiple resources [data.v1.example.com datums.v1.example.com]"; err.Error() != want {
		t.Errorf("message = %q, want %q", err, want)
	}
}

// Upstream's reading of dotted arguments.
func TestParseArgs(t *testing.T) {
	full, gr := parseResourceArg("deployments.v1.apps")
	if full == nil || *full != (metav1.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"}) {
		t.Errorf("full = %v", full)
	}
	if gr != (metav1.GroupResource{Group: "v1.apps", Resource: "deployments"}) {
		t.Errorf("group resource = %v", gr)
	}
	if full, gr := parseResourceArg("deployments.apps"); full != nil || gr.Group != "apps" {
		t.Errorf("deployments.apps = %v, %v", full, gr)
	}
	fk, gk := parseKindArg("Deployment.v1.apps")
	if fk == nil || fk.Kind != "Deployment" || fk.Version != "v1" || fk.Group != "apps" || gk.Group != "v1.apps" {
		t.Errorf("kind arg = %v, %v", fk, gk)
	}
}
