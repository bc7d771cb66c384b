// Package schema checks a manifest before kubectl sends it: against the
// Kubernetes OpenAPI v3 schema of its kind, and against the rules a schema
// cannot express (names, container images).
//
// Talk 000, "Client side validation": kubectl refuses a bad manifest on the
// client, before any request, and says which field is wrong. Talk 002's
// nginx Deployment is the running example: its pod "spec:" is dedented into
// the Deployment's spec and its image is written "nginx 1.23.2-alpine". This
// package reports, in one go (one field.Error per line, formatted as
// shared/validation/field and the API server do):
//
//	unknown field "spec.spec": check the indentation: "spec" is a field of spec.template
//	spec.spec.containers[0].image: Invalid value: "nginx 1.23.2-alpine": invalid reference format: an image reference may not contain spaces; did you mean "nginx:1.23.2-alpine"?
//	unknown field "spec.spec.ports": check the indentation: "ports" is a field of spec.template.spec.containers[*]
//	spec.template.spec.containers: Required value
//	unknown field "spec.volumes": check the indentation: "volumes" is a field of spec.template.spec
//
// A misplaced field is still checked as if it were where it belongs, which
// is how the image under the misplaced spec.spec gets checked at all.
//
// Usage:
//
//	v := schema.NewValidator(source)         // source(gv) returns the server's document; nil: built-in only
//	warnings, err := v.Check(obj, schema.Strict) // obj: the decoded manifest
//
// Where the schema comes from: the API server publishes one OpenAPI v3
// document per group-version at /openapi/v3/apis/<group>/<version>
// (/openapi/v3/api/v1 for the core group). The Validator asks its Source
// (stages/01-kubectl/discovery, which caches the bytes beside discovery) for
// that document and falls back to a copy built into the binary: Kubernetes
// v1.37.2's own definitions for core/v1, apps/v1, batch/v1,
// rbac.authorization.k8s.io/v1, coordination.k8s.io/v1, discovery.k8s.io/v1
// and autoscaling/v1, with the meta/v1 types they use, descriptions removed.
// The copy is generated, never edited: tools/schemagen (a separate module)
// writes builtin/*.json, and
//
//	go generate ./stages/01-kubectl/schema
//
// regenerates it (a cold build of the generator takes several minutes).
//
// How a document is read: Load keeps components.schemas and indexes the
// kinds named by each schema's x-kubernetes-group-version-kind. Validate
// finds the schema of obj's apiVersion and kind and walks obj beside it,
// following $ref and allOf (upstream wraps a $ref that carries a default in
// a one-element allOf), checking type, format (int32, int64, date-time,
// byte), properties (unknown fields), additionalProperties (maps such as
// labels), items, required, enum, x-kubernetes-int-or-string,
// x-kubernetes-preserve-unknown-fields, and oneOf alternatives (a Quantity
// is a string or a number). Beyond the schema: names (metadata.go: an
// object needs a name or generateName), pod specs and images (pods.go),
// the bounds of replicas and ports (ranges.go). CheckManifest adds the
// keys a manifest's text gives twice, which codec.ReadManifests finds:
// `duplicate field "metadata.name"`, in the API server's words.
//
// What upstream kubectl does differently: since v1.27 it validates with
// OpenAPI v3 on the client only when the server cannot do field validation
// itself; otherwise it sends fieldValidation=Strict and the API server
// reports unknown fields while decoding. It also does not check image
// references at all: a pod with image "nginx 1.23.2-alpine" is accepted and
// then stuck in InvalidImageName. This package checks both, on the client.
package schema
