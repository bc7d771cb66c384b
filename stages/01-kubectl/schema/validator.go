// Validator: everything kubectl checks in a manifest before it sends it.
//
// Interface:
//   - Source is how the Validator asks for the server's OpenAPI v3 document
//     of a group-version (stages/01-kubectl/discovery fetches and caches it).
//   - NewValidator(source) builds one; Validate(obj) returns every problem
//     of a manifest, sorted; Document(gv) says which document it uses.
//   - NoSchemaError reports a kind that neither the server's document nor
//     the built-in copy defines.
//
// For each group-version the Validator takes the server's document when the
// source has it, the built-in v1.37 copy (builtin.go) otherwise, parses it
// once and keeps it; Document.Validate does the checking. What to do with
// the result under --validate is directive.go.
package schema

import (
	"errors"
	"fmt"
	"sync"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// Source returns the API server's OpenAPI v3 document for groupVersion
// ("v1", "apps/v1"): the body of GET /openapi/v3/<OpenAPIPath(gv)>, live or
// from discovery's cache. Any error, or empty bytes, means the server's
// document cannot be had (no server, no such path, offline); the Validator
// then uses its built-in copy.
type Source func(groupVersion string) ([]byte, error)

// Origin says where a Validator's document for a group-version came from.
type Origin string

// The origins.
const (
	OriginServer  Origin = "server"   // the API server's /openapi/v3 document
	OriginBuiltin Origin = "built-in" // the copy compiled into this binary
	OriginNone    Origin = ""         // neither exists
)

// Validator checks manifests against the server's schema, or the built-in
// one (see Document.Validate). It is safe for concurrent use.
type Validator struct {
	source Source // nil: built-in documents only

	mu   sync.Mutex
	docs map[string]docEntry // by group-version, filled on first use
}

// docEntry is the outcome of finding one group-version's document.
type docEntry struct {
	doc    *Document // nil if err is set
	origin Origin
	err    error // matches ErrNoSchema when neither document exists
}

// NewValidator returns a Validator that asks source for the server's
// documents; a nil source means the built-in documents only.
func NewValidator(source Source) *Validator {
	return &Validator{source: source, docs: map[string]docEntry{}}
}

// NoSchemaError is returned by Validate for a kind no document defines,
// such as a custom resource whose group the built-in copy does not know.
// The error list returned with it holds the checks that need no schema
// (metadata names and labels). Upstream kubectl
// skips schema validation for such a kind and leaves it to the server; so
// does Check.
type NoSchemaError struct {
	APIVersion, Kind string
	Origin           Origin // where the Validator looked last
}

// Error says which kind lacks a schema and where the Validator looked.
func (e *NoSchemaError) Error() string {
	where := "the server's OpenAPI document was not available and there is no built-in copy of " + e.APIVersion
	switch e.Origin {
	case OriginServer:
		where = "the server's OpenAPI document for " + e.APIVersion + " does not define it"
	case OriginBuiltin:
		where = "the server's OpenAPI document was not available and the built-in Kubernetes v1.37 copy does not define it"
	}
	return fmt.Sprintf("no schema known for kind %q in version %q: %s", e.Kind, e.APIVersion, where)
}

// Is makes errors.Is(err, ErrNoSchema) true.
func (e *NoSchemaError) Is(target error) bool { return target == ErrNoSchema }

// Document returns the document the Validator uses for groupVersion and
// where it came from, loading it on first use. The error matches
// ErrNoSchema when there is none; any other error means the server's
// document could not be parsed (the Validator does not then fall back: a
// broken document is worth hearing about).
func (v *Validator) Document(groupVersion string) (*Document, Origin, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	e, ok := v.docs[groupVersion]
	if !ok {
		e = v.load(groupVersion)
		v.docs[groupVersion] = e
	}
	return e.doc, e.origin, e.err
}

// load finds groupVersion's document: the server's if the source has it,
// else the built-in one.
func (v *Validator) load(groupVersion string) docEntry {
	if v.source != nil {
		if data, err := v.source(groupVersion); err == nil && len(data) > 0 {
			doc, err := Load(data)
			if err != nil {
				return docEntry{origin: OriginServer, err: fmt.Errorf("server's schema for %s: %w", groupVersion, err)}
			}
			return docEntry{doc: doc, origin: OriginServer}
		}
	}
	doc, err := BuiltinFor(groupVersion)
	if err != nil {
		return docEntry{err: err}
	}
	return docEntry{doc: doc, origin: OriginBuiltin}
}

// Validate returns every problem of obj, a decoded manifest, sorted by
// field path (see Document.Validate for what is checked). A "kind: List"
// has each of its items validated, with paths starting items[i].
//
// The error is nil, a *NoSchemaError (joined, for a List) when a kind has
// no schema — the list then still holds the checks that need none — or the
// failure to parse the server's document.
func (v *Validator) Validate(obj map[string]any) (field.ErrorList, error) {
	if obj["apiVersion"] == "v1" && obj["kind"] == "List" {
		return v.validateList(obj)
	}
	errs, err := v.validate(obj, nil)
	return sortErrors(errs), err
}

// validateList validates each item of a v1 List, as upstream kubectl does.
func (v *Validator) validateList(list map[string]any) (field.ErrorList, error) {
	items, ok := list["items"].([]any)
	if !ok && list["items"] != nil {
		return field.ErrorList{typeError(field.NewPath("items"), list["items"], "array")}, nil
	}
	var all field.ErrorList
	var noSchema []error
	for i, item := range items {
		p := field.NewPath("items").Index(i)
		obj, ok := item.(map[string]any)
		if !ok {
			all = append(all, typeError(p, item, "object"))
			continue
		}
		errs, err := v.validate(obj, p)
		var ns *NoSchemaError
		if err != nil && !errors.As(err, &ns) {
			return nil, err
		}
		if ns != nil {
			noSchema = append(noSchema, ns)
		}
		all = append(all, errs...)
	}
	return sortErrors(all), errors.Join(noSchema...)
}

// validate checks one object found at root.
func (v *Validator) validate(obj map[string]any, root *field.Path) (field.ErrorList, error) {
	apiVersion, kind, errs := typeMeta(obj, root)
	if len(errs) > 0 {
		return errs, nil
	}
	doc, origin, err := v.Document(apiVersion)
	switch {
	case errors.Is(err, ErrNoSchema):
		return validateMetadata(obj, root), &NoSchemaError{APIVersion: apiVersion, Kind: kind, Origin: OriginNone}
	case err != nil:
		return nil, err
	}
	if _, _, ok := doc.Lookup(apiVersion, kind); !ok {
		return validateMetadata(obj, root), &NoSchemaError{APIVersion: apiVersion, Kind: kind, Origin: origin}
	}
	return doc.validate(obj, root), nil
}
