package discovery_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/discovery"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// Talk 000, "-v 6": discovery asks GET …/apis?timeout=32s. An aggregated
// server answers everything in /api and /apis, so a cold cache costs two
// requests, each offering the aggregated type first.
func TestColdCacheAggregatedSendsTwoRequests(t *testing.T) {
	srv := testserver.Start(t)
	c := newClient(t, srv, t.TempDir())

	if _, _, err := c.ServerGroupsAndResources(context.Background()); err != nil {
		t.Fatalf("ServerGroupsAndResources: %v", err)
	}
	reqs := srv.Requests()
	if diff := cmp.Diff([]string{"GET /api", "GET /apis"}, paths(reqs)); diff != "" {
		t.Fatalf("requests (-want +got):\n%s", diff)
	}
	for _, r := range reqs {
		if got := r.Query.Get("timeout"); got != "32s" {
			t.Errorf("%s: timeout = %q, want 32s", r.Path, got)
		}
		const accept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"
		if got := r.Header.Get("Accept"); got != accept {
			t.Errorf("%s: Accept = %q, want %q", r.Path, got, accept)
		}
	}
}

// A server without aggregated discovery needs one request per group
// version after /api and /apis.
func TestColdCacheLegacyFetchesEveryGroupVersion(t *testing.T) {
	srv := testserver.Start(t, testserver.WithoutAggregatedDiscovery())
	c := newClient(t, srv, t.TempDir())

	groups, lists, err := c.ServerGroupsAndResources(context.Background())
	if err != nil {
		t.Fatalf("ServerGroupsAndResources: %v", err)
	}
	want := []string{"GET /api", "GET /apis"}
	for _, g := range groups {
		for _, v := range g.Versions {
			if g.Name == "" {
				want = append(want, "GET /api/"+v.Version)
			} else {
				want = append(want, "GET /apis/"+v.GroupVersion)
			}
		}
	}
	got := paths(srv.Requests())
	slices.Sort(got[2:]) // the group versions are fetched in parallel
	slices.Sort(want[2:])
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("requests (-want +got):\n%s", diff)
	}
	if len(lists) != len(want)-2 {
		t.Errorf("got %d resource lists, want %d", len(lists), len(want)-2)
	}
}

// The cache layout and format are upstream's, so the upstream kubectl reads
// these files: servergroups.json is an APIGroupList with the core group ""
// first, and each group version has <group>/<version>/serverresources.json
// (the core group's is v1/serverresources.json).
func TestCacheLayoutMatchesUpstream(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []testserver.Option
	}{
		{"aggregated", nil},
		{"legacy", []testserver.Option{testserver.WithoutAggregatedDiscovery()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := testserver.Start(t, tc.opts...)
			root := t.TempDir()
			if _, _, err := newClient(t, srv, root).ServerGroupsAndResources(context.Background()); err != nil {
				t.Fatalf("ServerGroupsAndResources: %v", err)
			}
			dir := serverDir(srv, root)
			if want := filepath.Join(root, "discovery", "127.0.0.1_"+srv.URL[strings.LastIndex(srv.URL, ":")+1:]); dir != want {
				t.Fatalf("cache dir = %s, want %s", dir, want)
			}

			var groups metav1.APIGroupList
			readJSON(t, filepath.Join(dir, "servergroups.json"), &groups)
			if groups.Kind != "APIGroupList" || groups.APIVersion != "v1" {
				t.Errorf("servergroups.json kind/apiVersion = %q/%q, want APIGroupList/v1", groups.Kind, groups.APIVersion)
			}
			core := metav1.APIGroup{
				Name:             "",
				Versions:         []metav1.GroupVersionForDiscovery{{GroupVersion: "v1", Version: "v1"}},
				PreferredVersion: metav1.GroupVersionForDiscovery{GroupVersion: "v1", Version: "v1"},
			}
			if diff := cmp.Diff(core, groups.Groups[0]); diff != "" {
				t.Errorf("first group (-want +got):\n%s", diff)
			}

			for _, gv := range []string{"v1", "apps/v1"} {
				var list metav1.APIResourceList
				readJSON(t, filepath.Join(dir, filepath.FromSlash(gv), "serverresources.json"), &list)
				if list.Kind != "APIResourceList" || list.APIVersion != "v1" || list.GroupVersion != gv {
					t.Errorf("%s: kind/apiVersion/groupVersion = %q/%q/%q", gv, list.Kind, list.APIVersion, list.GroupVersion)
				}
				if len(list.APIResources) == 0 {
					t.Errorf("%s: no resources cached", gv)
				}
			}
		})
	}
}

