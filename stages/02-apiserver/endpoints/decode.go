// Decoding: request bodies to typed objects, with upstream's checks and
// messages.
//
// Interface:
//   - readBody(rq, limit): the body, or 413 past the limit (3 MiB).
//   - decodeObject(rq, body, contentType, want, into, directive): JSON,
//     YAML or protobuf (protobuf.go; 415 otherwise) into a typed object of
//     kind want. kind and
//     apiVersion default to want's when the body leaves them out and must
//     match it when it does not (400); malformed input is a 400 with
//     upstream's "the object provided is unrecognized" message; unknown and
//     duplicate fields are handled as the fieldValidation directive says
//     (Strict: 400, Warn: a Warning header each, Ignore: nothing).
//   - addWarning(rq, text) adds a `Warning: 299 - "text"` header.
//
// Field paths come from shared/codec: its strict decoder walks the
// document beside the Go type and finds a JSON body's repeated keys;
// DuplicateFields finds a YAML body's before it is converted to JSON,
// which keeps only the last of them.
package endpoints

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"

	"sigs.k8s.io/yaml"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// readBody reads rq's body, failing with 413 when it is longer than
// limit. The whole body is read before any decoding, so a request that is
// too large is refused before anything happens.
func readBody(rq *request, limit int64) ([]byte, error) {
	if rq.r.ContentLength > limit {
		return nil, apierrors.NewRequestEntityTooLarge(limit)
	}
	data, err := io.ReadAll(io.LimitReader(rq.r.Body, limit+1))
	if err != nil {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("read request body: %v", err))
	}
	if int64(len(data)) > limit {
		return nil, apierrors.NewRequestEntityTooLarge(limit)
	}
	return data, nil
}

// bodyJSON returns body as JSON, read as contentType says: JSON (also for
// an empty Content-Type) or YAML; anything else is a 415. dups lists the
// duplicate fields found on the way when findDups is set.
func bodyJSON(body []byte, contentType string, want metav1.GroupVersionKind, findDups bool) (data []byte, dups []string, err error) {
	mediaType := mediaJSON
	if contentType != "" {
		if mediaType, _, err = mime.ParseMediaType(contentType); err != nil {
			return nil, nil, apierrors.NewUnsupportedMediaType(contentType, supportedBodyTypes)
		}
	}
	switch mediaType {
	case mediaJSON:
		var header struct {
			APIVersion string `json:"apiVersion,omitempty"`
			Kind       string `json:"kind,omitempty"`
		}
		if err := json.Unmarshal(body, &header); err != nil {
			return nil, nil, unrecognized(want, fmt.Errorf("couldn't get version/kind; json parse error: %w", err), body)
		}
		return body, nil, nil // DecodeStrict finds a JSON body's duplicate keys
	case mediaYAML:
		data, err := yaml.YAMLToJSON(body)
		if err != nil {
			return nil, nil, unrecognized(want, err, body)
		}
		if findDups {
			// The conversion kept only the last of repeated keys: find
			// them in the YAML text.
			dups, _ = codec.DuplicateFields(body)
		}
		return data, dups, nil
	}
	return nil, nil, apierrors.NewUnsupportedMediaType(contentType, supportedBodyTypes)
}

// decodeObject decodes body into into, which must be a pointer to the Go
// type of want (a *appsv1.Deployment for apps/v1 Deployment). Warnings for
// unknown and duplicate fields go to rq under the Warn directive.
func decodeObject(rq *request, body []byte, contentType string, want metav1.GroupVersionKind, into metav1.Object, directive string) error {
	if isProtobuf(contentType) {
		return decodeProtobuf(body, want, into)
	}
	data, dups, err := bodyJSON(body, contentType, want, directive != metav1.FieldValidationIgnore)
	if err != nil {
		return err
	}
	return decodeJSON(rq, data, want, into, directive, dups)
}

// decodeJSON is decodeObject for a body already in JSON (a patched
// object); dups are duplicate fields already found.
func decodeJSON(rq *request, data []byte, want metav1.GroupVersionKind, into metav1.Object, directive string, dups []string) error {
	var header struct {
		APIVersion any `json:"apiVersion"`
		Kind       any `json:"kind"`
	}
	if err := json.Unmarshal(data, &header); err != nil {
		return unrecognized(want, fmt.Errorf("couldn't get version/kind; json parse error: %w", err), data)
	}
	if d := bytes.TrimSpace(data); len(d) == 0 || d[0] != '{' {
		return unrecognized(want, errors.New("the body is not a JSON object"), data)
	}
	apiVersion, _ := header.APIVersion.(string)
	kind, _ := header.Kind.(string)
	got := metav1.FromAPIVersionAndKind(apiVersion, kind)
	if kind == "" {
		got.Kind = want.Kind
	}
	if apiVersion == "" {
		got.Group, got.Version = want.Group, want.Version
	}
	if err := checkKind(got, want); err != nil {
		return err
	}

	err := codec.DecodeStrict(data, into)
	var strict *codec.StrictDecodingError
	if err != nil && !errors.As(err, &strict) {
		return cannotHandle(got, want, err)
	}
	if strict == nil && len(dups) == 0 {
		return nil // DecodeStrict has filled into
	}
	// Unknown and duplicate fields are the directive's to judge; any
	// other problem (a string where a number belongs) is a 400.
	var unknown, problems []string
	var wrong field.ErrorList
	for _, d := range dups {
		problems = append(problems, fmt.Sprintf("duplicate field %q", d))
	}
	for _, fe := range strictErrors(strict) {
		switch fe.Type {
		case field.ErrorTypeUnknown:
			unknown = append(unknown, fe.Field)
			problems = append(problems, fmt.Sprintf("unknown field %q", fe.Field))
		case field.ErrorTypeDuplicate:
			problems = append(problems, fmt.Sprintf("duplicate field %q", fe.Field))
		default:
			wrong = append(wrong, fe)
		}
	}
	if len(wrong) > 0 {
		return cannotHandle(got, want, wrong.ToAggregate())
	}
	if err := judgeFields(rq, problems, directive); err != nil {
		return cannotHandle(got, want, err)
	}
	if strict == nil {
		return nil // only a YAML body's duplicates: DecodeStrict has filled into
	}
	return decodePruned(data, unknown, into)
}

