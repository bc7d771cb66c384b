// Package docgen turns the doc comments of the API types in shared/api into
// the descriptions the API server's OpenAPI documents carry, which is what
// `kubectl explain` prints.
//
// Talk 000, "API discovery → OpenAPI schema": explain shows a field's type
// and what it means. The schema's shape comes from the Go types by
// reflection at run time (the openapi package), but reflection cannot see
// comments, so this generator reads the source once, ahead of time, and
// writes what it found into descriptions_generated.go, a Go table compiled
// into the server. A test regenerates the table in memory and fails when
// the committed copy is stale.
//
// Usage (the openapi package runs it through go generate):
//
//	//go:generate go run ./internal/docgen/cmd/docgen -api ../../../shared/api -out descriptions_generated.go
//
//	src, err := docgen.Generate("shared/api", docgen.APIImportPath, "openapi")
//
// The rules, which double as advice for whoever writes an API type's
// comments:
//
//   - Only the first paragraph of a doc comment becomes the description.
//     Say there what the field means to a user; implementation notes
//     (how it is encoded, why the tag has no omitempty) go in the
//     paragraphs after it, where a Go reader still finds them.
//   - A leading "Name is " or "Name: " is dropped ("MinReadySeconds is how
//     long ..." reads "How long ..."); any other leading Go name becomes
//     the field's JSON name ("Paused stops ..." reads "paused stops ...").
//   - Other fields of the same struct named by their Go name become their
//     JSON names when the name is unmistakably an identifier (it has an
//     inner capital: MinReadySeconds) and is not also a string constant of
//     the package (RollingUpdate is both a field and a strategy's value).
//   - Lines that start with "+" (upstream-style +optional markers) are not
//     text and are left out.
//   - A type's description is the first paragraph of its comment as written.
//   - Fields of an embedded struct without a JSON name (TypeMeta in Pod,
//     ProbeHandler in Probe) belong to the struct that embeds it, with the
//     descriptions their own struct gives them; a field declared in the
//     outer struct wins over a promoted one, as in encoding/json.
//
// The files: parse.go reads packages and resolves fields, text.go turns a
// comment into a description, render.go writes the Go table.
package docgen