// Both discovery formats describe the same groups, so they must leave the
// very same servergroups.json behind.
func TestAggregatedAndLegacyWriteTheSameGroupsFile(t *testing.T) {
	read := func(opts ...testserver.Option) []byte {
		srv := testserver.Start(t, opts...)
		root := t.TempDir()
		if _, err := newClient(t, srv, root).ServerGroups(context.Background()); err != nil {
			t.Fatalf("ServerGroups: %v", err)
		}
		data, err := os.ReadFile(filepath.Join(serverDir(srv, root), "servergroups.json"))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	aggregated, legacy := read(), read(testserver.WithoutAggregatedDiscovery())
	if !bytes.Equal(aggregated, legacy) {
		t.Errorf("servergroups.json differs:\naggregated: %s\nlegacy:     %s", aggregated, legacy)
	}
	if !bytes.HasSuffix(aggregated, []byte("}\n")) {
		t.Errorf("servergroups.json should be one JSON line ending in a newline, got %q", aggregated)
	}
}

// Talk 000, "API discovery" (cached at ~/.kube/cache): the second command
// finds everything on disk and sends no discovery request at all.
func TestSecondRunSendsNoDiscoveryRequest(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []testserver.Option
	}{
		{"aggregated", nil},
		{"legacy", []testserver.Option{testserver.WithoutAggregatedDiscovery()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := testserver.Start(t, tc.opts...)
			root := t.TempDir()
			ctx := context.Background()
			if _, err := discovery.NewMapper(newClient(t, srv, root)).ResourceFor(ctx, "deploy"); err != nil {
				t.Fatalf("first run: %v", err)
			}
			srv.ResetRequests()

			second := newClient(t, srv, root)
			m, err := discovery.NewMapper(second).ResourceFor(ctx, "deploy")
			if err != nil {
				t.Fatalf("second run: %v", err)
			}
			if m.Resource != "deployments" {
				t.Errorf("second run resolved %q, want deployments", m.Resource)
			}
			if reqs := srv.DiscoveryRequests(); len(reqs) != 0 {
				t.Errorf("second run sent discovery requests: %v", paths(reqs))
			}
			if second.Fresh() {
				t.Error("data read from an earlier run's files must not count as fresh")
			}
		})
	}
}

// The cache is valid for six hours by file modification time.
func TestCacheExpiry(t *testing.T) {
	for _, tc := range []struct {
		name     string
		age      time.Duration
		requests int
	}{
		{"five hours old is used", 5 * time.Hour, 0},
		{"seven hours old is refetched", 7 * time.Hour, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := testserver.Start(t)
			root := t.TempDir()
			ctx := context.Background()
			if _, _, err := newClient(t, srv, root).ServerGroupsAndResources(ctx); err != nil {
				t.Fatal(err)
			}
			ageCache(t, serverDir(srv, root), tc.age)
			srv.ResetRequests()

			if _, _, err := newClient(t, srv, root).ServerGroupsAndResources(ctx); err != nil {
				t.Fatal(err)
			}
			if got := len(srv.DiscoveryRequests()); got != tc.requests {
				t.Errorf("discovery requests = %d, want %d", got, tc.requests)
			}
		})
	}
}

// Invalidate makes the next question go to the server, and the answer
// replaces the files.
func TestInvalidateRefetches(t *testing.T) {
	srv := testserver.Start(t)
	root := t.TempDir()
	ctx := context.Background()
	c := newClient(t, srv, root)
	if _, err := c.ServerGroups(ctx); err != nil {
		t.Fatal(err)
	}
	groupsFile := filepath.Join(serverDir(srv, root), "servergroups.json")
	ageCache(t, serverDir(srv, root), time.Hour)
	srv.ResetRequests()

	c.Invalidate()
	if _, err := c.ServerGroups(ctx); err != nil {
		t.Fatal(err)
	}
	if got := len(srv.DiscoveryRequests()); got != 2 {
		t.Errorf("discovery requests after Invalidate = %d, want 2", got)
	}
	info, err := os.Stat(groupsFile)
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(info.ModTime()) > time.Minute {
		t.Errorf("servergroups.json was not rewritten (modified %v ago)", time.Since(info.ModTime()))
	}
}

