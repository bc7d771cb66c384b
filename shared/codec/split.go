// Splitting: one file or stream into its documents.
//
// Interface:
//   - SplitDocuments(r) returns each non-empty document with the line it
//     starts on; SplitYAMLDocuments returns only the bytes.
//   - A stream whose first non-space character is '{' is read as a JSON
//     stream (objects one after another); anything else as YAML whose
//     documents are separated by lines that start with "---".
//
// Decoding a document is decode.go's job; this file never parses YAML.

package codec

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Document is one document of a stream.
type Document struct {
	// Data is the document's bytes, YAML or JSON, without its separator.
	Data []byte
	// Line is the 1-based line of the stream on which Data starts; add it
	// to a line number inside Data, minus one, to point into the file.
	Line int
}

var utf8BOM = []byte("\xef\xbb\xbf")

// SplitDocuments reads r to the end and cuts it into documents. Documents
// that contain only blank lines and comments are left out. A "---" line
// may be followed by spaces and a comment, nothing else; otherwise the
// error names the line. A JSON stream that is not valid JSON gives a
// *SyntaxError naming the line.
func SplitDocuments(r io.Reader) ([]Document, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read manifests: %w", err)
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		return splitJSON(data)
	}
	return splitYAML(data)
}

// SplitYAMLDocuments is SplitDocuments without the line numbers.
func SplitYAMLDocuments(r io.Reader) ([][]byte, error) {
	docs, err := SplitDocuments(r)
	if err != nil {
		return nil, err
	}
	out := make([][]byte, len(docs))
	for i, d := range docs {
		out[i] = d.Data
	}
	return out, nil
}

// splitYAML cuts data at separator lines.
func splitYAML(data []byte) ([]Document, error) {
	var docs []Document
	var cur []byte
	start, line := 1, 0
	flush := func() {
		if !onlyComments(cur) {
			docs = append(docs, Document{Data: cur, Line: start})
		}
		cur = nil
	}
	for len(data) > 0 {
		line++
		l := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l = data[:i+1]
		}
		data = data[len(l):]
		if bytes.HasPrefix(l, []byte("---")) {
			rest := bytes.TrimSpace(l[3:])
			if len(rest) > 0 && rest[0] != '#' {
				return nil, fmt.Errorf("split manifests: line %d: invalid YAML document separator: %s", line, rest)
			}
			flush()
			start = line + 1
			continue
		}
		cur = append(cur, l...)
	}
	flush()
	return docs, nil
}

// onlyComments reports whether doc has nothing but blank and comment lines.
func onlyComments(doc []byte) bool {
	for _, l := range bytes.Split(doc, []byte("\n")) {
		l = bytes.TrimSpace(l)
		if len(l) > 0 && l[0] != '#' {
			return false
		}
	}
	return true
}

// splitJSON reads consecutive JSON values.
func splitJSON(data []byte) ([]Document, error) {
	var docs []Document
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("split manifests: %w", jsonSyntaxError(data, 0, err))
		}
		end := int(dec.InputOffset())
		begin := end - len(raw)
		docs = append(docs, Document{Data: raw, Line: lineAt(data, begin)})
	}
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int) int {
	off = min(max(off, 0), len(data))
	return bytes.Count(data[:off], []byte("\n")) + 1
}
