// Command schemagen writes the built-in OpenAPI v3 documents that
// stages/01-kubectl/schema validates manifests against when no API server
// is reachable.
//
// It does not invent a schema: it asks upstream Kubernetes v1.37.2 for its own
// generated OpenAPI definitions (k8s.io/kubernetes/pkg/generated/openapi) and
// runs them through the same builder the API server uses to serve
// /openapi/v3/apis/<group>/<version> (k8s.io/kube-openapi/pkg/builder3), with
// the API server's definition namer (k8s.io/apiserver/pkg/endpoints/openapi)
// attaching x-kubernetes-group-version-kind. Two things differ from what a
// real server serves, both to keep the committed copy small:
//
//   - every description is dropped (the prose is upstream's, and a validator
//     does not read it);
//   - only the components are written, no paths: the kinds of the group-versions
//     this project serves and every schema they reference.
//
// Usage, from this directory (or `go generate` in stages/01-kubectl/schema):
//
//	go run . -out ../../stages/01-kubectl/schema/builtin
//
// One file per group-version, named after the server path with "/" replaced
// by "__" (api/v1 → api__v1.json, apis/apps/v1 → apis__apps__v1.json).
//
// This is a separate Go module on purpose: importing k8s.io/kubernetes pulls
// in most of upstream, and the project's own module must not depend on it.
// The generated files are committed, so nothing but a regeneration needs this
// module; a cold build takes several minutes.
//
// Talk 000, "Client side validation": kubectl checks a manifest against the
// server's OpenAPI schema before it sends anything.
package main
