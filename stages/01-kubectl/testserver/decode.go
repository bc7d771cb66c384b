// Decoding: what a write request's body must be before anything is stored.
//
// Interface:
//   - writeRequest: a write's body and parameters (dryRun,
//     fieldValidation), and the warnings its answer will carry.
//   - (*Server).decodeBody(t, in): the body as the object t's collection
//     holds, checked in the API server's order: media type, syntax,
//     apiVersion and kind, the Go type's field types, unknown fields.
//   - checkTypes(res, obj): obj fits res's Go type (shared/scheme's New).
//
// The API server decodes every body into its Go type; a value the type
// cannot hold ("replicas": "three", a number past int32, cpu "abc") is a
// 400 BadRequest, "Deployment in version \"v1\" cannot be handled as a
// Deployment: json: cannot unmarshal string into Go struct field
// DeploymentSpec.spec.replicas of type int32". Here the body is decoded
// into the Go type only to check it: the map itself is stored, so fields
// the project's types leave out survive a round trip.
//
// Unknown fields are judged against the full v1.37 schema
// (stages/01-kubectl/schema's built-in copy), not against the project's
// smaller Go types, and handled as ?fieldValidation says: Strict refuses
// them (400, "strict decoding error: unknown field \"spec.spec\""), Warn -
// the API server's default - drops them and says so in a Warning header,
// Ignore drops them silently. Talk 000, "Client side validation": this is
// the server side that upstream kubectl relies on instead.
package testserver

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/schema"
)

// The fieldValidation directives. Any other value, the empty one among
// them, reads as "Warn", the API server's default.
const (
	fieldStrict = "Strict"
	fieldIgnore = "Ignore"
)

// The media types a body may be written in.
var acceptedBodyTypes = []string{contentTypeJSON, "application/yaml"}

// writeRequest is one write (create, update, patch) as the handlers see
// it.
type writeRequest struct {
	body        []byte
	contentType string
	// dryRun is ?dryRun=All: compute the answer, store nothing.
	dryRun bool
	// fieldValidation is the ?fieldValidation directive, as sent.
	fieldValidation string
	// warnings are added by the handlers; each becomes a Warning header.
	warnings []string
}

// newWriteRequest reads a write's parameters from r.
func newWriteRequest(r *http.Request, body []byte) *writeRequest {
	q := r.URL.Query()
	return &writeRequest{
		body:            body,
		contentType:     r.Header.Get("Content-Type"),
		dryRun:          q.Get("dryRun") == metav1.DryRunAll,
		fieldValidation: q.Get("fieldValidation"),
	}
}

// writeWarnings adds one Warning header per warning, in the form the API
// server uses and kubectl prints as "Warning: ...": code 299, agent "-",
// the text quoted.
func writeWarnings(w http.ResponseWriter, warnings []string) {
	for _, msg := range warnings {
		w.Header().Add("Warning", "299 - "+strconv.Quote(msg))
	}
}

// decodeBody reads in.body as an object of t's resource. A missing
// apiVersion or kind is filled in from the path; a different one is a 400.
// On success the returned map is what will be stored, unknown fields
// removed; warnings about them are added to in.
func (s *Server) decodeBody(t target, in *writeRequest) (map[string]any, *statusError) {
	if mt, _, _ := mime.ParseMediaType(in.contentType); in.contentType != "" && !slices.Contains(acceptedBodyTypes, mt) {
		return nil, errUnsupportedMediaType(strings.Join(acceptedBodyTypes, ", "))
	}
	obj, err := codec.DecodeUnstructured(in.body)
	if err != nil {
		return nil, errBadRequest(fmt.Sprintf("the body of the request could not be decoded: %v", err))
	}
	gv := t.res.GroupVersion().String()
	if av := unstructured.APIVersion(obj); av != "" && av != gv {
		return nil, errBadRequest(fmt.Sprintf("the API version in the data (%s) does not match the expected API version (%s)", av, gv))
	}
	if k := unstructured.Kind(obj); k != "" && k != t.res.Kind {
		return nil, errBadRequest(fmt.Sprintf("the kind in the data (%s) does not match the expected kind (%s)", k, t.res.Kind))
	}
	obj["apiVersion"], obj["kind"] = gv, t.res.Kind
	if serr := checkTypes(t.res, obj); serr != nil {
		return nil, serr
	}
	unknown := unknownFields(t.res, obj)
	if len(unknown) == 0 {
		return obj, nil
	}
	msgs := make([]string, len(unknown))
	for i, p := range unknown {
		msgs[i] = fmt.Sprintf("unknown field %q", p)
	}
	switch in.fieldValidation {
	case fieldStrict:
		return nil, errCannotHandle(t.res, "strict decoding error: "+strings.Join(msgs, ", "))
	case fieldIgnore:
	default: // Warn
		in.warnings = append(in.warnings, msgs...)
	}
	for _, p := range unknown {
		dropField(obj, p)
	}
	return obj, nil
}

