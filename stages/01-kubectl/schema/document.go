// Document: one group-version's OpenAPI v3 document, ready to validate with.
//
// Interface:
//   - Load(doc) decodes the JSON the API server serves at
//     /openapi/v3/apis/<group>/<version> (or a built-in copy) and checks that
//     every $ref resolves.
//   - (*Document).Lookup finds the schema of an apiVersion/kind through the
//     x-kubernetes-group-version-kind extension; Kinds lists them all.
//   - (*Document).Validate checks one object against its kind's schema.
//
// Only components.schemas is read; paths, parameters and responses are
// ignored. Merging a node's $ref and allOf into one view is resolve, below;
// the walk over the object is in validate.go.
package schema

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// refPrefix starts every $ref in a Kubernetes OpenAPI v3 document.
const refPrefix = "#/components/schemas/"

// maxRefHops bounds how deeply $ref and allOf may nest at one place of an
// object. Kubernetes documents nest two or three deep; a cycle of refs is
// cut by resolve's merged set before this bound is reached.
const maxRefHops = 64

// Document is a decoded OpenAPI v3 document. It is read-only after Load and
// safe for concurrent use.
type Document struct {
	schemas map[string]*Schema          // components.schemas, by name
	kinds   map[GroupVersionKind]string // kind → name of its schema
}

// openAPIDocument is the part of a document Load decodes.
type openAPIDocument struct {
	Components struct {
		Schemas map[string]*Schema `json:"schemas"`
	} `json:"components"`
}

// Load decodes an OpenAPI v3 document. It fails if doc is not JSON, has no
// components.schemas (the /openapi/v3 index, say) or holds a $ref that names
// no schema of the document.
func Load(doc []byte) (*Document, error) {
	var raw openAPIDocument
	if err := json.Unmarshal(doc, &raw); err != nil {
		return nil, fmt.Errorf("load openapi document: %w", err)
	}
	if len(raw.Components.Schemas) == 0 {
		return nil, fmt.Errorf("load openapi document: no components.schemas")
	}
	d := &Document{schemas: raw.Components.Schemas, kinds: map[GroupVersionKind]string{}}
	// Sorted so that, should two schemas claim one kind, the choice is the
	// same on every run.
	for _, name := range slices.Sorted(maps.Keys(d.schemas)) {
		s := d.schemas[name]
		if s == nil {
			return nil, fmt.Errorf("load openapi document: schema %q is null", name)
		}
		if err := d.checkRefs(name, s); err != nil {
			return nil, err
		}
		for _, gvk := range s.GroupVersionKinds {
			if _, taken := d.kinds[gvk]; !taken {
				d.kinds[gvk] = name
			}
		}
	}
	return d, nil
}

// checkRefs reports the first $ref below s that names no component.
func (d *Document) checkRefs(name string, s *Schema) error {
	if s == nil {
		return nil
	}
	if s.Ref != "" {
		target, ok := strings.CutPrefix(s.Ref, refPrefix)
		if !ok {
			return fmt.Errorf("load openapi document: schema %q: unsupported $ref %q", name, s.Ref)
		}
		if _, ok := d.schemas[target]; !ok {
			return fmt.Errorf("load openapi document: schema %q refers to missing %q", name, s.Ref)
		}
	}
	for _, list := range [][]*Schema{s.AllOf, s.OneOf, s.AnyOf} {
		for _, sub := range list {
			if err := d.checkRefs(name, sub); err != nil {
				return err
			}
		}
	}
	for _, p := range s.Properties {
		if err := d.checkRefs(name, p); err != nil {
			return err
		}
	}
	if s.AdditionalProperties != nil {
		if err := d.checkRefs(name, s.AdditionalProperties.Schema); err != nil {
			return err
		}
	}
	return d.checkRefs(name, s.Items)
}

// Kinds returns every kind the document has a schema for, sorted by group,
// version and kind.
func (d *Document) Kinds() []GroupVersionKind {
	out := slices.Collect(maps.Keys(d.kinds))
	slices.SortFunc(out, func(a, b GroupVersionKind) int {
		return strings.Compare(a.Group+"\x00"+a.Version+"\x00"+a.Kind, b.Group+"\x00"+b.Version+"\x00"+b.Kind)
	})
	return out
}

// Lookup returns the name and schema of apiVersion/kind, or ok=false when
// the document has none (a custom resource, or a kind of another group).
func (d *Document) Lookup(apiVersion, kind string) (name string, s *Schema, ok bool) {
	group, version, err := ParseAPIVersion(apiVersion)
	if err != nil {
		return "", nil, false
	}
	name, ok = d.kinds[GroupVersionKind{Group: group, Version: version, Kind: kind}]
	if !ok {
		return "", nil, false
	}
	return name, d.schemas[name], true
}

