package discovery_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/discovery"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// Talk 000, "API discovery" (resources have a group and a version): what a
// user types resolves to a group, version and resource taken from discovery
// alone. The server also serves a custom resource that claims the short
// name "deploy" and a kind "Deployment" in another group, and widgets in
// two versions (v1 preferred) plus gadgets only in v1beta1.
func TestResourceFor(t *testing.T) {
	srv := testserver.Start(t)
	srv.AddResource(widgets("v1"))
	srv.AddResource(widgets("v1beta1"))
	srv.AddResource(testserver.Resource{Group: "example.com", Version: "v1beta1", Resource: "gadgets",
		Singular: "gadget", Kind: "Gadget", Verbs: []string{"get", "list"}})
	srv.AddResource(testserver.Resource{Group: "example.com", Version: "v1", Resource: "deployments",
		Singular: "deployment", Kind: "Deployment", Namespaced: true, Verbs: []string{"get", "list"},
		ShortNames: []string{"deploy"}})
	mapper := discovery.NewMapper(newClient(t, srv, t.TempDir()))

	const deployWarning = `short name "deploy" could also match lower priority resource deployments.example.com`
	for _, tc := range []struct {
		name     string
		arg      string
		want     string // resource.version.group
		warnings []string
	}{
		{"plural", "pods", "pods.v1.", nil},
		{"singular", "pod", "pods.v1.", nil},
		{"short name", "po", "pods.v1.", nil},
		{"kind as typed", "Pod", "pods.v1.", nil},
		{"upper case", "PODS", "pods.v1.", nil},
		{"short name in a group", "deploy", "deployments.v1.apps", []string{deployWarning}},
		{"resource.group", "deployments.apps", "deployments.v1.apps", nil},
		{"resource.version.group", "deployments.v1.apps", "deployments.v1.apps", nil},
		{"short name.group", "deploy.apps", "deployments.v1.apps", nil},
		{"kind", "Deployment", "deployments.v1.apps", nil},
		{"kind.group", "Deployment.apps", "deployments.v1.apps", nil},
		{"kind.version.group", "Deployment.v1.apps", "deployments.v1.apps", nil},
		{"same name, other group", "deployments.example.com", "deployments.v1.example.com", nil},
		{"custom resource at preferred version", "widgets", "widgets.v1.example.com", nil},
		{"custom short name", "wd", "widgets.v1.example.com", nil},
		{"non-preferred version asked for", "widgets.v1beta1.example.com", "widgets.v1beta1.example.com", nil},
		{"only in a non-preferred version", "gadgets", "gadgets.v1beta1.example.com", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := mapper.ResourceFor(context.Background(), tc.arg)
			if err != nil {
				t.Fatalf("ResourceFor(%q): %v", tc.arg, err)
			}
			if got := m.Resource + "." + m.Version + "." + m.Group; got != tc.want {
				t.Errorf("ResourceFor(%q) = %s, want %s", tc.arg, got, tc.want)
			}
			if diff := cmp.Diff(tc.warnings, m.Warnings); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}

// The mapping carries what the commands need besides the path: scope,
// verbs, kind, singular, short names and subresources.
func TestMappingFields(t *testing.T) {
	srv := testserver.Start(t)
	m, err := discovery.NewMapper(newClient(t, srv, t.TempDir())).ResourceFor(context.Background(), "deployments")
	if err != nil {
		t.Fatal(err)
	}
	if m.Kind != "Deployment" || m.Singular != "deployment" || !m.Namespaced {
		t.Errorf("kind/singular/namespaced = %q/%q/%v", m.Kind, m.Singular, m.Namespaced)
	}
	for _, verb := range []string{"get", "list", "watch", "create", "patch", "delete"} {
		if !m.HasVerb(verb) {
			t.Errorf("deployments lack verb %q: %v", verb, m.Verbs)
		}
	}
	if got := m.GroupVersionResource().String(); got != "apps/v1, Resource=deployments" {
		t.Errorf("GroupVersionResource = %s", got)
	}
	if got := m.GroupVersionKind().String(); got != "apps/v1, Kind=Deployment" {
		t.Errorf("GroupVersionKind = %s", got)
	}
	for _, sub := range []string{"scale", "status"} {
		if !contains(m.Subresources, sub) {
			t.Errorf("subresources %v lack %q", m.Subresources, sub)
		}
	}
	ns, err := discovery.NewMapper(newClient(t, srv, t.TempDir())).ResourceFor(context.Background(), "ns")
	if err != nil || ns.Namespaced || ns.Resource != "namespaces" {
		t.Errorf("ns = %+v, %v; want cluster-scoped namespaces", ns, err)
	}
}

// Errors read as upstream kubectl's: "error: the server doesn't have a
// resource type "foo"" once the command prefixes "error: ".
func TestResourceForErrors(t *testing.T) {
	srv := testserver.Start(t)
	mapper := discovery.NewMapper(newClient(t, srv, t.TempDir()))
	for _, tc := range []struct{ arg, want string }{
		{"foo", `the server doesn't have a resource type "foo"`},
		{"foo.example.com", `the server doesn't have a resource type "foo" in group "example.com"`},
		{"deployments.v9.apps", `the server doesn't have a resource type "deployments" in group "v9.apps"`},
		{"pod.apps", `the server doesn't have a resource type "pod" in group "apps"`},
	} {
		t.Run(tc.arg, func(t *testing.T) {
			_, err := mapper.ResourceFor(context.Background(), tc.arg)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("ResourceFor(%q) error = %v, want %q", tc.arg, err, tc.want)
			}
			if !discovery.IsNoMatch(err) {
				t.Errorf("IsNoMatch(%v) = false", err)
			}
		})
	}
}

// A manifest's apiVersion and kind map to a resource; an unknown kind gets
// upstream's message, and the create -f wrapper adds the CRD hint.
func TestMappingFor(t *testing.T) {
	srv := testserver.Start(t)
	mapper := discovery.NewMapper(newClient(t, srv, t.TempDir()))
	ctx := context.Background()

	for _, tc := range []struct{ apiVersion, kind, want string }{
		{"v1", "Pod", "pods.v1."},
		{"apps/v1", "Deployment", "deployments.v1.apps"},
		{"v1", "Namespace", "namespaces.v1."},
	} {
		m, err := mapper.MappingFor(ctx, tc.apiVersion, tc.kind)
		if err != nil {
			t.Errorf("MappingFor(%s, %s): %v", tc.apiVersion, tc.kind, err)
			continue
		}
		if got := m.Resource + "." + m.Version + "." + m.Group; got != tc.want {
			t.Errorf("MappingFor(%s, %s) = %s, want %s", tc.apiVersion, tc.kind, got, tc.want)
		}
	}

	_, err := mapper.MappingFor(ctx, "example.com/v1", "Foo")
	if want := `no matches for kind "Foo" in version "example.com/v1"`; err == nil || err.Error() != want {
		t.Fatalf("MappingFor(example.com/v1, Foo) error = %v, want %q", err, want)
	}
	var nk *discovery.NoKindMatchError
	if !errors.As(err, &nk) {
		t.Fatalf("error %T is not a *NoKindMatchError", err)
	}
	wrapped := discovery.MappingNotFoundError("x", "", "f.yaml", err)
	want := `resource mapping not found for name: "x" namespace: "" from "f.yaml": no matches for kind "Foo" in version "example.com/v1"` +
		"\nensure CRDs are installed first"
	if wrapped.Error() != want {
		t.Errorf("MappingNotFoundError =\n%s\nwant\n%s", wrapped, want)
	}
	if _, err := mapper.MappingFor(ctx, "apps/v1", "Pod"); err == nil || err.Error() != `no matches for kind "Pod" in version "apps/v1"` {
		t.Errorf("a kind in the wrong group: %v", err)
	}
}

// Talk 001 ("discovery cache"): a cache written before a CRD was installed
// does not know it. A miss on such old data invalidates the cache and asks
// the server once; a miss on data just fetched is final at once.
func TestMissRefetchesOnce(t *testing.T) {
	srv := testserver.Start(t)
	root := t.TempDir()
	ctx := context.Background()
	if _, err := discovery.NewMapper(newClient(t, srv, root)).ResourceFor(ctx, "pods"); err != nil {
		t.Fatal(err)
	}
	srv.AddResource(widgets("v1")) // installed after the cache was written
	srv.ResetRequests()

	c := newClient(t, srv, root)
	mapper := discovery.NewMapper(c)
	m, err := mapper.ResourceFor(ctx, "widgets")
	if err != nil {
		t.Fatalf("ResourceFor(widgets) after install: %v", err)
	}
	if m.Group != "example.com" {
		t.Errorf("widgets group = %q", m.Group)
	}
	if got := paths(srv.DiscoveryRequests()); len(got) != 2 {
		t.Errorf("refetch sent %v, want /api and /apis once", got)
	}
	if !c.Fresh() {
		t.Error("after the refetch the client should be fresh")
	}

	srv.ResetRequests()
	if _, err := mapper.ResourceFor(ctx, "nonesuch"); !discovery.IsNoMatch(err) {
		t.Fatalf("ResourceFor(nonesuch) error = %v, want a no-match error", err)
	}
	if reqs := srv.DiscoveryRequests(); len(reqs) != 0 {
		t.Errorf("a miss on fresh data sent %v; it must not ask again", paths(reqs))
	}

	// A new process with a warm cache misses on "nonesuch" too, but its data
	// is old: it asks exactly once more, then gives up.
	srv.ResetRequests()
	_, err = discovery.NewMapper(newClient(t, srv, root)).MappingFor(ctx, "example.com/v1", "Nonesuch")
	if !discovery.IsNoMatch(err) {
		t.Fatalf("MappingFor error = %v", err)
	}
	if got := len(srv.DiscoveryRequests()); got != 2 {
		t.Errorf("discovery requests = %d, want 2 (one refetch)", got)
	}
}

// "kubectl get all" lists the resources in category "all".
func TestResourcesInCategory(t *testing.T) {
	srv := testserver.Start(t)
	got, err := discovery.NewMapper(newClient(t, srv, t.TempDir())).ResourcesInCategory(context.Background(), "all")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range got {
		names = append(names, m.GroupResource().String())
	}
	for _, want := range []string{"pods", "deployments.apps"} {
		if !contains(names, want) {
			t.Errorf("category all = %v, lacks %s", names, want)
		}
	}
	if contains(names, "namespaces") {
		t.Errorf("category all = %v should not hold namespaces", names)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