// checkTypes decodes obj into res's Go type and reports what does not fit
// as the API server does: a 400 whose message is encoding/json's (or the
// field type's own decoder's, such as Quantity's) after "<Kind> in version
// \"<version>\" cannot be handled as a <Kind>: ".
func checkTypes(res *scheme.Resource, obj map[string]any) *statusError {
	data, err := json.Marshal(obj)
	if err != nil {
		return errInternal(fmt.Errorf("encode %s: %w", res.Kind, err))
	}
	if err := json.Unmarshal(data, res.New()); err != nil {
		return errCannotHandle(res, err.Error())
	}
	return nil
}

// errCannotHandle is the API server's 400 for a body it cannot decode
// into the resource's type.
func errCannotHandle(res *scheme.Resource, reason string) *statusError {
	return errBadRequest(fmt.Sprintf("%s in version %q cannot be handled as a %s: %s", res.Kind, res.Version, res.Kind, reason))
}

// unknownFields returns the paths ("spec.spec",
// "spec.template.spec.containers[0].imagePullPolicyy") of obj's fields
// that the v1.37 schema of its kind does not have, outermost only: the
// fields below an unknown one are not reported again. A kind without a
// built-in schema (a test's custom resource) has none.
func unknownFields(res *scheme.Resource, obj map[string]any) []string {
	doc, err := schema.BuiltinFor(res.GroupVersion().String())
	if err != nil {
		return nil
	}
	if _, _, ok := doc.Lookup(res.GroupVersion().String(), res.Kind); !ok {
		return nil
	}
	var out []string
	for _, e := range doc.Validate(obj) {
		if e.Type != field.ErrorTypeUnknown || below(e.Field, out) {
			continue
		}
		out = append(out, e.Field)
	}
	return out
}

// below reports whether path lies inside one of parents.
func below(path string, parents []string) bool {
	for _, p := range parents {
		if strings.HasPrefix(path, p+".") || strings.HasPrefix(path, p+"[") {
			return true
		}
	}
	return false
}

// dropField deletes the field at path (as field.Path prints it:
// "spec.template.spec.containers[0].foo") from obj. A path that does not
// lead to a field changes nothing.
func dropField(obj map[string]any, path string) {
	var cur any = obj
	steps := pathSteps(path)
	for i, step := range steps {
		switch c := cur.(type) {
		case map[string]any:
			if i == len(steps)-1 {
				delete(c, step)
				return
			}
			cur = c[step]
		case []any:
			n, err := strconv.Atoi(step)
			if err != nil || n < 0 || n >= len(c) {
				return
			}
			cur = c[n]
		default:
			return
		}
	}
}

// pathSteps splits "a.b[0].c" into "a", "b", "0", "c".
func pathSteps(path string) []string {
	var steps []string
	for _, part := range strings.Split(path, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name != "" {
			steps = append(steps, name)
		}
		for rest != "" {
			var idx string
			idx, rest, _ = strings.Cut(rest, "]")
			steps = append(steps, idx)
			rest = strings.TrimPrefix(rest, "[")
		}
	}
	return steps
}
