// The mapping index: every resource the server has, in priority order.
//
// Interface:
//   - buildIndex(groups, lists): one Mapping per top-level resource of each
//     group version, ranked as upstream ranks them - core v1 first, then
//     group by group in discovery order, the preferred version before the
//     others.
//   - lookupResource / lookupKind: the best-ranked entries that match.
//   - expandShortName: "po" → "pods", "deploy.apps" → "deployments.apps".
//   - parseResourceArg / parseKindArg: upstream's reading of "a.b.c".
//
// Nothing here knows a resource by name: every plural, singular, short name
// and kind comes from the discovery documents (issue: "REST mapping comes
// from discovery, not from a hard-coded list"). mapper.go drives it.
package discovery

import (
	"fmt"
	"slices"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// index holds the entries of one discovery snapshot.
type index struct {
	// entries are sorted by rank; entries of one group version share one.
	entries []entry
}

type entry struct {
	Mapping
	rank int
}

// buildIndex ranks the group versions and fills the entries. lists may lack
// group versions that failed discovery; they are skipped.
func buildIndex(groups []metav1.APIGroup, lists []*metav1.APIResourceList) *index {
	byGV := map[string]*metav1.APIResourceList{}
	for _, l := range lists {
		byGV[l.GroupVersion] = l
	}
	ix := &index{}
	rank := 0
	added := map[string]bool{}
	add := func(group, version string) {
		gv := metav1.GroupVersion{Group: group, Version: version}.String()
		list := byGV[gv]
		if list == nil || added[gv] {
			return
		}
		added[gv] = true
		ix.addList(group, version, list, rank)
		rank++
	}
	// The core group's v1 always wins a tie, whatever order the server
	// listed the groups in.
	add("", "v1")
	for _, g := range groups {
		for _, v := range preferredFirst(g) {
			add(g.Name, v.Version)
		}
	}
	return ix
}

// addList adds the top-level resources of one group version; subresources
// ("deployments/scale") are attached to their parent instead.
func (ix *index) addList(group, version string, list *metav1.APIResourceList, rank int) {
	subs := map[string][]string{}
	for _, r := range list.APIResources {
		if parent, sub, ok := strings.Cut(r.Name, "/"); ok {
			subs[parent] = append(subs[parent], sub)
		}
	}
	for _, r := range list.APIResources {
		if strings.Contains(r.Name, "/") {
			continue
		}
		singular := r.SingularName
		if singular == "" {
			singular = strings.ToLower(r.Kind)
		}
		ix.entries = append(ix.entries, entry{rank: rank, Mapping: Mapping{
			Group:        group,
			Version:      version,
			Resource:     r.Name,
			Kind:         r.Kind,
			Singular:     singular,
			Namespaced:   r.Namespaced,
			Verbs:        r.Verbs,
			ShortNames:   r.ShortNames,
			Categories:   r.Categories,
			Subresources: subs[r.Name],
		}})
	}
}

// lookupResource returns the best-ranked entry whose plural or singular
// name equals resource (compared in lower case, so "Pods" and "Deployment"
// work), within group and version when they are not empty.
func (ix *index) lookupResource(group, version, resource string) (Mapping, bool, error) {
	name := strings.ToLower(resource)
	return ix.best(resource, func(e entry) bool {
		return (group == "" || e.Group == group) && (version == "" || e.Version == version) &&
			(e.Resource == name || e.Singular == name)
	})
}

// lookupKind returns the best-ranked entry with exactly this kind in group,
// limited to version when it is not empty.
func (ix *index) lookupKind(group, version, kind string) (Mapping, bool, error) {
	return ix.best(kind, func(e entry) bool {
		return e.Group == group && (version == "" || e.Version == version) && e.Kind == kind
	})
}

// best returns the first-ranked match. Two matches of the same rank (one
// group version) cannot be told apart and make an *AmbiguousError.
func (ix *index) best(arg string, match func(entry) bool) (Mapping, bool, error) {
	var found []entry
	for _, e := range ix.entries {
		if len(found) > 0 && e.rank != found[0].rank {
			break
		}
		if match(e) {
			found = append(found, e)
		}
	}
	switch len(found) {
	case 0:
		return Mapping{}, false, nil
	case 1:
		return found[0].Mapping, true, nil
	}
	amb := &AmbiguousError{Arg: arg}
	for _, e := range found {
		amb.Matches = append(amb.Matches, e.Resource+"."+e.Version+"."+e.Group)
	}
	return Mapping{}, false, amb
}

// expandShortName turns a short name into the resource it stands for, the
// way upstream's shortcut expander does:
//  1. a real plural or singular name (in group, if given) is never a
//     short name, so it is returned unchanged;
//  2. otherwise the first resource in rank order listing the short name
//     wins; other resources listing it produce a warning each;
//  3. otherwise, when a group was given, a short name in a group starting
//     with it matches ("hpa.autoscal").
func (ix *index) expandShortName(group, resource string) (expandedGroup, expandedResource string, warnings []string) {
	for _, e := range ix.entries {
		if (group == "" || e.Group == group) && (e.Resource == resource || e.Singular == resource) {
			return group, resource, nil
		}
	}
	found := false
	warned := map[string]bool{}
	for _, e := range ix.entries {
		if (group != "" && e.Group != group) || !slices.Contains(e.ShortNames, resource) {
			continue
		}
		if !found {
			expandedGroup, expandedResource, found = e.Group, e.Resource, true
			continue
		}
		long := metav1.GroupResource{Group: e.Group, Resource: e.Resource}.String()
		if (e.Group == expandedGroup && e.Resource == expandedResource) || warned[long] {
			continue // the same resource in another version is no ambiguity
		}
		warned[long] = true
		warnings = append(warnings, fmt.Sprintf("short name %q could also match lower priority resource %s", resource, long))
	}
	if found {
		return expandedGroup, expandedResource, warnings
	}
	if group != "" {
		for _, e := range ix.entries {
			if strings.HasPrefix(e.Group, group) && slices.Contains(e.ShortNames, resource) {
				return e.Group, e.Resource, nil
			}
		}
	}
	return group, resource, nil
}

// parseResourceArg reads "resource", "resource.group" or
// "resource.version.group" as upstream does: with two or more dots the
// argument may be fully specified (version second, group the rest), and in
// any case the text after the first dot is a group.
func parseResourceArg(arg string) (full *metav1.GroupVersionResource, gr metav1.GroupResource) {
	if parts := strings.SplitN(arg, ".", 3); len(parts) == 3 {
		full = &metav1.GroupVersionResource{Group: parts[2], Version: parts[1], Resource: parts[0]}
	}
	return full, metav1.ParseGroupResource(arg)
}

// parseKindArg reads "Kind", "Kind.group" or "Kind.version.group" the same
// way.
func parseKindArg(arg string) (full *metav1.GroupVersionKind, gk metav1.GroupKind) {
	if parts := strings.SplitN(arg, ".", 3); len(parts) == 3 {
		full = &metav1.GroupVersionKind{Group: parts[2], Version: parts[1], Kind: parts[0]}
	}
	kind, group, _ := strings.Cut(arg, ".")
	return full, metav1.GroupKind{Group: group, Kind: kind}
}
