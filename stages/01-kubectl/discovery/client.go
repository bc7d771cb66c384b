// The cached discovery client: what the server serves, asked once.
//
// Interface:
//   - New(doer, dir) builds a Client over a transport (*rest.Client) and a
//     per-server cache directory (ServerCacheDir).
//   - ServerGroups, ServerResourcesForGroupVersion, ServerGroupsAndResources
//     and ServerPreferredResources answer from memory, then from the cache
//     files, then from the server (fetch.go), writing what they fetched.
//   - Fresh and Invalidate let the REST mapper (mapper.go) refetch once
//     when a cached answer lacks what the user asked for.
//
// The files are upstream's: servergroups.json holds an APIGroupList whose
// first group is the core group "" at v1, and <group>/<version>/
// serverresources.json (core: v1/serverresources.json) holds an
// APIResourceList. Talk 000, "API discovery" (cached at ~/.kube/cache):
// a second command finds everything on disk and sends no discovery request.
package discovery

import (
	"context"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"k8s.io/klog/v2"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// Doer sends one request to the API server. *rest.Client implements it: a
// response outside 2xx comes back as an error with a StatusCode() int
// method, and every request is logged at -v 6 like the talk shows.
type Doer interface {
	Do(ctx context.Context, req rest.Request) (*rest.Response, error)
}

var _ Doer = (*rest.Client)(nil)

// File names inside a server's cache directory, as upstream writes them.
const (
	serverGroupsFile    = "servergroups.json"
	serverResourcesFile = "serverresources.json"
)

// Client answers discovery questions for one API server. It is safe for
// concurrent use.
type Client struct {
	doer  Doer
	cache *diskCache

	mu sync.Mutex
	// groups and resources remember answers for the life of the Client (or
	// until Invalidate); resources is keyed by group version ("v1",
	// "apps/v1").
	groups    *metav1.APIGroupList
	resources map[string]*metav1.APIResourceList
	openapi   *openAPIIndex
}

// Option changes how New builds a Client.
type Option func(*Client)

// WithTTL sets how long cache files are trusted (DefaultTTL otherwise).
func WithTTL(ttl time.Duration) Option {
	return func(c *Client) { c.cache.ttl = ttl }
}

// New returns a Client that sends requests through doer and caches them in
// dir, one server's directory from ServerCacheDir. An empty dir disables the
// disk cache; answers are then kept in memory only.
func New(doer Doer, dir string, opts ...Option) *Client {
	c := &Client{
		doer:      doer,
		cache:     newDiskCache(dir, DefaultTTL),
		resources: map[string]*metav1.APIResourceList{},
	}
	for _, opt := range opts {
		opt(c)
	}
	return c
}

// Dir returns the cache directory the client reads and writes.
func (c *Client) Dir() string { return c.cache.dir }

// ServerGroups returns every API group with its versions, the core group ""
// first. It fetches /api and /apis only when servergroups.json is missing,
// expired or invalidated. When the server answers in the aggregated format,
// the resources arrive in the same two responses and are cached too, so no
// per-group request follows.
func (c *Client) ServerGroups(ctx context.Context) (*metav1.APIGroupList, error) {
	c.mu.Lock()
	groups := c.groups
	c.mu.Unlock()
	if groups != nil {
		return groups, nil
	}

	logger := klog.FromContext(ctx)
	if data, err := c.cache.read(serverGroupsFile); err == nil {
		var cached metav1.APIGroupList
		if err := json.Unmarshal(data, &cached); err == nil {
			logger.V(10).Info("Returning cached discovery info", "fileName", c.cache.path(serverGroupsFile))
			c.remember(&cached, nil)
			return &cached, nil
		}
	}

	live, resources, err := c.fetchGroups(ctx)
	if err != nil {
		logger.V(3).Info("Skipped caching discovery info due to error", "err", err)
		return nil, err
	}
	if len(live.Groups) == 0 {
		logger.V(3).Info("Skipped caching discovery info, no groups found")
	} else if err := c.cache.write(serverGroupsFile, live); err != nil {
		logger.V(1).Info("Failed to write cache", "fileName", c.cache.path(serverGroupsFile), "err", err)
	}
	for gv, list := range resources {
		c.writeResources(ctx, gv, list)
	}
	c.remember(live, resources)
	return live, nil
}

// ServerResourcesForGroupVersion returns the resources of one group version
// ("v1", "apps/v1"), from <group>/<version>/serverresources.json when valid,
// else from GET /api/v1 or /apis/<group>/<version>.
func (c *Client) ServerResourcesForGroupVersion(ctx context.Context, groupVersion string) (*metav1.APIResourceList, error) {
	if groupVersion == "" {
		return nil, fmt.Errorf("discover resources: group version must not be empty")
	}
	c.mu.Lock()
	list := c.resources[groupVersion]
	c.mu.Unlock()
	if list != nil {
		return list, nil
	}

	logger := klog.FromContext(ctx)
	name := resourcesFile(groupVersion)
	if data, err := c.cache.read(name); err == nil {
		var cached metav1.APIResourceList
		if err := json.Unmarshal(data, &cached); err == nil {
			logger.V(10).Info("Returning cached discovery info", "fileName", c.cache.path(name))
			c.rememberResources(groupVersion, &cached)
			return &cached, nil
		}
	}

	live, err := c.fetchResources(ctx, groupVersion)
	if err != nil {
		logger.V(3).Info("Skipped caching discovery info due to error", "err", err)
		return nil, err
	}
	c.writeResources(ctx, groupVersion, live)
	c.rememberResources(groupVersion, live)
	return live, nil
}

// ServerGroupsAndResources returns every group and the resource list of
// every group version, in discovery order. Group versions that fail are
// left out and reported together in a *GroupDiscoveryFailedError, so a
// caller may still use the partial result.
func (c *Client) ServerGroupsAndResources(ctx context.Context) ([]metav1.APIGroup, []*metav1.APIResourceList, error) {
	groups, err := c.ServerGroups(ctx)
	if err != nil {
		return nil, nil, err
	}
	var gvs []string
	for _, g := range groups.Groups {
		for _, v := range g.Versions {
			gvs = append(gvs, v.GroupVersion)
		}
	}

	// The group versions are independent, so ask for them in parallel as
	// upstream does; on a cold cache this is most of a command's latency.
	lists := make([]*metav1.APIResourceList, len(gvs))
	errs := make([]error, len(gvs))
	var wg sync.WaitGroup
	for i, gv := range gvs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lists[i], errs[i] = c.ServerResourcesForGroupVersion(ctx, gv)
		}()
	}
	wg.Wait()

	var result []*metav1.APIResourceList
	failed := map[string]error{}
	for i, gv := range gvs {
		if errs[i] != nil {
			failed[gv] = errs[i]
			continue
		}
		result = append(result, lists[i])
	}
	if len(failed) > 0 {
		return groups.Groups, result, &GroupDiscoveryFailedError{Groups: failed}
	}
	return groups.Groups, result, nil
}

