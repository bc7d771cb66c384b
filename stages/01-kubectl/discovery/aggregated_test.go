package discovery

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// The aggregated form converts to what /apis and /apis/<g>/<v> would have
// said: the first fresh version is preferred, stale versions drop out,
// subresources become "parent/sub" entries, and a resource without a
// responseKind is dropped while its subresources stay.
func TestSplitAggregated(t *testing.T) {
	gvk := func(g, v, k string) *metav1.GroupVersionKind {
		return &metav1.GroupVersionKind{Group: g, Version: v, Kind: k}
	}
	in := metav1.APIGroupDiscoveryList{Items: []metav1.APIGroupDiscovery{{
		ObjectMeta: metav1.ObjectMeta{Name: "example.com"},
		Versions: []metav1.APIVersionDiscovery{
			{Version: "v2", Freshness: metav1.DiscoveryFreshnessStale},
			{Version: "v1", Freshness: metav1.DiscoveryFreshnessCurrent, Resources: []metav1.APIResourceDiscovery{
				{
					Resource: "widgets", SingularResource: "widget", Scope: metav1.ScopeNamespace,
					ResponseKind: gvk("example.com", "v1", "Widget"), Verbs: []string{"get", "list"},
					ShortNames: []string{"wd"},
					Subresources: []metav1.APISubresourceDiscovery{
						{Subresource: "scale", ResponseKind: gvk("autoscaling", "v1", "Scale"), Verbs: []string{"get", "update"}},
						{Subresource: "broken"},
					},
				},
				{
					Resource: "hidden", SingularResource: "hidden", Scope: metav1.ScopeCluster,
					Subresources: []metav1.APISubresourceDiscovery{
						{Subresource: "status", ResponseKind: gvk("example.com", "v1", "Hidden"), Verbs: []string{"get"}},
					},
				},
			}},
		},
	}}}

	groups, resources, stale := splitAggregated(in)

	wantGroups := []metav1.APIGroup{{
		Name:             "example.com",
		Versions:         []metav1.GroupVersionForDiscovery{{GroupVersion: "example.com/v1", Version: "v1"}},
		PreferredVersion: metav1.GroupVersionForDiscovery{GroupVersion: "example.com/v1", Version: "v1"},
	}}
	if diff := cmp.Diff(wantGroups, groups); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"example.com/v2"}, stale); diff != "" {
		t.Errorf("stale (-want +got):\n%s", diff)
	}
	want := &metav1.APIResourceList{
		TypeMeta:     metav1.TypeMeta{Kind: "APIResourceList", APIVersion: "v1"},
		GroupVersion: "example.com/v1",
		APIResources: []metav1.APIResource{
			{Name: "widgets", SingularName: "widget", Namespaced: true, Group: "example.com", Version: "v1",
				Kind: "Widget", Verbs: metav1.Verbs{"get", "list"}, ShortNames: []string{"wd"}},
			{Name: "widgets/scale", SingularName: "widget", Namespaced: true, Group: "autoscaling", Version: "v1",
				Kind: "Scale", Verbs: metav1.Verbs{"get", "update"}},
			{Name: "hidden/status", SingularName: "hidden", Group: "example.com", Version: "v1",
				Kind: "Hidden", Verbs: metav1.Verbs{"get"}},
		},
	}
	if diff := cmp.Diff(map[string]*metav1.APIResourceList{"example.com/v1": want}, resources); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
}

// Responses are told apart by their Content-Type, whatever the parameter
// order or extra parameters.
func TestIsAggregated(t *testing.T) {
	for _, tc := range []struct {
		contentType string
		want        bool
	}{
		{"application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", true},
		{"application/json; as=APIGroupDiscoveryList;v=v2;g=apidiscovery.k8s.io;charset=utf-8", true},
		{"application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList", true},
		{"application/json", false},
		{"application/json;charset=utf-8", false},
		{"application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList", false},
		{"text/html", false},
		{"", false},
	} {
		if got := isAggregated(tc.contentType); got != tc.want {
			t.Errorf("isAggregated(%q) = %v, want %v", tc.contentType, got, tc.want)
		}
	}
}