// One group version failing leaves the others usable.
func TestPartialDiscoveryFailure(t *testing.T) {
	srv := testserver.Start(t, testserver.WithoutAggregatedDiscovery())
	srv.Inject(testserver.Fault{Path: "/apis/apps/v1", Code: 503})
	c := newClient(t, srv, t.TempDir())

	_, lists, err := c.ServerGroupsAndResources(context.Background())
	var failed *discovery.GroupDiscoveryFailedError
	if !errors.As(err, &failed) {
		t.Fatalf("err = %v, want a *GroupDiscoveryFailedError", err)
	}
	if _, ok := failed.Groups["apps/v1"]; !ok || len(failed.Groups) != 1 {
		t.Errorf("failed groups = %v, want only apps/v1", failed.Groups)
	}
	if !strings.HasPrefix(err.Error(), "unable to retrieve the complete list of server APIs: apps/v1: ") {
		t.Errorf("message = %q", err)
	}
	if len(lists) == 0 {
		t.Error("the group versions that answered should still be returned")
	}
	if m, err := discovery.NewMapper(c).ResourceFor(context.Background(), "pods"); err != nil || m.Version != "v1" {
		t.Errorf("ResourceFor(pods) = %+v, %v; want core v1 pods", m, err)
	}
}

// A server that cannot be reached is an error, and nothing is cached.
func TestUnreachableServer(t *testing.T) {
	srv := testserver.Start(t)
	srv.Inject(testserver.Fault{Path: "/api", Code: 0})
	root := t.TempDir()
	if _, err := newClient(t, srv, root).ServerGroups(context.Background()); err == nil {
		t.Fatal("ServerGroups succeeded against a dropped connection")
	}
	if _, err := os.Stat(filepath.Join(serverDir(srv, root), "servergroups.json")); !os.IsNotExist(err) {
		t.Errorf("servergroups.json should not exist, stat err = %v", err)
	}
}

// kubectl version asks /version each time; upstream never caches it.
func TestServerVersion(t *testing.T) {
	srv := testserver.Start(t)
	c := newClient(t, srv, t.TempDir())
	for i := 0; i < 2; i++ {
		info, err := c.ServerVersion(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if info.GitVersion != testserver.ServerVersion.GitVersion {
			t.Errorf("GitVersion = %q", info.GitVersion)
		}
	}
	if got := len(srv.Requests()); got != 2 {
		t.Errorf("requests = %d, want 2 (no caching)", got)
	}
}

// ServerPreferredResources lists each resource once, at the preferred
// version, and leaves subresources out: what kubectl api-resources prints.
func TestServerPreferredResources(t *testing.T) {
	srv := testserver.Start(t)
	srv.AddResource(widgets("v1"))
	srv.AddResource(widgets("v1beta1"))
	c := newClient(t, srv, t.TempDir())
	lists, err := c.ServerPreferredResources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, l := range lists {
		for _, r := range l.APIResources {
			if strings.Contains(r.Name, "/") {
				t.Errorf("subresource %s listed", r.Name)
			}
			gv, _ := metav1.ParseGroupVersion(l.GroupVersion)
			key := metav1.GroupResource{Group: gv.Group, Resource: r.Name}.String()
			if prev, dup := seen[key]; dup {
				t.Errorf("%s listed twice (%s and %s)", key, prev, l.GroupVersion)
			}
			seen[key] = l.GroupVersion
		}
	}
	if seen["widgets.example.com"] != "example.com/v1" {
		t.Errorf("widgets listed at %q, want the preferred example.com/v1", seen["widgets.example.com"])
	}
}

// Without a cache directory nothing is written anywhere, and each client
// asks the server afresh.
func TestNoCacheDirectory(t *testing.T) {
	srv := testserver.Start(t)
	cwd := t.TempDir()
	t.Chdir(cwd)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		c := discovery.New(restClientOf(t, srv), "")
		if _, _, err := c.ServerGroupsAndResources(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := c.OpenAPIV3(ctx, "apps/v1"); err != nil {
			t.Fatal(err)
		}
	}
	if got := len(srv.DiscoveryRequests()); got != 4 {
		t.Errorf("discovery requests = %d, want 4 (two per client)", got)
	}
	if entries, _ := os.ReadDir(cwd); len(entries) != 0 {
		t.Errorf("files written to the working directory: %v", entries)
	}
}
