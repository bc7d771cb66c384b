// Discovery: the documents a client reads to learn what the server has,
// derived from the table so they can never disagree with it.
//
// Interface:
//   - APIVersions(addr): GET /api, the core group's versions.
//   - APIGroupList(), APIGroup(name): GET /apis and /apis/{group}.
//   - APIResourceList(groupVersion): GET /api/v1 and /apis/{group}/{version},
//     what `kubectl api-resources` prints.
//   - AggregatedDiscovery(core): GET /api or /apis with the aggregated
//     (apidiscovery.k8s.io/v2) Accept header: every resource in one reply.
//
// Talk 000, "API discovery", and talk 001, "discovery cache": kubectl
// fetches these once and caches them under ~/.kube/cache/discovery.

package scheme

import (
	"slices"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// APIVersions is the document at /api. serverAddress ("host:port") is
// where clients from any network reach the server.
func APIVersions(serverAddress string) *metav1.APIVersions {
	return &metav1.APIVersions{
		TypeMeta: metav1.TypeMeta{Kind: "APIVersions"},
		Versions: []string{"v1"},
		ServerAddressByClientCIDRs: []metav1.ServerAddressByClientCIDR{
			{ClientCIDR: "0.0.0.0/0", ServerAddress: serverAddress},
		},
	}
}

// APIGroupList is the document at /apis: every named group (the core
// group is at /api instead), with its versions and preferred version.
func APIGroupList() *metav1.APIGroupList {
	list := &metav1.APIGroupList{TypeMeta: metav1.TypeMeta{Kind: "APIGroupList", APIVersion: "v1"}, Groups: []metav1.APIGroup{}}
	for _, gv := range Groups() {
		if gv.Group == "" {
			continue
		}
		g := apiGroup(gv.Group)
		g.TypeMeta = metav1.TypeMeta{} // entries of the list carry no header
		list.Groups = append(list.Groups, g)
	}
	return list
}

// APIGroup is the document at /apis/{name}; false for a group this
// project does not serve (and for the core group, which has no such
// document).
func APIGroup(name string) (*metav1.APIGroup, bool) {
	if name == "" || !slices.ContainsFunc(Groups(), func(gv metav1.GroupVersion) bool { return gv.Group == name }) {
		return nil, false
	}
	g := apiGroup(name)
	return &g, true
}

func apiGroup(name string) metav1.APIGroup {
	g := metav1.APIGroup{TypeMeta: metav1.TypeMeta{Kind: "APIGroup", APIVersion: "v1"}, Name: name}
	for _, gv := range Groups() {
		if gv.Group == name {
			g.Versions = append(g.Versions, metav1.GroupVersionForDiscovery{GroupVersion: gv.String(), Version: gv.Version})
		}
	}
	g.PreferredVersion = g.Versions[0]
	return g
}

// APIResourceList is the document at /api/v1 ("v1") or
// /apis/{group}/{version} ("apps/v1"): each resource and subresource of
// the group version, sorted by name, so "pods/status" follows "pods".
// False for a group version this project does not serve.
func APIResourceList(groupVersion string) (*metav1.APIResourceList, bool) {
	gv, err := metav1.ParseGroupVersion(groupVersion)
	if err != nil || !slices.Contains(Groups(), gv) {
		return nil, false
	}
	list := &metav1.APIResourceList{TypeMeta: metav1.TypeMeta{Kind: "APIResourceList"}, GroupVersion: gv.String()}
	if gv.Group != "" {
		// The core group's list is served without apiVersion, the
		// named groups' with "v1", as upstream does.
		list.APIVersion = "v1"
	}
	for _, r := range table.all {
		if r.GroupVersion() != gv {
			continue
		}
		list.APIResources = append(list.APIResources, metav1.APIResource{
			Name: r.Resource, SingularName: r.Singular, Namespaced: r.Namespaced, Kind: r.Kind,
			Verbs: slices.Clone(r.Verbs), ShortNames: slices.Clone(r.ShortNames), Categories: slices.Clone(r.Categories),
		})
		for _, s := range r.Subresources {
			sub := metav1.APIResource{Name: r.Resource + "/" + s.Name, Namespaced: r.Namespaced, Kind: s.Kind, Verbs: slices.Clone(s.Verbs)}
			if s.Group != "" || s.Version != "" {
				sub.Group, sub.Version = s.Group, s.Version
			}
			list.APIResources = append(list.APIResources, sub)
		}
	}
	slices.SortFunc(list.APIResources, func(a, b metav1.APIResource) int { return strings.Compare(a.Name, b.Name) })
	return list, true
}

// AggregatedDiscovery is the aggregated document: with core true the one
// at /api (the core group only), otherwise the one at /apis (every named
// group, in Groups order). Resources are sorted by name, their
// subresources too.
func AggregatedDiscovery(core bool) *metav1.APIGroupDiscoveryList {
	list := &metav1.APIGroupDiscoveryList{
		TypeMeta: metav1.TypeMeta{Kind: "APIGroupDiscoveryList", APIVersion: "apidiscovery.k8s.io/v2"},
		Items:    []metav1.APIGroupDiscovery{},
	}
	for _, gv := range Groups() {
		if (gv.Group == "") != core {
			continue
		}
		v := metav1.APIVersionDiscovery{Version: gv.Version, Freshness: metav1.DiscoveryFreshnessCurrent}
		for _, r := range table.all {
			if r.GroupVersion() == gv {
				v.Resources = append(v.Resources, resourceDiscovery(r))
			}
		}
		slices.SortFunc(v.Resources, func(a, b metav1.APIResourceDiscovery) int { return strings.Compare(a.Resource, b.Resource) })
		list.Items = append(list.Items, metav1.APIGroupDiscovery{
			ObjectMeta: metav1.ObjectMeta{Name: gv.Group},
			Versions:   []metav1.APIVersionDiscovery{v},
		})
	}
	return list
}

func resourceDiscovery(r *Resource) metav1.APIResourceDiscovery {
	gvk := r.GroupVersionKind()
	scope := metav1.ScopeCluster
	if r.Namespaced {
		scope = metav1.ScopeNamespace
	}
	d := metav1.APIResourceDiscovery{
		Resource: r.Resource, ResponseKind: &gvk, Scope: scope, SingularResource: r.Singular,
		Verbs: slices.Clone(r.Verbs), ShortNames: slices.Clone(r.ShortNames), Categories: slices.Clone(r.Categories),
	}
	for _, s := range r.Subresources {
		sgvk := s.GroupVersionKind(r)
		d.Subresources = append(d.Subresources, metav1.APISubresourceDiscovery{
			Subresource: s.Name, ResponseKind: &sgvk, Verbs: slices.Clone(s.Verbs),
		})
	}
	slices.SortFunc(d.Subresources, func(a, b metav1.APISubresourceDiscovery) int {
		return strings.Compare(a.Subresource, b.Subresource)
	})
	return d
}
