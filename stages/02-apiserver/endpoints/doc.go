// Package endpoints is the API server's REST layer: it turns HTTP requests
// at upstream's paths into calls on the registry
// (stages/02-apiserver/registry) and their results into the JSON, YAML,
// Tables and watch streams kubectl and client-go expect.
//
//	reg, _ := registry.New(store, registry.Options{})
//	mux.Handle("/api/", endpoints.New(reg, endpoints.Options{Observer: metrics}))
//	mux.Handle("/apis/", endpoints.New(reg, endpoints.Options{Observer: metrics}))
//
// One request goes through these steps (file by file):
//
//  1. requestinfo.go: the path and method become a RequestInfo (verb,
//     namespace, resource, subresource, name), exported for the request
//     chain's authorization.
//  2. handler.go: the resource is looked up in shared/scheme and the
//     registry; a path nobody serves is 404, a method the path does not
//     take 405. negotiate.go reads Accept (406 when nothing fits).
//  3. One file per verb: get.go, list.go, watch.go, create.go, update.go,
//     patch.go, delete.go, and subresources.go / kubelet.go for scale,
//     binding, eviction, log, exec, proxy and token.
//  4. decode.go reads bodies (413 past 3 MiB, 415 for protobuf, 400 for
//     what does not decode or does not match the URL, fieldValidation for
//     unknown and duplicate fields); options.go reads query parameters.
//  5. encode.go and table.go write the answer; every error is a
//     metav1.Status with upstream's code, reason and message.
//  6. observe.go tells the Observer (the server's metrics) and logs one
//     line per request at -v=4, as upstream's httplog.
//
// Talk 004, steps 2–9: every component — kubectl saving objects,
// controllers fetching and updating them, the scheduler binding pods, the
// kubelet fetching and updating its pods — goes through these handlers;
// there is no other way to the state (talk 000, "API server").
package endpoints