// ServerPreferredResources returns, for every group, the resources of its
// preferred version plus those only other versions have - what "kubectl
// api-resources" lists. Subresources ("pods/log") are left out.
func (c *Client) ServerPreferredResources(ctx context.Context) ([]*metav1.APIResourceList, error) {
	groups, lists, err := c.ServerGroupsAndResources(ctx)
	if lists == nil && err != nil {
		return nil, err
	}
	byGV := map[string]*metav1.APIResourceList{}
	for _, l := range lists {
		byGV[l.GroupVersion] = l
	}
	var result []*metav1.APIResourceList
	for _, g := range groups {
		seen := map[string]bool{}
		for _, v := range preferredFirst(g) {
			list := byGV[v.GroupVersion]
			if list == nil {
				continue
			}
			out := &metav1.APIResourceList{GroupVersion: v.GroupVersion}
			for _, r := range list.APIResources {
				if strings.Contains(r.Name, "/") || seen[r.Name] {
					continue
				}
				seen[r.Name] = true
				out.APIResources = append(out.APIResources, r)
			}
			if len(out.APIResources) > 0 {
				result = append(result, out)
			}
		}
	}
	return result, err
}

// Fresh reports whether every discovery answer so far came from the server
// during this process. A lookup that misses on fresh data has no reason to
// ask again; one that misses on older cache files does.
func (c *Client) Fresh() bool { return c.cache.fresh() }

// Invalidate forgets every answer: the next question goes to the server,
// and cache files written before now are ignored (they are replaced as
// new answers arrive).
func (c *Client) Invalidate() {
	c.mu.Lock()
	c.groups = nil
	c.resources = map[string]*metav1.APIResourceList{}
	c.openapi = nil
	c.mu.Unlock()
	c.cache.invalidate()
}

// remember stores groups, and the resources that came with them.
func (c *Client) remember(groups *metav1.APIGroupList, resources map[string]*metav1.APIResourceList) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.groups = groups
	for gv, list := range resources {
		c.resources[gv] = list
	}
}

func (c *Client) rememberResources(gv string, list *metav1.APIResourceList) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.resources[gv] = list
}

// writeResources caches one group version's list. Like upstream, an empty
// list is not cached: it is more likely a server still starting than a
// group with nothing in it.
func (c *Client) writeResources(ctx context.Context, gv string, list *metav1.APIResourceList) {
	logger := klog.FromContext(ctx)
	if len(list.APIResources) == 0 {
		logger.V(3).Info("Skipped caching discovery info, no resources found")
		return
	}
	name := resourcesFile(gv)
	if err := c.cache.write(name, list); err != nil {
		logger.V(1).Info("Failed to write cache", "fileName", c.cache.path(name), "err", err)
	}
}

// resourcesFile names the cache file of a group version: "v1" →
// v1/serverresources.json, "apps/v1" → apps/v1/serverresources.json.
func resourcesFile(groupVersion string) string {
	return path.Join(groupVersion, serverResourcesFile)
}

// preferredFirst returns a group's versions with the preferred one first,
// the rest in the server's order.
func preferredFirst(g metav1.APIGroup) []metav1.GroupVersionForDiscovery {
	out := make([]metav1.GroupVersionForDiscovery, 0, len(g.Versions))
	for _, v := range g.Versions {
		if v.Version == g.PreferredVersion.Version {
			out = append(out, v)
		}
	}
	for _, v := range g.Versions {
		if v.Version != g.PreferredVersion.Version {
			out = append(out, v)
		}
	}
	return out
}

// GroupDiscoveryFailedError lists the group versions whose resources could
// not be fetched.
type GroupDiscoveryFailedError struct {
	// Groups maps a group version ("apps/v1") to why it failed.
	Groups map[string]error
}

// Error prints upstream's wording, the group versions sorted.
func (e *GroupDiscoveryFailedError) Error() string {
	var parts []string
	for gv, err := range e.Groups {
		parts = append(parts, fmt.Sprintf("%s: %v", gv, err))
	}
	sort.Strings(parts)
	return "unable to retrieve the complete list of server APIs: " + strings.Join(parts, ", ")
}
