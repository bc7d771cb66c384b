// Decoding: one document to a map[string]any, and a whole stream to the
// list of objects it holds.
//
// Interface:
//   - ToJSON(doc) converts a YAML (or JSON) document to JSON bytes.
//   - DecodeUnstructured(doc) returns the document's object.
//   - DecodeManifests(r) splits, decodes and flattens a whole stream,
//     with errors that name the document and the line in the stream.
//   - ItemsOf(obj) opens a List; IsList says whether obj is one.
//   - SyntaxError is a malformed document, with its line.
//
// Numbers are normalized as the package doc says: whole values that fit in
// int64 become int64, the rest float64.

package codec

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// ErrEmptyDocument is returned (wrapped) for a document that holds no
// value, such as "null" or only comments.
var ErrEmptyDocument = errors.New("document is empty")

// SyntaxError is a document that is not well-formed YAML or JSON.
type SyntaxError struct {
	// Format is "yaml" or "json".
	Format string
	// Line is the 1-based line of the problem, 0 when the parser did not
	// say.
	Line int
	// Msg is the parser's description, without the line.
	Msg string
}

func (e *SyntaxError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s: line %d: %s", e.Format, e.Line, e.Msg)
	}
	return e.Format + ": " + e.Msg
}

var lineRef = regexp.MustCompile(`line (\d+)`)

// shift returns a copy of e with every line number moved down by
// offset-1, turning lines inside a document into lines of the stream the
// document starts on line offset of.
func (e *SyntaxError) shift(offset int) *SyntaxError {
	out := *e
	if out.Line > 0 {
		out.Line += offset - 1
	}
	out.Msg = lineRef.ReplaceAllStringFunc(e.Msg, func(m string) string {
		n, _ := strconv.Atoi(m[len("line "):])
		return fmt.Sprintf("line %d", n+offset-1)
	})
	return &out
}

// yamlSyntaxError turns sigs.k8s.io/yaml's error ("error converting YAML
// to JSON: yaml: line 3: mapping values are not allowed in this context")
// into a *SyntaxError.
func yamlSyntaxError(err error) *SyntaxError {
	msg := strings.TrimPrefix(err.Error(), "error converting YAML to JSON: ")
	msg = strings.TrimPrefix(msg, "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "unmarshal errors:\n"); ok {
		// "unmarshal errors:\n  line 2: key \"kind\" already set in map\n..."
		var parts []string
		for _, l := range strings.Split(rest, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				parts = append(parts, l)
			}
		}
		msg = strings.Join(parts, "; ")
	}
	e := &SyntaxError{Format: "yaml", Msg: msg}
	if m := lineRef.FindStringSubmatchIndex(msg); m != nil {
		e.Line, _ = strconv.Atoi(msg[m[2]:m[3]])
		if m[0] == 0 && strings.HasPrefix(msg[m[1]:], ": ") {
			e.Msg = msg[m[1]+2:]
		}
	}
	return e
}

// jsonSyntaxError places a JSON decoding error on its line; base is the
// offset of data's first byte in what the line numbers count from.
func jsonSyntaxError(data []byte, base int, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &SyntaxError{Format: "json", Line: lineAt(data, int(se.Offset)-base), Msg: se.Error()}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &SyntaxError{Format: "json", Line: lineAt(data, len(data)), Msg: "unexpected end of JSON input"}
	}
	return err
}

// ToJSON returns doc as JSON. A document that is already valid JSON is
// returned unchanged; anything else is read as YAML (of which JSON is a
// subset), so a malformed document gets YAML's error, with its line.
func ToJSON(doc []byte) ([]byte, error) {
	if json.Valid(doc) {
		return doc, nil
	}
	out, err := yaml.YAMLToJSON(doc)
	if err != nil {
		return nil, yamlSyntaxError(err)
	}
	return out, nil
}

// DecodeUnstructured decodes one YAML or JSON document that holds an
// object. It fails with a *SyntaxError for malformed input, with
// ErrEmptyDocument for an empty one, and when the document is a list or a
// scalar rather than an object.
func DecodeUnstructured(doc []byte) (map[string]any, error) {
	j, err := ToJSON(doc)
	if err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	v, err := decodeJSON(j)
	if err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	switch v := v.(type) {
	case nil:
		return nil, fmt.Errorf("decode: %w", ErrEmptyDocument)
	case map[string]any:
		return v, nil
	default:
		return nil, fmt.Errorf("decode: expected an object (a mapping of fields such as apiVersion, kind, metadata), found %s", jsonType(v))
	}
}

