// Schema: one node of a generated schema, and the two dialects it is
// written in.
//
// Interface:
//   - schema is the JSON form of a schema node; both documents marshal it.
//   - dialect is swagger2 (/openapi/v2) or openAPI3 (/openapi/v3): where
//     $ref points, and how the few types with their own JSON form are
//     described.
//   - specialSchemas describes those types (Time, Quantity, IntOrString,
//     RawExtension, ...), whose fields say nothing about their JSON.
//
// The reflection that builds schema trees from Go types is generate.go.
package openapi

import (
	"encoding/json"
	"reflect"

	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

// schema is one schema node. Every field is omitted when empty, so a
// schema with nothing set is {}: any JSON value. Map keys are sorted by
// encoding/json, which keeps the documents' bytes, and so their hashes,
// the same from one start to the next.
type schema struct {
	// Ref points at a definition: "#/definitions/<name>" (v2) or
	// "#/components/schemas/<name>" (v3).
	Ref string `json:"$ref,omitempty"`
	// AllOf holds a single {$ref} when a v3 property carries extensions
	// besides the reference; OpenAPI 3.0 ignores siblings of $ref.
	AllOf []*schema `json:"allOf,omitempty"`
	// OneOf lists alternatives: a v3 Quantity is a string or a number.
	OneOf []*schema `json:"oneOf,omitempty"`

	// Description says what the definition or property means, in this
	// project's words (descriptions.go).
	Description string `json:"description,omitempty"`

	Type   string `json:"type,omitempty"`
	Format string `json:"format,omitempty"`

	// Properties are a struct's JSON fields; Required the ones that must be
	// present (the rule is in generate.go:isRequired).
	Properties map[string]*schema `json:"properties,omitempty"`
	Required   []string           `json:"required,omitempty"`
	// AdditionalProperties describes every value of a map.
	AdditionalProperties *schema `json:"additionalProperties,omitempty"`
	// Items describes every element of an array.
	Items *schema `json:"items,omitempty"`

	// PatchMergeKey and PatchStrategy tell a client computing a strategic
	// merge patch how to merge a list (by which key) or a struct. They are
	// read from the patchMergeKey and patchStrategy struct tags.
	PatchMergeKey string `json:"x-kubernetes-patch-merge-key,omitempty"`
	PatchStrategy string `json:"x-kubernetes-patch-strategy,omitempty"`
	// GroupVersionKinds marks the definition of a top-level kind: clients
	// find a kind's schema by this extension, not by the definition name.
	GroupVersionKinds []gvkExtension `json:"x-kubernetes-group-version-kind,omitempty"`
}

// gvkExtension is one entry of x-kubernetes-group-version-kind. On a
// definition the extension is a list; on an operation it is one object.
type gvkExtension struct {
	Group   string `json:"group"`
	Kind    string `json:"kind"`
	Version string `json:"version"`
}

// gvkOf converts a GroupVersionKind to its extension form.
func gvkOf(gvk metav1.GroupVersionKind) gvkExtension {
	return gvkExtension{Group: gvk.Group, Kind: gvk.Kind, Version: gvk.Version}
}

// dialect is the OpenAPI version a schema tree is generated for.
type dialect int

const (
	// swagger2 is OpenAPI v2, served at /openapi/v2.
	swagger2 dialect = iota
	// openAPI3 is OpenAPI v3.0, served at /openapi/v3/<group-version>.
	openAPI3
)

// ref returns a schema that refers to the definition called name.
func (d dialect) ref(name string) *schema {
	if d == swagger2 {
		return &schema{Ref: "#/definitions/" + name}
	}
	return &schema{Ref: "#/components/schemas/" + name}
}

// patchBody stands for the body of a PATCH request, whose shape depends on
// its content type (a JSON patch is a list, a merge patch an object).
// Upstream calls its definition meta/v1 Patch and describes it as an object.
type patchBody struct{}

// specialSchemas describes the types whose JSON form is not their fields:
// each implements json.Marshaler (or is json.RawMessage) and writes
// something else entirely. generate.go refuses any other type with its
// own JSON methods, since reflection over its fields would describe the
// wrong thing. Each special type is still a named definition, as upstream
// has it, so that properties refer to it with $ref.
var specialSchemas = map[reflect.Type]func(dialect) *schema{
	// Time and MicroTime are RFC 3339 strings.
	reflect.TypeFor[metav1.Time]():      dateTime,
	reflect.TypeFor[metav1.MicroTime](): dateTime,
	// Duration is Go's duration syntax, "1m30s".
	reflect.TypeFor[metav1.Duration](): func(dialect) *schema { return &schema{Type: "string"} },
	// A Quantity is written as a string ("100m") and read from a string or
	// a bare number. OpenAPI v2 cannot say "one of", so it says string.
	reflect.TypeFor[resource.Quantity](): func(d dialect) *schema {
		if d == swagger2 {
			return &schema{Type: "string"}
		}
		return &schema{OneOf: []*schema{{Type: "string"}, {Type: "number"}}}
	},
	// An IntOrString is a bare number or a string (a port by number or
	// name); the int-or-string format is how both dialects mark it.
	reflect.TypeFor[intstr.IntOrString](): func(d dialect) *schema {
		if d == swagger2 {
			return &schema{Type: "string", Format: "int-or-string"}
		}
		return &schema{Format: "int-or-string", OneOf: []*schema{{Type: "integer"}, {Type: "string"}}}
	},
	// FieldsV1, RawExtension and a raw message hold any JSON object.
	reflect.TypeFor[metav1.FieldsV1]():     object,
	reflect.TypeFor[metav1.RawExtension](): object,
	reflect.TypeFor[json.RawMessage]():     object,
	reflect.TypeFor[patchBody]():           object,
}

// specialDescriptions describes each special type to a user, for kubectl
// explain. Their doc comments speak to Go programmers about methods (Cmp,
// IsZero); what a manifest's author needs is the JSON form, which this
// table's entries say, so these descriptions are written here rather than
// taken from the comments (descriptions.go). Every type of specialSchemas
// has one (TestSpecialTypesAreDescribed).
var specialDescriptions = map[reflect.Type]string{
	reflect.TypeFor[metav1.Time]():      "A point in time, written in RFC 3339 form in UTC to the second: 2026-11-25T09:30:00Z.",
	reflect.TypeFor[metav1.MicroTime](): "A point in time, written in RFC 3339 form in UTC to the microsecond: 2026-11-25T09:30:00.123456Z.",
	reflect.TypeFor[metav1.Duration]():  "A length of time in Go's duration syntax: 90s, 1m30s, 1h.",
	reflect.TypeFor[resource.Quantity](): "An amount of a resource: a number with an optional suffix. " +
		"Decimal suffixes m (milli), k, M, G, T count in powers of 1000, binary ones Ki, Mi, Gi, Ti in powers of 1024: " +
		"\"250m\" of CPU is a quarter of a core, \"128Mi\" of memory is 128 × 2^20 bytes.",
	reflect.TypeFor[intstr.IntOrString](): "A whole number or a string, such as a port given by number (8080) or by name (\"http\"), " +
		"or a count (1) or percentage (\"25%\") of replicas.",
	reflect.TypeFor[metav1.FieldsV1]():     "A set of fields, as the server records it for server-side apply: a JSON object of \"f:<name>\" keys.",
	reflect.TypeFor[metav1.RawExtension](): "A complete object of any kind, embedded as JSON with its own apiVersion and kind.",
	reflect.TypeFor[json.RawMessage]():     "A complete object of any kind, embedded as JSON with its own apiVersion and kind.",
	reflect.TypeFor[patchBody]():           "The patch to apply; its form depends on the request's Content-Type: a JSON patch (a list of operations), a merge patch, a strategic merge patch or an apply configuration (objects).",
}

func dateTime(dialect) *schema { return &schema{Type: "string", Format: "date-time"} }
func object(dialect) *schema   { return &schema{Type: "object"} }
