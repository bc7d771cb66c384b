// Package openapi generates the API server's OpenAPI documents from the Go
// types of the API, and serves them.
//
// Talk 000, "API discovery → OpenAPI schema": before kubectl sends a
// manifest it checks it against the schema the server publishes, and
// `kubectl explain` prints that schema. The server does not keep a
// hand-written schema; it derives one from the same Go types it decodes
// requests into, so the two cannot disagree. This package shows how: it
// walks each type with reflection and turns its fields and JSON tags into
// a schema (generate.go has the rules, in a table).
//
// Usage:
//
//	spec := openapi.New(scheme.All(), "v1.37.2") // once, at startup
//	mux.Handle("/openapi/v2", spec)
//	mux.Handle("/openapi/v3", spec)
//	mux.Handle("/openapi/v3/", spec)
//
// What is served, as upstream serves it:
//
//	/openapi/v3                  {"paths": {"apis/apps/v1": {"serverRelativeURL":
//	                             "/openapi/v3/apis/apps/v1?hash=<SHA-512>"}, ...}}
//	/openapi/v3/apis/apps/v1     OpenAPI 3.0: apps/v1's paths and the schemas
//	                             they reach, under components.schemas
//	/openapi/v2                  Swagger 2.0: every path, every definition
//
// Definitions carry upstream's names (io.k8s.api.core.v1.Pod,
// io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta), since clients attach
// behavior to them, and top-level kinds carry
// x-kubernetes-group-version-kind, by which clients find a kind's schema.
// Operations carry x-kubernetes-action and the kind they act on.
//
// Every definition and property carries a description, which is what
// kubectl explain prints. Reflection cannot read comments, so the
// descriptions come from a generator (internal/docgen) that reads the doc
// comments of shared/api ahead of time into descriptions_generated.go; the
// first paragraph of a field's comment is what a user sees. They are this
// project's words, not upstream's.
//
// The files, from the Go types outward:
//
//	names.go         Go type → definition name; operation IDs and tags
//	schema.go        the schema node, the two dialects, the special types
//	generate.go      reflection: fields and tags → schema
//	markers.go       upstream's +optional/+required where tags cannot say it
//	descriptions.go  doc comments → descriptions (descriptions_generated.go)
//	operations.go    the registry's resources and verbs → paths and operations
//	strategic.go     when a patch operation offers strategic merge patch
//	v3.go, v2.go     the documents; the v3 index
//	spec.go          New: generate once, keep the bytes and their hashes
//	handler.go       HTTP: ETag, ?hash=, immutable caching, Accept
//
// What upstream Kubernetes does differently: its generator (openapi-gen in
// kube-openapi) reads the Go source for the whole schema rather than
// reflecting at run time and reading only the comments ahead of time, so
// it also sees +optional and +listType markers, enums and defaults; the
// result is compiled in. Its descriptions keep every paragraph of a
// comment, where ours keep the first. It serves
// protobuf as well as JSON, lists YAML and CBOR content types, documents
// every subresource (log, exec, eviction, ...) and the discovery paths,
// and answers an unknown group-version under /openapi/v3/ with an empty
// 200 where this package answers 404.
package openapi
