// Manifests: the objects of a stream, each with where it came from.
//
// Interface:
//   - Manifest is one object: the document it is in, its line, its
//     place in a List, and the fields its text gives twice.
//   - ReadManifests(r) splits, decodes and flattens a stream into them.
//
// kubectl needs the "where" for its messages: a file of five documents,
// or a List of five items, that fails validation must say which object
// is wrong. And it needs the duplicated keys (duplicates.go), which only
// the text still shows once the document is a map.

package codec

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Manifest is one object of a manifest stream.
type Manifest struct {
	// Object is the decoded object.
	Object map[string]any
	// Document is the 1-based number of the document in the stream, and
	// Line the stream line that document starts on.
	Document, Line int
	// Item is the object's path in its List document ("items[2]"), or ""
	// when the document is the object itself.
	Item string
	// Duplicates are the paths, relative to Object, of the keys the
	// document gives more than once inside this object: "metadata.name".
	Duplicates []string
}

// ReadManifests reads a whole stream as kubectl apply -f does: split it,
// decode every document, skip empty ones, and replace each List by its
// items. An error names the document (1-based) and, for malformed input,
// the line in the stream.
func ReadManifests(r io.Reader) ([]Manifest, error) {
	docs, err := SplitDocuments(r)
	if err != nil {
		return nil, err
	}
	var out []Manifest
	for i, d := range docs {
		obj, err := DecodeUnstructured(d.Data)
		if errors.Is(err, ErrEmptyDocument) {
			continue
		}
		if err != nil {
			var se *SyntaxError
			if errors.As(err, &se) {
				err = fmt.Errorf("decode: %w", se.shift(d.Line))
			}
			return nil, fmt.Errorf("document %d: %w", i+1, err)
		}
		// The document decoded, so it parses again; an error here would
		// be the two decoders disagreeing, and costs only the check.
		dups, _ := DuplicateFields(d.Data)
		items, err := listItems(obj, nil)
		if err != nil {
			return nil, fmt.Errorf("document %d: %w", i+1, err)
		}
		for _, it := range items {
			out = append(out, Manifest{
				Object: it.obj, Document: i + 1, Line: d.Line,
				Item: it.path.String(), Duplicates: under(dups, it.path.String()),
			})
		}
	}
	return out, nil
}

// under returns the paths that lie below prefix, made relative to it;
// every path when prefix is "".
func under(paths []string, prefix string) []string {
	if prefix == "" {
		return paths
	}
	var out []string
	for _, p := range paths {
		if rest, ok := strings.CutPrefix(p, prefix+"."); ok {
			out = append(out, rest)
		}
	}
	return out
}
