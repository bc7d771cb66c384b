// Asking the server: the discovery requests themselves.
//
// Interface:
//   - fetchGroups: GET /api and GET /apis, each offering the aggregated
//     format first (Accept: application/json;g=apidiscovery.k8s.io;v=v2;
//     as=APIGroupDiscoveryList,application/json). An aggregated answer
//     carries every resource; a plain one only the groups.
//   - fetchResources: GET /api/v1 or /apis/<group>/<version>, the per-group
//     request a plain answer makes necessary.
//   - ServerVersion: GET /version (never cached, as upstream).
//
// Every request carries ?timeout=32s, the discovery client's default that
// the talk's -v 6 lines show (talk 000, "-v 6":
// GET https://…/apis?timeout=32s 200 OK). aggregated.go converts the
// aggregated form into the plain one that the cache files hold.
package discovery

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"

	"k8s.io/klog/v2"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// requestTimeout is sent as ?timeout= on every discovery request: the server
// gives up after it, so a hung aggregated API cannot hang kubectl.
const requestTimeout = "32s"

// Media types of discovery. The aggregated one is asked for first; the plain
// application/json after the comma is the fallback older servers answer.
const (
	mediaJSON        = "application/json"
	mediaAggregated  = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
	acceptDiscovery  = mediaAggregated + "," + mediaJSON
	aggregatedGroup  = "apidiscovery.k8s.io"
	aggregatedKind   = "APIGroupDiscoveryList"
	groupListKind    = "APIGroupList"
	resourceListKind = "APIResourceList"
)

// fetchGroups asks /api and /apis for the group list. When both answer in
// the aggregated format it also returns every group version's resources;
// otherwise resources is nil and the caller fetches them one by one. The
// core group comes first, as upstream orders it.
func (c *Client) fetchGroups(ctx context.Context) (*metav1.APIGroupList, map[string]*metav1.APIResourceList, error) {
	core, coreResources, err := c.fetchGroupsAt(ctx, "/api")
	if err != nil {
		return nil, nil, err
	}
	named, namedResources, err := c.fetchGroupsAt(ctx, "/apis")
	if err != nil {
		return nil, nil, err
	}
	groups := &metav1.APIGroupList{
		TypeMeta: metav1.TypeMeta{Kind: groupListKind, APIVersion: "v1"},
		Groups:   append(core, named...),
	}
	// Trust the resources only if both halves were aggregated; a mix means a
	// proxy in between rewrote one of them.
	if coreResources == nil || namedResources == nil {
		return groups, nil, nil
	}
	for gv, list := range namedResources {
		coreResources[gv] = list
	}
	return groups, coreResources, nil
}

// fetchGroupsAt requests one discovery root (/api or /apis) and reads it
// according to the Content-Type of the answer. A 404 at /api is tolerated:
// a server may serve no core group at all.
func (c *Client) fetchGroupsAt(ctx context.Context, root string) ([]metav1.APIGroup, map[string]*metav1.APIResourceList, error) {
	resp, err := c.get(ctx, root, nil, acceptDiscovery)
	if err != nil {
		if root == "/api" && statusCode(err) == http.StatusNotFound {
			return nil, map[string]*metav1.APIResourceList{}, nil
		}
		return nil, nil, fmt.Errorf("discover API groups at %s: %w", root, err)
	}

	if isAggregated(resp.Header.Get("Content-Type")) {
		var list metav1.APIGroupDiscoveryList
		if err := json.Unmarshal(resp.Body, &list); err != nil {
			return nil, nil, fmt.Errorf("decode aggregated discovery from %s: %w", root, err)
		}
		groups, resources, stale := splitAggregated(list)
		for _, gv := range stale {
			klog.FromContext(ctx).V(1).Info("Skipping stale group version in aggregated discovery", "groupVersion", gv)
		}
		return groups, resources, nil
	}

	if root == "/api" {
		var versions metav1.APIVersions
		if err := json.Unmarshal(resp.Body, &versions); err != nil {
			return nil, nil, fmt.Errorf("decode APIVersions from /api: %w", err)
		}
		if len(versions.Versions) == 0 {
			return nil, nil, nil
		}
		return []metav1.APIGroup{coreGroup(versions.Versions)}, nil, nil
	}
	var list metav1.APIGroupList
	if err := json.Unmarshal(resp.Body, &list); err != nil {
		return nil, nil, fmt.Errorf("decode APIGroupList from /apis: %w", err)
	}
	return list.Groups, nil, nil
}

