// Descriptions: what kubectl explain prints, taken from this project's own
// doc comments on the API types.
//
// Interface:
//   - typeDoc(t) is the description of a definition built from Go type t.
//   - fieldDoc(t, name) is the description of t's JSON field name.
//   - describe(s, text) puts text on a property's schema the way each
//     dialect allows (generate.go:property calls it).
//
// Reflection cannot read comments, so internal/docgen reads the source of
// shared/api ahead of time and writes descriptions_generated.go, the
// table both functions look in; TestDescriptionsUpToDate fails when the
// table no longer matches the comments. The text is ours: upstream's
// descriptions are upstream's prose, and this project describes its API
// in its own words.
package openapi

import (
	"reflect"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/api/upstream"
)

//go:generate go run ./internal/docgen/cmd/docgen -api ../../../shared/api -out descriptions_generated.go

// apiPackagePrefix is the import path prefix of shared/api's packages;
// descriptions are keyed by the path below it.
const apiPackagePrefix = upstream.ModulePath + "shared/api/"

// typeDescription is one entry of the generated table: a struct type's
// description and its JSON fields' descriptions by JSON name (fields of
// inline embedded structs included). Empty descriptions are left out.
type typeDescription struct {
	doc    string
	fields map[string]string
}

// lookupDescription returns the table's entry for named type t, or the
// zero entry for a type outside shared/api or one without comments.
func lookupDescription(t reflect.Type) typeDescription {
	rel, ok := strings.CutPrefix(t.PkgPath(), apiPackagePrefix)
	if !ok || t.Name() == "" {
		return typeDescription{}
	}
	return descriptions[rel+"."+t.Name()]
}

// typeDoc returns the description of t's definition, or "".
func typeDoc(t reflect.Type) string { return lookupDescription(t).doc }

// fieldDoc returns the description of struct type t's JSON field name, or
// "".
func fieldDoc(t reflect.Type, name string) string { return lookupDescription(t).fields[name] }

// describe returns s with description text, for a property. A property
// that is only a $ref cannot carry it in OpenAPI 3.0, which ignores a
// $ref's siblings: there it becomes allOf: [{$ref}] beside the text, as
// upstream serves it, and kubectl explain prints the property's text and
// then the referenced type's. Swagger 2.0 readers take the text beside
// the $ref.
func (d dialect) describe(s *schema, text string) *schema {
	if text == "" {
		return s
	}
	if s.Ref != "" && d == openAPI3 {
		s = &schema{AllOf: []*schema{s}}
	}
	s.Description = text
	return s
}