// Validate checks obj against the schema of its apiVersion and kind, and
// against the rules no schema expresses (metadata.go, pods.go), and
// returns every problem, sorted by field path. obj is a manifest as
// encoding/json decodes it (maps, slices, strings, bools, and numbers as
// float64, json.Number or Go integers). A missing or mistyped apiVersion or
// kind, or a kind the document has no schema for, is reported alone, on
// the field "apiVersion" or "kind".
func (d *Document) Validate(obj map[string]any) field.ErrorList {
	return d.validate(obj, nil)
}

// validate is Validate for an object found at root (nil for a top-level
// object, items[i] for the members of a List).
func (d *Document) validate(obj map[string]any, root *field.Path) field.ErrorList {
	apiVersion, kind, errs := typeMeta(obj, root)
	if len(errs) > 0 {
		return errs
	}
	name, _, ok := d.Lookup(apiVersion, kind)
	if !ok {
		return field.ErrorList{&field.Error{
			Type: field.ErrorTypeNotFound, Field: root.Child("kind").String(), BadValue: kind,
			Detail: fmt.Sprintf("no schema for kind %q in version %q in this OpenAPI document", kind, apiVersion),
		}}
	}
	w := walker{doc: d, errs: validateMetadata(obj, root)}
	// Entering through a $ref, as a property would, lets the walk know the
	// schema's name and so run its typeRules (a Pod's).
	w.value(obj, &Schema{Ref: refPrefix + name}, root)
	return sortErrors(w.errs)
}

// typeMeta reads apiVersion and kind, reporting them missing or mistyped as
// upstream kubectl does before it looks for a schema.
func typeMeta(obj map[string]any, root *field.Path) (apiVersion, kind string, errs field.ErrorList) {
	for _, name := range []string{"apiVersion", "kind"} {
		p := root.Child(name)
		v := obj[name]
		s, isString := v.(string)
		switch {
		case v == nil || isString && s == "":
			errs = append(errs, field.Required(p, ""))
		case !isString:
			errs = append(errs, field.TypeInvalid(p, shown(v), "must be of type string"))
		case name == "apiVersion":
			if _, _, err := ParseAPIVersion(s); err != nil {
				errs = append(errs, field.Invalid(p, s, err.Error()))
			}
			apiVersion = s
		default:
			kind = s
		}
	}
	return apiVersion, kind, errs
}

// view is what applies at one place of an object once $refs are followed
// and allOf members merged: upstream writes a property as
// {"allOf": [{"$ref": "..."}], "default": {}}, and the walk needs to see
// the referenced schema's type and properties directly.
type view struct {
	name       string     // last component followed, e.g. "io.k8s.api.core.v1.PodSpec"
	typ        SchemaType // first non-empty type of the parts
	format     string
	enum       []any
	properties map[string]*Schema
	additional *SchemaOrBool
	required   []string
	items      *Schema
	alternates []*Schema // oneOf and anyOf members
	intOrStr   bool
	preserve   bool
}

// resolve merges s, its $ref chain and its allOf members into one view.
// Properties and required names are unioned; for the single-valued keywords
// the first part that sets one wins, the referring schema before the
// referred one. Each component is merged at most once, so refs that form a
// cycle, or an allOf that names one schema twice, cost nothing extra.
func (d *Document) resolve(s *Schema) view {
	var v view
	var merged map[string]bool // components already merged, made on first $ref
	var merge func(s *Schema, hops int)
	merge = func(s *Schema, hops int) {
		if s == nil || hops > maxRefHops {
			return
		}
		if v.typ == "" {
			v.typ = s.Type
		}
		if v.format == "" {
			v.format = s.Format
		}
		if v.enum == nil {
			v.enum = s.Enum
		}
		if v.additional == nil {
			v.additional = s.AdditionalProperties
		}
		if v.items == nil {
			v.items = s.Items
		}
		v.intOrStr = v.intOrStr || s.IntOrString || s.Format == "int-or-string"
		v.preserve = v.preserve || s.PreserveUnknownFields
		v.required = append(v.required, s.Required...)
		v.alternates = append(v.alternates, s.OneOf...)
		v.alternates = append(v.alternates, s.AnyOf...)
		switch {
		case len(s.Properties) == 0:
		case v.properties == nil:
			v.properties = s.Properties // shared, never written to
		default:
			merged := maps.Clone(v.properties)
			maps.Copy(merged, s.Properties)
			v.properties = merged
		}
		if name := strings.TrimPrefix(s.Ref, refPrefix); s.Ref != "" && !merged[name] {
			if merged == nil {
				merged = map[string]bool{}
			}
			merged[name] = true
			v.name = name
			merge(d.schemas[name], hops+1)
		}
		for _, sub := range s.AllOf {
			merge(sub, hops+1)
		}
	}
	merge(s, 0)
	return v
}