// checkKind compares the kind a body says it is with the kind the URL
// serves: another group or version is upstream's 400 about the API
// version, another kind the 400 that the body cannot be handled.
func checkKind(got, want metav1.GroupVersionKind) error {
	if gv, wantGV := got.GroupVersion(), want.GroupVersion(); gv != wantGV {
		return apierrors.NewBadRequest(fmt.Sprintf("the API version in the data (%s) does not match the expected API version (%s)", gv, wantGV))
	}
	if got.Kind != want.Kind {
		return cannotHandle(got, want, errKindMismatch(got, want))
	}
	return nil
}

// errKindMismatch says that a body's kind is not the URL's.
func errKindMismatch(got, want metav1.GroupVersionKind) error {
	return fmt.Errorf("the kind in the data (%s) is not the kind this URL serves (%s)", got.Kind, want.Kind)
}

// strictErrors returns the problems of err, which may be nil.
func strictErrors(err *codec.StrictDecodingError) field.ErrorList {
	if err == nil {
		return nil
	}
	return err.Errors
}

// judgeFields applies directive to the problems (unknown and duplicate
// fields) of a body: the strict decoding error under Strict, a warning
// each under Warn, nothing under Ignore.
func judgeFields(rq *request, problems []string, directive string) error {
	switch {
	case len(problems) == 0 || directive == metav1.FieldValidationIgnore:
		return nil
	case directive == metav1.FieldValidationStrict:
		return errors.New("strict decoding error: " + strings.Join(problems, ", "))
	}
	for _, p := range problems {
		addWarning(rq, p)
	}
	return nil
}

// decodePruned decodes data into into without the fields unknown names.
// They must go before encoding/json sees them: it would match "Spec" to
// the spec field, ignoring case, where upstream drops it.
func decodePruned(data []byte, unknown []string, into any) error {
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("decode request body: %w", err)
	}
	names := map[string]bool{}
	for _, u := range unknown {
		names[u] = true
	}
	prune(doc, nil, names)
	pruned, err := json.Marshal(doc)
	if err == nil {
		err = json.Unmarshal(pruned, into)
	}
	if err != nil {
		return fmt.Errorf("decode request body: %w", err)
	}
	return nil
}

// prune deletes from v, found at path p, the fields whose paths are in
// names. A map key's path is p.Child(k) under a struct and p.Key(k) under
// a Go map; not knowing the type here, both are tried.
func prune(v any, p *field.Path, names map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			for _, cp := range []*field.Path{p.Child(k), p.Key(k)} {
				s := cp.String()
				if names[s] {
					delete(v, k)
					break
				}
				if hasPathUnder(names, s) {
					prune(child, cp, names)
					break
				}
			}
		}
	case []any:
		for i, e := range v {
			prune(e, p.Index(i), names)
		}
	}
}

// hasPathUnder reports whether a path in names lies below path s.
func hasPathUnder(names map[string]bool, s string) bool {
	for n := range names {
		if strings.HasPrefix(n, s+".") || strings.HasPrefix(n, s+"[") {
			return true
		}
	}
	return false
}

// unrecognized is upstream's 400 for a body that could not be read at all,
// with the first 30 bytes of it.
func unrecognized(want metav1.GroupVersionKind, err error, body []byte) error {
	return apierrors.NewBadRequest(fmt.Sprintf("the object provided is unrecognized (must be of type %s): %v (%s)",
		want.Kind, err, summarize(body, 30)))
}

// cannotHandle is upstream's 400 for a body of a known shape that does not
// decode into the URL's kind.
func cannotHandle(got, want metav1.GroupVersionKind, err error) error {
	return apierrors.NewBadRequest(fmt.Sprintf("%s in version %q cannot be handled as a %s: %v", got.Kind, got.Version, want.Kind, err))
}

// summarize shows the start of a body: as text when it looks like JSON,
// in hex otherwise, as upstream's summarizeData.
func summarize(data []byte, max int) string {
	switch {
	case len(data) == 0:
		return "<empty>"
	case data[0] == '{':
		if len(data) > max {
			return string(data[:max]) + " ..."
		}
		return string(data)
	case len(data) > max:
		return hex.EncodeToString(data[:max]) + " ..."
	}
	return hex.EncodeToString(data)
}

// addWarning adds a Warning header with code 299 (miscellaneous
// persistent warning) and agent "-", once per distinct text, as upstream.
func addWarning(rq *request, text string) {
	if rq.warned == nil {
		rq.warned = map[string]bool{}
	}
	if rq.warned[text] {
		return
	}
	rq.warned[text] = true
	escaped := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(text)
	rq.w.Header().Add("Warning", `299 - "`+escaped+`"`)
}