// coreGroup turns /api's version list into the group "" that upstream puts
// first in servergroups.json; its first version is the preferred one.
func coreGroup(versions []string) metav1.APIGroup {
	g := metav1.APIGroup{Name: ""}
	for _, v := range versions {
		g.Versions = append(g.Versions, metav1.GroupVersionForDiscovery{GroupVersion: v, Version: v})
	}
	g.PreferredVersion = g.Versions[0]
	return g
}

// fetchResources requests one group version's resource list. The core group
// lives under /api, every other group under /apis. A 404 for the core group
// is an empty list, as upstream tolerates it.
func (c *Client) fetchResources(ctx context.Context, groupVersion string) (*metav1.APIResourceList, error) {
	p := "/apis/" + groupVersion
	if groupVersion == "v1" {
		p = "/api/v1"
	}
	list := &metav1.APIResourceList{GroupVersion: groupVersion}
	resp, err := c.get(ctx, p, nil, "")
	if err != nil {
		if groupVersion == "v1" && statusCode(err) == http.StatusNotFound {
			list.TypeMeta = metav1.TypeMeta{Kind: resourceListKind, APIVersion: "v1"}
			return list, nil
		}
		return nil, fmt.Errorf("discover resources of %s: %w", groupVersion, err)
	}
	if err := json.Unmarshal(resp.Body, list); err != nil {
		return nil, fmt.Errorf("decode APIResourceList of %s: %w", groupVersion, err)
	}
	list.TypeMeta = metav1.TypeMeta{Kind: resourceListKind, APIVersion: "v1"}
	if list.GroupVersion == "" {
		list.GroupVersion = groupVersion
	}
	return list, nil
}

// ServerVersion returns the server's build information from /version.
// Upstream never caches it, and neither does this client.
func (c *Client) ServerVersion(ctx context.Context) (*metav1.VersionInfo, error) {
	resp, err := c.get(ctx, "/version", nil, "")
	if err != nil {
		return nil, fmt.Errorf("get server version: %w", err)
	}
	var info metav1.VersionInfo
	if err := json.Unmarshal(resp.Body, &info); err != nil {
		return nil, fmt.Errorf("unable to parse the server version: %w", err)
	}
	return &info, nil
}

// get sends a GET with the discovery timeout added to query; an empty
// accept leaves the transport's default ("application/json, */*").
func (c *Client) get(ctx context.Context, path string, query url.Values, accept string) (*rest.Response, error) {
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("timeout", requestTimeout)
	return c.doer.Do(ctx, rest.Request{Verb: http.MethodGet, Path: path, Query: q, Accept: accept})
}

// isAggregated reports whether a Content-Type names the aggregated
// discovery document. Parameters may come in any order and with extras
// (charset); v2beta1, which servers before 1.35 still offer, has the same
// JSON shape and is read the same way.
func isAggregated(contentType string) bool {
	base, params, err := mime.ParseMediaType(contentType)
	if err != nil || base != mediaJSON {
		return false
	}
	return params["g"] == aggregatedGroup && params["as"] == aggregatedKind &&
		(params["v"] == "v2" || params["v"] == "v2beta1")
}

// statusCode returns the HTTP status carried by err, or 0 when the request
// got no HTTP answer.
func statusCode(err error) int {
	var s interface{ StatusCode() int }
	if errors.As(err, &s) {
		return s.StatusCode()
	}
	return 0
}
