// Discovery: /api, /apis and the per-group-version resource lists, in the
// older per-group format and in the aggregated one.
//
// Interface:
//   - serveDiscovery(w, r) answers the discovery paths and reports whether
//     the path was one.
//   - The aggregated form (apidiscovery.k8s.io/v2) is sent when the Accept
//     header asks for it and WithoutAggregatedDiscovery was not given;
//     otherwise APIVersions, APIGroupList, APIGroup and APIResourceList.
//
// The built-in documents are shared/scheme's (scheme.APIGroupList,
// scheme.AggregatedDiscovery, ...). Custom resources are appended here, the
// way upstream's apiextensions server adds the discovery of CRD groups to
// the built-in one. Talk 000, "API discovery".
package testserver

import (
	"mime"
	"net/http"
	"slices"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// Media types of discovery answers.
const (
	contentTypeJSON       = "application/json"
	contentTypeAggregated = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
)

// serveDiscovery answers r if its path is a discovery path.
func (s *Server) serveDiscovery(w http.ResponseWriter, r *http.Request) bool {
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	switch {
	case len(parts) == 1 && parts[0] == "api":
		if s.wantsAggregated(r) {
			writeJSON(w, http.StatusOK, contentTypeAggregated, scheme.AggregatedDiscovery(true))
		} else {
			writeJSON(w, http.StatusOK, contentTypeJSON, scheme.APIVersions(r.Host))
		}
	case len(parts) == 1 && parts[0] == "apis":
		if s.wantsAggregated(r) {
			list := scheme.AggregatedDiscovery(false)
			list.Items = append(list.Items, s.customAggregated()...)
			writeJSON(w, http.StatusOK, contentTypeAggregated, list)
		} else {
			list := scheme.APIGroupList()
			for _, g := range s.customGroups() {
				g.TypeMeta = metav1.TypeMeta{}
				list.Groups = append(list.Groups, g)
			}
			writeJSON(w, http.StatusOK, contentTypeJSON, list)
		}
	case len(parts) == 2 && parts[0] == "apis":
		if g, ok := scheme.APIGroup(parts[1]); ok {
			writeJSON(w, http.StatusOK, contentTypeJSON, g)
			return true
		}
		for _, g := range s.customGroups() {
			if g.Name == parts[1] {
				writeJSON(w, http.StatusOK, contentTypeJSON, g)
				return true
			}
		}
		return false
	case len(parts) == 2 && parts[0] == "api", len(parts) == 3 && parts[0] == "apis":
		gv := strings.Join(parts[1:], "/")
		if list, ok := scheme.APIResourceList(gv); ok {
			writeJSON(w, http.StatusOK, contentTypeJSON, list)
			return true
		}
		list, ok := s.customResourceList(gv)
		if !ok {
			return false
		}
		writeJSON(w, http.StatusOK, contentTypeJSON, list)
	default:
		return false
	}
	return true
}

// wantsAggregated reports whether the Accept header lists the aggregated
// type before plain JSON; parameters may come in any order.
func (s *Server) wantsAggregated(r *http.Request) bool {
	if s.opts.legacyOnly {
		return false
	}
	for _, rng := range strings.Split(r.Header.Get("Accept"), ",") {
		base, params, err := mime.ParseMediaType(strings.TrimSpace(rng))
		if err != nil {
			continue
		}
		if base == contentTypeJSON && params["g"] == "apidiscovery.k8s.io" && params["v"] == "v2" &&
			params["as"] == "APIGroupDiscoveryList" {
			return true
		}
		if base == contentTypeJSON || base == "*/*" {
			return false
		}
	}
	return false
}

// customGroups returns the APIGroup documents of the custom resources'
// groups, in the order their first resource was added; the first version
// added is preferred.
func (s *Server) customGroups() []metav1.APIGroup {
	var groups []metav1.APIGroup
	for _, r := range s.api.customs() {
		i := slices.IndexFunc(groups, func(g metav1.APIGroup) bool { return g.Name == r.Group })
		if i < 0 {
			groups = append(groups, metav1.APIGroup{TypeMeta: metav1.TypeMeta{Kind: "APIGroup", APIVersion: "v1"}, Name: r.Group})
			i = len(groups) - 1
		}
		v := metav1.GroupVersionForDiscovery{GroupVersion: r.GroupVersion().String(), Version: r.Version}
		if !slices.Contains(groups[i].Versions, v) {
			groups[i].Versions = append(groups[i].Versions, v)
		}
		groups[i].PreferredVersion = groups[i].Versions[0]
	}
	return groups
}

// customResourceList is the APIResourceList of a custom group version.
func (s *Server) customResourceList(groupVersion string) (*metav1.APIResourceList, bool) {
	list := &metav1.APIResourceList{TypeMeta: metav1.TypeMeta{Kind: "APIResourceList", APIVersion: "v1"}, GroupVersion: groupVersion}
	for _, r := range s.api.customs() {
		if r.GroupVersion().String() != groupVersion {
			continue
		}
		list.APIResources = append(list.APIResources, metav1.APIResource{
			Name: r.Resource, SingularName: r.Singular, Namespaced: r.Namespaced, Kind: r.Kind,
			Verbs: r.Verbs, ShortNames: r.ShortNames, Categories: r.Categories,
		})
		for _, sub := range r.Subresources {
			e := metav1.APIResource{Name: r.Resource + "/" + sub.Name, Namespaced: r.Namespaced, Kind: sub.Kind, Verbs: sub.Verbs}
			e.Group, e.Version = sub.Group, sub.Version
			list.APIResources = append(list.APIResources, e)
		}
	}
	return list, len(list.APIResources) > 0
}

// customAggregated is the aggregated discovery of the custom groups.
func (s *Server) customAggregated() []metav1.APIGroupDiscovery {
	var items []metav1.APIGroupDiscovery
	for _, g := range s.customGroups() {
		item := metav1.APIGroupDiscovery{ObjectMeta: metav1.ObjectMeta{Name: g.Name}}
		for _, v := range g.Versions {
			av := metav1.APIVersionDiscovery{Version: v.Version, Freshness: metav1.DiscoveryFreshnessCurrent}
			for _, r := range s.api.inGroupVersion(metav1.GroupVersion{Group: g.Name, Version: v.Version}) {
				scope := metav1.ScopeCluster
				if r.Namespaced {
					scope = metav1.ScopeNamespace
				}
				gvk := r.GroupVersionKind()
				ar := metav1.APIResourceDiscovery{
					Resource: r.Resource, SingularResource: r.Singular, Scope: scope, ResponseKind: &gvk,
					Verbs: r.Verbs, ShortNames: r.ShortNames, Categories: r.Categories,
				}
				for _, sub := range r.Subresources {
					sgvk := sub.GroupVersionKind(r)
					ar.Subresources = append(ar.Subresources, metav1.APISubresourceDiscovery{
						Subresource: sub.Name, ResponseKind: &sgvk, Verbs: sub.Verbs,
					})
				}
				av.Resources = append(av.Resources, ar)
			}
			item.Versions = append(item.Versions, av)
		}
		items = append(items, item)
	}
	return items
}
