// Client-side validation: fail fast, before any request.
//
// Interface:
//   - addValidateFlag registers --validate=strict|warn|ignore (true and
//     false too) as upstream does; parseValidate reads it.
//   - (*Env).validateManifests(ctx, manifests, directive) checks every
//     manifest of a create/apply before the first of them is sent.
//   - validateImages checks --image values; (*Env).validateGenerated(obj,
//     directive) checks the object a generator built from flags (create
//     deployment, run, expose, ...).
//
// Order matters for talk 002's broken Deployment: under strict the
// built-in v1.37 schema is asked first. It needs no server, so a manifest
// it rejects is rejected with no request at all — not even discovery.
// Only a manifest it accepts (or whose kind it does not know, such as a
// custom resource) is checked again against the server's own OpenAPI
// document, fetched and cached by discovery. Talk 000, "Client side
// validation": arguments, image name, manifest.

package kubectl

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/schema"
)

// addValidateFlag registers --validate with upstream's help text; a bare
// --validate means strict.
func addValidateFlag(cmd *cobra.Command, value *string) {
	cmd.Flags().StringVar(value, "validate", "strict", `Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.`)
	cmd.Flags().Lookup("validate").NoOptDefVal = "strict"
}

// validateManifests checks all manifests. Under Strict it returns one
// error per rejected manifest (joined), each naming its file; under Warn
// it prints "Warning: ..." lines and returns nil.
func (e *Env) validateManifests(ctx context.Context, manifests []manifest, d schema.Directive) error {
	if d == schema.Ignore {
		return nil
	}
	if d == schema.Strict {
		// First pass: the built-in schema, no request.
		if err := checkAll(manifests, func(obj map[string]any) ([]string, error) {
			return e.BuiltinValidator().Check(obj, schema.Strict)
		}); err != nil {
			return err
		}
	}
	validator := e.Validator(ctx)
	var warned []string
	err := checkAll(manifests, func(obj map[string]any) ([]string, error) {
		w, err := validator.Check(obj, d)
		warned = append(warned, w...)
		return w, err
	})
	for _, w := range warned {
		fmt.Fprintf(e.Streams.ErrOut, "Warning: %s\n", w)
	}
	return err
}

// checkAll runs check on every manifest and joins the failures, each
// prefixed with its file as upstream does: error validating "x.yaml": ...
func checkAll(manifests []manifest, check func(map[string]any) ([]string, error)) error {
	var errs []error
	for _, m := range manifests {
		if _, err := check(m.obj); err != nil {
			errs = append(errs, fmt.Errorf("error validating %q: %w", m.source, err))
		}
	}
	return errors.Join(errs...)
}

// validateGenerated checks an object built from flags. The problems are
// the user's arguments, so they are worded as the API server would word
// them about the object: The Deployment "x" is invalid: <field>: <why>.
// Only the built-in schema is used: generators build built-in kinds, and
// a dry run must not need a server.
func (e *Env) validateGenerated(obj map[string]any, d schema.Directive) error {
	if d == schema.Ignore {
		return nil
	}
	errs, err := e.BuiltinValidator().Validate(obj)
	if err != nil && !errors.Is(err, schema.ErrNoSchema) {
		return err
	}
	if len(errs) == 0 {
		return nil
	}
	if d == schema.Warn {
		for _, fe := range errs {
			fmt.Fprintf(e.Streams.ErrOut, "Warning: %s\n", fe.Error())
		}
		return nil
	}
	return invalidObjectError(obj, errs)
}

// validateImages checks image arguments before a generator uses them (the
// talk's "Image name" step, between arguments and manifest), so a bad
// reference is reported alone, not with the container name derived from
// it. path gives the field each image will land in.
func validateImages(obj map[string]any, images []string, path func(i int) *field.Path) error {
	var errs field.ErrorList
	for i, image := range images {
		if fe := schema.ValidateImage(path(i), image); fe != nil {
			errs = append(errs, fe)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return invalidObjectError(obj, errs)
}

// invalidObjectError words field errors as the server's Invalid status.
func invalidObjectError(obj map[string]any, errs field.ErrorList) error {
	head := fmt.Sprintf("The %s %q is invalid", unstructured.Kind(obj), unstructured.Name(obj))
	if len(errs) == 1 {
		return fmt.Errorf("%s: %s", head, errs[0].Error())
	}
	lines := make([]string, len(errs))
	for i, fe := range errs {
		lines[i] = fe.Error()
	}
	return fmt.Errorf("%s: \n* %s", head, strings.Join(lines, "\n* "))
}
