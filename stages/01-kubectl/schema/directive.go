// Directive: what --validate asks kubectl to do with the problems found.
//
// Interface:
//   - Directive is Strict, Warn or Ignore; ParseDirective reads the flag
//     ("strict", "warn", "ignore", or a boolean) as upstream kubectl does.
//   - (*Validator).Check applies a directive to one manifest: an error
//     (Strict), warnings to print (Warn), or nothing (Ignore);
//     CheckManifest adds the keys the manifest's text repeats.
//   - ValidationError is Check's error, worded as upstream kubectl's.
//
// Upstream kubectl (v1.37) hands strict and warn to the API server as the
// fieldValidation query parameter and checks on the client only when the
// server cannot. This kubectl always checks first, so that a bad manifest
// fails before any request; the Directive values are also the values of
// that query parameter (metav1.FieldValidationStrict, ...), so the caller
// can still send them along.
package schema

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// Directive is a --validate mode, spelled as the fieldValidation query
// parameter spells it.
type Directive string

// The directives.
const (
	// Strict fails on any problem; the default, and --validate=true.
	Strict Directive = "Strict"
	// Warn reports problems as warnings and carries on.
	Warn Directive = "Warn"
	// Ignore skips validation; --validate=false.
	Ignore Directive = "Ignore"
)

// StopValidateMessage ends every validation error, as upstream kubectl's
// does, so the user knows the way out.
const StopValidateMessage = "if you choose to ignore these errors, turn validation off with --validate=false"

// ParseDirective reads a --validate value: "strict", "warn", "ignore", or
// anything strconv.ParseBool accepts (true means Strict, false Ignore).
// Anything else is an error with upstream's wording; the Directive is then
// Strict, upstream's default.
func ParseDirective(flag string) (Directive, error) {
	if b, err := strconv.ParseBool(flag); err == nil {
		if b {
			return Strict, nil
		}
		return Ignore, nil
	}
	switch flag {
	case "strict":
		return Strict, nil
	case "warn":
		return Warn, nil
	case "ignore":
		return Ignore, nil
	}
	return Strict, fmt.Errorf("invalid - validate option %q; must be one of: strict (or true), warn, ignore (or false)", flag)
}

// ValidationError is every problem of one manifest under Strict.
type ValidationError struct {
	Errors field.ErrorList // sorted by path, never empty
}

// Error prints the problems the way upstream kubectl does after
// "error validating <file>: ": one problem bare, several in brackets, then
// StopValidateMessage.
func (e *ValidationError) Error() string {
	return fmt.Sprintf("error validating data: %v; %s", e.Errors.ToAggregate(), StopValidateMessage)
}

// Unwrap gives errors.As access to each *field.Error.
func (e *ValidationError) Unwrap() []error {
	out := make([]error, len(e.Errors))
	for i, fe := range e.Errors {
		out[i] = fe
	}
	return out
}

// Check validates obj under d. Ignore returns at once. Strict returns a
// *ValidationError if anything is wrong. Warn returns one warning per
// problem, in the words the API server uses for warn-mode field validation
// (`unknown field "spec.spec"`); the caller prints each after "Warning: ".
// A kind with no known schema is not an error (upstream skips it too, and
// the server will judge it); only its metadata is checked. An
// unparsable server document is an error under both Strict and Warn. Any
// other value of d counts as Strict.
func (v *Validator) Check(obj map[string]any, d Directive) (warnings []string, err error) {
	return v.check(obj, nil, d)
}

// CheckManifest is Check for an object read from a file: each key its
// text gives twice (m.Duplicates, which codec.ReadManifests found) is a
// problem too, at its path, worded as the API server's strict decoding
// (`duplicate field "metadata.name"`). The decoded object kept only the
// last value, so without this the first would vanish silently.
func (v *Validator) CheckManifest(m codec.Manifest, d Directive) (warnings []string, err error) {
	var dups field.ErrorList
	for _, p := range m.Duplicates {
		dups = append(dups, codec.DuplicateFieldError(p))
	}
	return v.check(m.Object, dups, d)
}

// check is Check with extra problems found elsewhere.
func (v *Validator) check(obj map[string]any, extra field.ErrorList, d Directive) (warnings []string, err error) {
	if d == Ignore {
		return nil, nil
	}
	errs, err := v.Validate(obj)
	if err != nil && !errors.Is(err, ErrNoSchema) {
		return nil, fmt.Errorf("error validating data: %w; %s", err, StopValidateMessage)
	}
	if len(extra) > 0 {
		errs = sortErrors(append(extra, errs...))
	}
	if len(errs) == 0 {
		return nil, nil
	}
	if d == Warn {
		for _, e := range errs {
			warnings = append(warnings, e.Error())
		}
		return warnings, nil
	}
	return nil, &ValidationError{Errors: errs}
}