// decodeJSON decodes exactly one JSON value with numbers normalized.
func decodeJSON(j []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(j))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, jsonSyntaxError(j, 0, err)
	}
	if dec.More() {
		return nil, &SyntaxError{Format: "json", Line: lineAt(j, int(dec.InputOffset())), Msg: "more than one value in one document"}
	}
	return normalizeNumbers(v)
}

// normalizeNumbers replaces every json.Number in v, in place: whole
// values that fit in int64 by int64, others by float64. A number too large
// for a float64 is an error, since it could not be written back.
func normalizeNumbers(v any) (any, error) {
	var err error
	switch v := v.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i, nil
		}
		f, err := v.Float64()
		if err != nil {
			return nil, fmt.Errorf("number %s is out of range", v)
		}
		if f == math.Trunc(f) && f >= math.MinInt64 && f < math.MaxInt64 {
			return int64(f), nil
		}
		return f, nil
	case map[string]any:
		for k, e := range v {
			if v[k], err = normalizeNumbers(e); err != nil {
				return nil, err
			}
		}
	case []any:
		for i, e := range v {
			if v[i], err = normalizeNumbers(e); err != nil {
				return nil, err
			}
		}
	}
	return v, nil
}

// jsonType names the JSON type of a decoded value, for messages.
func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case int64:
		return "integer"
	case json.Number:
		if _, err := v.Int64(); err == nil {
			return "integer"
		}
		return "number"
	case float64:
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// DecodeManifests reads a whole stream as kubectl apply -f does: split it,
// decode every document, skip empty ones, and replace each List by its
// items. An error names the document (1-based) and, for malformed input,
// the line in the stream. ReadManifests (manifests.go) returns the same
// objects with where each came from.
func DecodeManifests(r io.Reader) ([]map[string]any, error) {
	manifests, err := ReadManifests(r)
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, len(manifests))
	for i, m := range manifests {
		out[i] = m.Object
	}
	return out, nil
}

// IsList reports whether obj is a list: its kind is "List" or ends in
// "List" (PodList, as `kubectl get pods -o yaml` writes) and it has an
// items array.
func IsList(obj map[string]any) bool {
	kind, _ := obj["kind"].(string)
	_, hasItems := obj["items"].([]any)
	return hasItems && strings.HasSuffix(kind, "List")
}

// ItemsOf returns the objects obj stands for: obj itself when it is not a
// list, otherwise its items, with nested lists opened too. An item of a
// typed list (PodList) that lacks apiVersion or kind gets the list's
// apiVersion and the kind without "List". An item that is not an object is
// an error naming its index.
func ItemsOf(obj map[string]any) ([]map[string]any, error) {
	items, err := listItems(obj, nil)
	if err != nil {
		return nil, err
	}
	var out []map[string]any
	for _, it := range items {
		out = append(out, it.obj)
	}
	return out, nil
}

// listItem is one object of a list and its path in the list document
// ("items[2]"; nil for an object that is not in a list).
type listItem struct {
	obj  map[string]any
	path *field.Path
}

// listItems is ItemsOf with each item's path below p.
func listItems(obj map[string]any, p *field.Path) ([]listItem, error) {
	if !IsList(obj) {
		return []listItem{{obj: obj, path: p}}, nil
	}
	kind, _ := obj["kind"].(string)
	apiVersion, _ := obj["apiVersion"].(string)
	var out []listItem
	for i, it := range obj["items"].([]any) {
		m, ok := it.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s items[%d]: expected an object, found %s", kind, i, jsonType(it))
		}
		if kind != "List" {
			if _, ok := m["kind"]; !ok {
				m["kind"] = strings.TrimSuffix(kind, "List")
			}
			if _, ok := m["apiVersion"]; !ok && apiVersion != "" {
				m["apiVersion"] = apiVersion
			}
		}
		sub, err := listItems(m, p.Child("items").Index(i))
		if err != nil {
			return nil, err
		}
		out = append(out, sub...)
	}
	return out, nil
}
