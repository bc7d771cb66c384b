// Package discovery is the server side of API discovery: the documents at
// /api, /apis and below that tell a client which groups, versions and
// resources the server has, and the build information at /version.
//
// Talk 000, "API discovery": before kubectl can send a Deployment it must
// learn that "deployment" is the resource "deployments" in group "apps",
// version "v1", namespaced. It asks the server, and caches the answer
// (talk 001, "discovery cache"; stages/01-kubectl/discovery is the client
// half). Every document here is derived from shared/scheme, the one table
// of kinds and resources, so discovery cannot disagree with what the REST
// handlers serve.
//
// Usage:
//
//	d := discovery.New(discovery.Options{ExternalAddress: "127.0.0.1:6443"})
//	for _, p := range d.Patterns() { // "/api", "/api/v1", "/apis", ...
//		mux.Handle(p, d)
//	}
//	mux.Handle("/version", discovery.VersionHandler())
//
// What is served, as upstream serves it:
//
//	/api                    APIVersions, or with the aggregated Accept header
//	                        the core group's APIGroupDiscoveryList
//	/apis                   APIGroupList, or every named group's
//	                        APIGroupDiscoveryList in one reply
//	/apis/{group}           APIGroup
//	/api/v1, /apis/{g}/{v}  APIResourceList: what `kubectl api-resources` prints
//	/version                VersionInfo: what `kubectl version` prints
//
// The aggregated form (apidiscovery.k8s.io/v2) is what current clients ask
// for first: one request per root instead of one per group-version. Its
// answer carries an ETag, so a client that revalidates its cache gets 304
// Not Modified (negotiate.go).
//
// What upstream Kubernetes does differently: its discovery is dynamic, as
// custom resources and aggregated API servers come and go, so it rebuilds
// the documents and their ETags whenever a group changes, and marks groups
// of unreachable aggregated servers "Stale". It also serves discovery as
// protobuf. Here the table is fixed at build time, so every document is
// encoded once, in New.
package discovery
