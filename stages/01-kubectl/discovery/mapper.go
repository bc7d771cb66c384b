// The REST mapper: from what a user types to the URL's resource.
//
// Interface:
//   - NewMapper(client) builds a Mapper over a discovery Client.
//   - ResourceFor(ctx, "po" | "pods" | "Pod" | "deploy" | "deployments.apps"
//     | "deployments.v1.apps"): the Mapping kubectl get uses.
//   - MappingFor(ctx, "apps/v1", "Deployment"): the Mapping for a manifest.
//   - ResourcesInCategory(ctx, "all"): what "kubectl get all" lists.
//
// A miss on cached data is not trusted at once: the Client is invalidated
// and the question asked once more against the server's current answer
// (a CRD installed since the cache was written appears this way). Talk 001,
// "REST mappings": the route a request takes is found from its kind; here
// the client side finds that route. index.go holds the lookup rules.
package discovery

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"k8s.io/klog/v2"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Mapping is everything discovery says about one resource at one version.
type Mapping struct {
	// Group is "" for the core group.
	Group   string
	Version string
	// Resource is the plural used in URLs ("deployments").
	Resource string
	Kind     string
	// Singular is the lower-case singular ("deployment").
	Singular   string
	Namespaced bool
	Verbs      []string
	ShortNames []string
	Categories []string
	// Subresources are the names after the slash ("status", "scale").
	Subresources []string
	// Warnings are for the user, printed as "Warning: ..." on stderr: a
	// short name that other resources also claim.
	Warnings []string
}

// GroupVersionResource returns the mapping's group, version and resource.
func (m Mapping) GroupVersionResource() metav1.GroupVersionResource {
	return metav1.GroupVersionResource{Group: m.Group, Version: m.Version, Resource: m.Resource}
}

// GroupVersionKind returns the mapping's group, version and kind.
func (m Mapping) GroupVersionKind() metav1.GroupVersionKind {
	return metav1.GroupVersionKind{Group: m.Group, Version: m.Version, Kind: m.Kind}
}

// GroupResource returns the name error messages use ("deployments.apps").
func (m Mapping) GroupResource() metav1.GroupResource {
	return metav1.GroupResource{Group: m.Group, Resource: m.Resource}
}

// HasVerb reports whether the resource supports verb ("list", "watch").
func (m Mapping) HasVerb(verb string) bool { return slices.Contains(m.Verbs, verb) }

// Mapper resolves resource arguments and kinds against discovery. It is
// safe for concurrent use.
type Mapper struct {
	client *Client

	mu sync.Mutex
	ix *index // nil until first use and after a reset
}

// NewMapper returns a Mapper that reads discovery through client.
func NewMapper(client *Client) *Mapper { return &Mapper{client: client} }

// ResourceFor resolves a resource argument as kubectl get reads it: a
// plural, singular or short name, or a kind, optionally followed by
// ".group" or ".version.group". The name part must not contain a "/"
// ("deployment.apps/nginx" is split by the caller). When nothing matches it
// returns a *NoResourceTypeError.
func (m *Mapper) ResourceFor(ctx context.Context, arg string) (Mapping, error) {
	return retryOnce(ctx, m, func(ix *index) (Mapping, error) { return resourceFor(ix, arg) })
}

// MappingFor resolves a manifest's apiVersion ("apps/v1", "v1") and kind.
// When nothing matches it returns a *NoKindMatchError.
func (m *Mapper) MappingFor(ctx context.Context, apiVersion, kind string) (Mapping, error) {
	gv, err := metav1.ParseGroupVersion(apiVersion)
	if err != nil {
		return Mapping{}, fmt.Errorf("map kind %s: %w", kind, err)
	}
	return retryOnce(ctx, m, func(ix *index) (Mapping, error) {
		mapping, ok, err := ix.lookupKind(gv.Group, gv.Version, kind)
		if err != nil || ok {
			return mapping, err
		}
		nk := &NoKindMatchError{Group: gv.Group, Kind: kind}
		if gv.Version != "" {
			nk.SearchedVersions = []string{gv.Version}
		}
		return Mapping{}, nk
	})
}

// ResourcesInCategory returns the resources that list category ("all"),
// one per group resource at its best-ranked version, in discovery order.
func (m *Mapper) ResourcesInCategory(ctx context.Context, category string) ([]Mapping, error) {
	ix, err := m.load(ctx)
	if err != nil {
		return nil, err
	}
	var out []Mapping
	seen := map[metav1.GroupResource]bool{}
	for _, e := range ix.entries {
		if slices.Contains(e.Categories, category) && !seen[e.GroupResource()] {
			seen[e.GroupResource()] = true
			out = append(out, e.Mapping)
		}
	}
	return out, nil
}

// Reset drops the index; the next lookup rebuilds it from the Client.
func (m *Mapper) Reset() {
	m.mu.Lock()
	m.ix = nil
	m.mu.Unlock()
}

// retryOnce runs lookup on the index. A miss on data that came from older
// cache files invalidates the Client and runs lookup once more on what the
// server says now; a miss on fresh data is final.
func retryOnce(ctx context.Context, m *Mapper, lookup func(*index) (Mapping, error)) (Mapping, error) {
	ix, err := m.load(ctx)
	if err != nil {
		return Mapping{}, err
	}
	mapping, err := lookup(ix)
	if err == nil || !IsNoMatch(err) || m.client.Fresh() {
		return mapping, err
	}
	klog.FromContext(ctx).V(4).Info("Discovery cache missed, invalidating and asking the server", "err", err)
	m.client.Invalidate()
	m.Reset()
	if ix, err = m.load(ctx); err != nil {
		return Mapping{}, err
	}
	return lookup(ix)
}

// load returns the index, building it on first use. A partial discovery
// failure (one aggregated API down) still builds an index from the rest.
func (m *Mapper) load(ctx context.Context) (*index, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ix != nil {
		return m.ix, nil
	}
	groups, lists, err := m.client.ServerGroupsAndResources(ctx)
	if err != nil {
		if lists == nil {
			return nil, err
		}
		klog.FromContext(ctx).V(1).Info("Building the REST mapper from partial discovery", "err", err)
	}
	m.ix = buildIndex(groups, lists)
	return m.ix, nil
}

// resourceFor follows upstream's order: a fully specified resource.version.
// group, then resource(.group), each after short-name expansion; then the
// same text read as a kind.
func resourceFor(ix *index, arg string) (Mapping, error) {
	full, gr := parseResourceArg(arg)
	if full != nil {
		group, resource, warnings := ix.expandShortName(full.Group, full.Resource)
		mapping, ok, err := ix.lookupResource(group, full.Version, resource)
		if err != nil {
			return Mapping{}, err
		}
		if ok {
			mapping.Warnings = warnings
			return mapping, nil
		}
	}
	group, resource, warnings := ix.expandShortName(gr.Group, gr.Resource)
	mapping, ok, err := ix.lookupResource(group, "", resource)
	if err != nil {
		return Mapping{}, err
	}
	if ok {
		mapping.Warnings = warnings
		return mapping, nil
	}

	fullKind, gk := parseKindArg(arg)
	if fullKind != nil {
		if mapping, ok, _ := ix.lookupKind(fullKind.Group, fullKind.Version, fullKind.Kind); ok {
			return mapping, nil
		}
	}
	if mapping, ok, _ := ix.lookupKind(gk.Group, "", gk.Kind); ok {
		return mapping, nil
	}
	return Mapping{}, &NoResourceTypeError{Resource: gr.Resource, Group: gr.Group}
}
