// Client-side validation: fail fast, before any request.
//
// Interface:
//   - addValidateFlag registers --validate=strict|warn|ignore (true and
//     false too) as upstream does; parseValidate reads it.
//   - (*Env).validateManifests(ctx, manifests, directive) checks every
//     manifest of a create/apply before the first of them is sent,
//     including the keys a file repeats; an error names the file, and
//     the object when the file holds several.
//   - validateImages checks --image values; (*Env).validateGenerated(obj,
//     directive, flags) checks the object a generator built from flags
//     (create deployment, run, expose, ...), naming the flag behind a
//     bad field ("(set by --replicas)").
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
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kubeworkbook/kubeworkbook/shared/codec"
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
// error per rejected manifest (joined), each naming its file, and the
// object when the file holds several; under Warn it prints "Warning: ..."
// lines and returns nil.
func (e *Env) validateManifests(ctx context.Context, manifests []manifest, d schema.Directive) error {
	if d == schema.Ignore {
		return nil
	}
	if d == schema.Strict {
		// First pass: the built-in schema, no request.
		if err := checkAll(manifests, func(m codec.Manifest) ([]string, error) {
			return e.BuiltinValidator().CheckManifest(m, schema.Strict)
		}); err != nil {
			return err
		}
	}
	validator := e.Validator(ctx)
	var warned []string
	err := checkAll(manifests, func(m codec.Manifest) ([]string, error) {
		w, err := validator.CheckManifest(m, d)
		warned = append(warned, w...)
		return w, err
	})
	for _, w := range warned {
		fmt.Fprintf(e.Streams.ErrOut, "Warning: %s\n", w)
	}
	return err
}

// checkAll runs check on every manifest and joins the failures, each
// prefixed as upstream does, error validating "x.yaml": ..., with the
// object named when the file holds several.
func checkAll(manifests []manifest, check func(codec.Manifest) ([]string, error)) error {
	var errs []error
	for _, m := range manifests {
		if _, err := check(codec.Manifest{Object: m.obj, Duplicates: m.duplicates}); err != nil {
			errs = append(errs, fmt.Errorf("error validating %s: %w", m.describe(), err))
		}
	}
	return errors.Join(errs...)
}

// fieldFlags names the flag that set each field of a generated object,
// list indices written [*]: {"spec.replicas": "--replicas"}. An error
// about one of those fields ends with "(set by --replicas)": the user
// typed a flag, not a field, and should learn which flag to change.
type fieldFlags map[string]string

// listIndex matches the indices of a field path: containers[0].
var listIndex = regexp.MustCompile(`\[[0-9]+\]`)

// explain renders fe with the flag that set its field, if known.
func (f fieldFlags) explain(fe *field.Error) string {
	if flag := f[listIndex.ReplaceAllString(fe.Field, "[*]")]; flag != "" {
		return fe.Error() + " (set by " + flag + ")"
	}
	return fe.Error()
}

// validateGenerated checks an object built from flags. The problems are
// the user's arguments, so they are worded as the API server would word
// them about the object, naming the flag behind the field:
// The Deployment "x" is invalid: spec.replicas: Invalid value: -2: must
// be greater than or equal to 0 (set by --replicas).
// Only the built-in schema is used: generators build built-in kinds, and
// a dry run must not need a server.
func (e *Env) validateGenerated(obj map[string]any, d schema.Directive, flags fieldFlags) error {
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
			fmt.Fprintf(e.Streams.ErrOut, "Warning: %s\n", flags.explain(fe))
		}
		return nil
	}
	return invalidObjectError(obj, errs, flags)
}

// validateImages checks image arguments before a generator uses them (the
// talk's "Image name" step, between arguments and manifest), so a bad
// reference is reported alone, not with the container name derived from
// it. path gives the field each image will land in; an empty --image
// (no image at all) is reported as the first container's missing image.
func validateImages(obj map[string]any, images []string, path func(i int) *field.Path, flags fieldFlags) error {
	if len(images) == 0 {
		images = []string{""}
	}
	var errs field.ErrorList
	for i, image := range images {
		if fe := schema.ValidateImage(path(i), image); fe != nil {
			errs = append(errs, fe)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return invalidObjectError(obj, errs, flags)
}

// invalidObjectError words field errors as the server's Invalid status.
func invalidObjectError(obj map[string]any, errs field.ErrorList, flags fieldFlags) error {
	head := fmt.Sprintf("The %s %q is invalid", unstructured.Kind(obj), unstructured.Name(obj))
	if len(errs) == 1 {
		return fmt.Errorf("%s: %s", head, flags.explain(errs[0]))
	}
	lines := make([]string, len(errs))
	for i, fe := range errs {
		lines[i] = flags.explain(fe)
	}
	return fmt.Errorf("%s: \n* %s", head, strings.Join(lines, "\n* "))
}
