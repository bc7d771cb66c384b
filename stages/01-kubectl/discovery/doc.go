// Package discovery finds out what an API server serves, remembers it on
// disk, and turns what a user types into the resource a URL names.
//
// Before kubectl can send "get deployments" it must know that deployments
// live in group apps, version v1, and are namespaced. It learns this from
// the discovery documents at /api, /apis and /apis/<group>/<version>, and it
// keeps them under ~/.kube/cache/discovery/<host_port>/ for six hours so the
// next command asks nothing. The files have the upstream kubectl's names,
// layout and format, so both kubectls share one cache:
//
//	~/.kube/cache/discovery/127.0.0.1_6443/
//	    servergroups.json               APIGroupList, core group "" first
//	    v1/serverresources.json         APIResourceList of the core group
//	    apps/v1/serverresources.json    APIResourceList of apps/v1
//	    openapi/v3/...                  OpenAPI v3 documents (this project's)
//
// Usage:
//
//	client, err := rest.New(cfg)             // a *rest.Client is a Doer
//	...
//	dir := discovery.ServerCacheDir(discovery.CacheDir(cacheDirFlag), client.Host())
//	disc := discovery.New(client, dir)
//	mapper := discovery.NewMapper(disc)
//	m, err := mapper.ResourceFor(ctx, "deploy") // apps/v1 deployments, namespaced
//
// Files: cachedir.go (where), diskcache.go (how files are read and written),
// client.go (which file holds what), fetch.go and aggregated.go (the
// requests and both answer formats), index.go and mapper.go (REST mapping),
// errors.go (upstream's messages), openapi.go (OpenAPI v3 documents).
//
// Talk 000, "API discovery" (group, version, resource; cached at
// ~/.kube/cache; "kubectl get deployments -v 6" shows GET …/apis?timeout=32s)
// and talk 001 (the client caches discovery under ~/.kube/cache/discovery,
// one folder per API server; REST mappings).
package discovery
