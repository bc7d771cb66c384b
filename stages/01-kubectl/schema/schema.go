// Schema: one node of an OpenAPI v3 schema, as Kubernetes publishes it.
//
// Interface:
//   - Schema holds the keywords validation reads: $ref, allOf/oneOf/anyOf,
//     type, format, properties, additionalProperties, items, required, enum,
//     and the Kubernetes extensions x-kubernetes-int-or-string,
//     x-kubernetes-preserve-unknown-fields and x-kubernetes-group-version-kind.
//   - GroupVersionKind names a kind; ParseAPIVersion splits "apps/v1".
//
// Everything else in a document (descriptions, defaults, patch strategies,
// list types) is ignored by the decoder. The walk over an object lives in
// validate.go; finding and merging schemas lives in document.go.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Schema is one OpenAPI v3 schema object. A Schema decoded from a document
// is never modified afterwards, so one Document may validate many objects
// at once.
type Schema struct {
	// Ref is "#/components/schemas/<name>" or empty. Load checks that every
	// Ref of a document names one of its components.
	Ref string `json:"$ref,omitempty"`
	// AllOf lists schemas that all apply. Kubernetes uses it to wrap a
	// single $ref that carries a default or other siblings.
	AllOf []*Schema `json:"allOf,omitempty"`
	// OneOf and AnyOf list alternatives; Kubernetes uses them for values
	// that are one of several JSON types (a Quantity is a string or a
	// number).
	OneOf []*Schema `json:"oneOf,omitempty"`
	AnyOf []*Schema `json:"anyOf,omitempty"`

	// Type is "object", "array", "string", "integer", "number", "boolean"
	// or empty (any type, or a schema defined only through its $ref/allOf).
	Type SchemaType `json:"type,omitempty"`
	// Format refines Type: int32, int64, date-time, byte, int-or-string.
	Format string `json:"format,omitempty"`
	// Enum lists the only values allowed, when set.
	Enum []any `json:"enum,omitempty"`

	// Properties are an object's known fields.
	Properties map[string]*Schema `json:"properties,omitempty"`
	// AdditionalProperties describes the values of a map (labels, a
	// ConfigMap's data); its Allowed form is additionalProperties: true.
	AdditionalProperties *SchemaOrBool `json:"additionalProperties,omitempty"`
	// Required names the properties an object must have.
	Required []string `json:"required,omitempty"`
	// Items describes every element of an array.
	Items *Schema `json:"items,omitempty"`

	// IntOrString marks a value that is an integer or a string (a port
	// given by number or by name).
	IntOrString bool `json:"x-kubernetes-int-or-string,omitempty"`
	// PreserveUnknownFields marks an object whose unknown fields are kept
	// rather than rejected.
	PreserveUnknownFields bool `json:"x-kubernetes-preserve-unknown-fields,omitempty"`
	// GroupVersionKinds names the kinds whose top-level schema this is.
	GroupVersionKinds []GroupVersionKind `json:"x-kubernetes-group-version-kind,omitempty"`
}

// SchemaType is the "type" keyword. OpenAPI v3 writes one type as a string;
// JSON Schema also allows a list, of which the first non-"null" entry is
// kept.
type SchemaType string

// UnmarshalJSON accepts "string" and ["string", "null"].
func (t *SchemaType) UnmarshalJSON(data []byte) error {
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("[")) {
		var list []string
		if err := json.Unmarshal(data, &list); err != nil {
			return fmt.Errorf("decode type: %w", err)
		}
		for _, s := range list {
			if s != "null" {
				*t = SchemaType(s)
				return nil
			}
		}
		*t = ""
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("decode type: %w", err)
	}
	*t = SchemaType(s)
	return nil
}

// SchemaOrBool is additionalProperties: either a schema for every extra
// field's value, or true (any extra field allowed) or false (none allowed).
type SchemaOrBool struct {
	Allowed bool    // true when additionalProperties is true or a schema
	Schema  *Schema // nil when additionalProperties is a boolean
}

// UnmarshalJSON accepts true, false or a schema object.
func (s *SchemaOrBool) UnmarshalJSON(data []byte) error {
	switch string(bytes.TrimSpace(data)) {
	case "true":
		*s = SchemaOrBool{Allowed: true}
		return nil
	case "false":
		*s = SchemaOrBool{}
		return nil
	}
	var sch Schema
	if err := json.Unmarshal(data, &sch); err != nil {
		return fmt.Errorf("decode additionalProperties: %w", err)
	}
	*s = SchemaOrBool{Allowed: true, Schema: &sch}
	return nil
}

// GroupVersionKind names a kind as x-kubernetes-group-version-kind does; the
// core group is "".
type GroupVersionKind struct {
	Group   string `json:"group"`
	Version string `json:"version"`
	Kind    string `json:"kind"`
}

// APIVersion returns the apiVersion a manifest of this kind carries:
// "apps/v1", or "v1" for the core group.
func (gvk GroupVersionKind) APIVersion() string {
	if gvk.Group == "" {
		return gvk.Version
	}
	return gvk.Group + "/" + gvk.Version
}

// String renders gvk as upstream does: "apps/v1, Kind=Deployment".
func (gvk GroupVersionKind) String() string {
	return gvk.APIVersion() + ", Kind=" + gvk.Kind
}

// ParseAPIVersion splits an apiVersion into group and version: "apps/v1"
// gives ("apps", "v1"), "v1" gives ("", "v1"). It fails for an empty value
// and for more than one "/", the two cases upstream's
// schema.ParseGroupVersion rejects.
func ParseAPIVersion(apiVersion string) (group, version string, err error) {
	switch strings.Count(apiVersion, "/") {
	case 0:
		if apiVersion == "" {
			return "", "", fmt.Errorf("apiVersion is empty")
		}
		return "", apiVersion, nil
	case 1:
		group, version, _ = strings.Cut(apiVersion, "/")
		if group == "" || version == "" {
			return "", "", fmt.Errorf("unexpected GroupVersion string: %s", apiVersion)
		}
		return group, version, nil
	}
	return "", "", fmt.Errorf("unexpected GroupVersion string: %s", apiVersion)
}
