// From aggregated discovery to the plain documents the cache holds.
//
// Interface:
//   - splitAggregated(list): the APIGroups and, per group version, the
//     APIResourceList that the same server would have served at /apis and
//     /apis/<group>/<version>; plus the group versions marked Stale.
//
// Aggregated discovery (apidiscovery.k8s.io/v2, shared/api/meta/v1
// discovery_aggregated.go) nests resources inside versions inside groups, so
// two responses replace dozens. The conversion follows upstream's: the
// preferred version is the first fresh one, a subresource becomes an
// APIResource named "parent/sub", and each resource keeps the group and
// version of its responseKind.
package discovery

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// splitAggregated converts an aggregated document. Versions marked Stale
// (an aggregated API server that did not answer) are left out of both
// results and returned in stale; resources without a responseKind are left
// out, but their subresources are kept when those have one.
func splitAggregated(list metav1.APIGroupDiscoveryList) (groups []metav1.APIGroup, resources map[string]*metav1.APIResourceList, stale []string) {
	resources = map[string]*metav1.APIResourceList{}
	for _, ag := range list.Items {
		g := metav1.APIGroup{Name: ag.Name}
		for _, av := range ag.Versions {
			gv := metav1.GroupVersion{Group: ag.Name, Version: av.Version}.String()
			if av.Freshness == metav1.DiscoveryFreshnessStale {
				stale = append(stale, gv)
				continue
			}
			v := metav1.GroupVersionForDiscovery{GroupVersion: gv, Version: av.Version}
			g.Versions = append(g.Versions, v)
			if g.PreferredVersion == (metav1.GroupVersionForDiscovery{}) {
				g.PreferredVersion = v
			}
			rl := &metav1.APIResourceList{
				TypeMeta:     metav1.TypeMeta{Kind: resourceListKind, APIVersion: "v1"},
				GroupVersion: gv,
			}
			for _, ar := range av.Resources {
				parent, ok := convertResource(ar)
				if ok {
					rl.APIResources = append(rl.APIResources, parent)
				}
				for _, sub := range ar.Subresources {
					if r, ok := convertSubresource(parent, sub); ok {
						rl.APIResources = append(rl.APIResources, r)
					}
				}
			}
			resources[gv] = rl
		}
		groups = append(groups, g)
	}
	return groups, resources, stale
}

// convertResource returns the APIResource for ar; ok is false when ar has no
// responseKind, in which case the partial result still names the parent of
// its subresources.
func convertResource(ar metav1.APIResourceDiscovery) (metav1.APIResource, bool) {
	r := metav1.APIResource{
		Name:         ar.Resource,
		SingularName: ar.SingularResource,
		Namespaced:   ar.Scope == metav1.ScopeNamespace,
		Verbs:        metav1.Verbs(ar.Verbs),
		ShortNames:   ar.ShortNames,
		Categories:   ar.Categories,
	}
	if ar.ResponseKind == nil || ar.ResponseKind.Empty() {
		return r, false
	}
	r.Group, r.Version, r.Kind = ar.ResponseKind.Group, ar.ResponseKind.Version, ar.ResponseKind.Kind
	return r, true
}

// convertSubresource returns "parent/sub" with the parent's scope and
// singular name; ok is false when the subresource has no responseKind.
func convertSubresource(parent metav1.APIResource, sub metav1.APISubresourceDiscovery) (metav1.APIResource, bool) {
	if sub.ResponseKind == nil || sub.ResponseKind.Empty() {
		return metav1.APIResource{}, false
	}
	return metav1.APIResource{
		Name:         parent.Name + "/" + sub.Subresource,
		SingularName: parent.SingularName,
		Namespaced:   parent.Namespaced,
		Group:        sub.ResponseKind.Group,
		Version:      sub.ResponseKind.Version,
		Kind:         sub.ResponseKind.Kind,
		Verbs:        metav1.Verbs(sub.Verbs),
	}, true
}
