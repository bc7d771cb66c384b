// Duplicates: keys a document gives twice in one mapping.
//
// Interface:
//   - DuplicateFields(doc) returns the path of every key that appears
//     more than once in its mapping, in document order: "metadata.name"
//     for `metadata: {name: a, name: b}`.
//   - DuplicateFieldError(path, count) is the problem a strict check
//     reports for one of them.
//
// Decoding into a map keeps only the last of two equal keys, so the
// first value vanishes without a word: `name: web` followed later by
// `name: web-v2` creates web-v2. The API server's strict field
// validation refuses such a body (`duplicate field "metadata.name"`);
// kubectl can tell before sending, but only from the text, because the
// decoded map no longer knows. So this file reads the document a second
// time: JSON (what the API server mostly receives) token by token with
// encoding/json's Decoder, anything else with a YAML decoder that keeps
// every key in order (a YAML MapSlice). Both report the same paths, JSON
// being YAML too; the token reader is just many times cheaper.
package codec

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	goyaml "sigs.k8s.io/yaml/goyaml.v2"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// DuplicateFields returns the dotted path of each key that doc repeats
// within one mapping, once per repeated key, in the order the document
// first repeats them. List items are written with their index:
// "spec.containers[0].image". A document that does not parse, or whose
// root is not a mapping (every manifest's is), returns the parser's
// error; callers that decoded it as an object already will not see one.
func DuplicateFields(doc []byte) ([]string, error) {
	return duplicateFields(doc, json.Valid(doc))
}

// duplicateFields is DuplicateFields for a caller that knows whether doc
// is valid JSON.
func duplicateFields(doc []byte, isJSON bool) ([]string, error) {
	if isJSON {
		return jsonDuplicateFields(doc)
	}
	// Decoding into a MapSlice makes the decoder build every mapping
	// below it as a MapSlice too, keys in order and repeats kept.
	var root goyaml.MapSlice
	if err := goyaml.Unmarshal(doc, &root); err != nil {
		return nil, fmt.Errorf("find duplicate fields: %w", err)
	}
	var out []string
	findDuplicates(root, nil, &out)
	return out, nil
}

// findDuplicates walks v, found at p, appending the repeated keys.
func findDuplicates(v any, p *field.Path, out *[]string) {
	if m, ok := v.(goyaml.MapSlice); ok {
		v = m // the root arrives typed; the rest as any
	}
	switch v := v.(type) {
	case goyaml.MapSlice:
		count := map[string]int{}
		for _, item := range v {
			key := keyString(item.Key)
			count[key]++
			if count[key] == 2 {
				*out = append(*out, p.Child(key).String())
			}
			findDuplicates(item.Value, p.Child(key), out)
		}
	case []any:
		for i, item := range v {
			findDuplicates(item, p.Index(i), out)
		}
	}
}

// jsonDuplicateFields is DuplicateFields for valid JSON: it reads the
// tokens once, counting the keys of each object, and builds a path only
// where it descends into an object or array.
func jsonDuplicateFields(doc []byte) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber() // numbers stay text: nothing here needs their value
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("find duplicate fields: %w", err)
	}
	if tok != json.Delim('{') {
		return nil, errors.New("find duplicate fields: the document is not a mapping")
	}
	var out []string
	if err := walkJSON(dec, tok.(json.Delim), nil, &out); err != nil {
		return nil, fmt.Errorf("find duplicate fields: %w", err)
	}
	return out, nil
}

// walkJSON reads the rest of the object or array that opened with d, at
// p, appending the repeated keys, and its closing token.
func walkJSON(dec *json.Decoder, d json.Delim, p *field.Path, out *[]string) error {
	var count map[string]int // keys of an object, made at its first key
	for i := 0; dec.More(); i++ {
		var key string
		if d == '{' {
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			key = tok.(string) // a valid object's keys are strings
			if count == nil {
				count = map[string]int{}
			}
			count[key]++
			if count[key] == 2 {
				*out = append(*out, p.Child(key).String())
			}
		}
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		inner, ok := tok.(json.Delim)
		if !ok {
			continue // a scalar holds no keys
		}
		child := p.Index(i)
		if d == '{' {
			child = p.Child(key)
		}
		if err := walkJSON(dec, inner, child, out); err != nil {
			return err
		}
	}
	_, err := dec.Token() // the closing '}' or ']'
	return err
}

// keyString renders a mapping key as the JSON conversion would: YAML
// allows keys that are numbers or booleans (`80: http`, `on: true`).
func keyString(k any) string {
	switch k := k.(type) {
	case string:
		return k
	case bool:
		return strconv.FormatBool(k)
	}
	return fmt.Sprint(k)
}

// DuplicateFieldError is the problem reported for a key given more than
// once at path, in the API server's strict-decoding words
// (`duplicate field "metadata.name"`) and with the consequence: only the
// last value would be kept.
func DuplicateFieldError(path string) *field.Error {
	return &field.Error{
		Type:     field.ErrorTypeDuplicate,
		Field:    path,
		BadValue: field.OmitValue,
		Detail:   fmt.Sprintf("duplicate field %q: the key is given more than once and only its last value would be kept", path),
	}
}
