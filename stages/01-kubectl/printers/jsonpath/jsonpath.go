// JSONPath: a parsed template and the switches that change how it runs.
//
// Interface:
//   - New(name) then Parse(text): a template ready to run, or the parse error.
//   - AllowMissingKeys(true): a missing field selects nothing instead of
//     failing (kubectl sets it unless --allow-missing-template-keys=false).
//   - EnableJSONOutput(true): print each action's values as one indented
//     JSON array (kubectl's -o jsonpath-as-json).
//   - Execute(w, data): FindResults, then PrintResults for each group; on an
//     error nothing is written.
//
// The evaluation of paths lives in eval.go; the tree in node.go.
package jsonpath

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// JSONPath is a template. Its zero value is not usable; call New and Parse.
// A JSONPath keeps no state between runs, so one may Execute many times.
type JSONPath struct {
	name     string
	segments []segment
	// parsed is false until Parse succeeds; Execute refuses to run before.
	parsed           bool
	allowMissingKeys bool
	outputJSON       bool
}

// New returns an empty template; name appears only in the error for running
// a template that was never parsed.
func New(name string) *JSONPath { return &JSONPath{name: name} }

// AllowMissingKeys says whether a field that is not there selects nothing
// (true) or fails with "<field> is not found" (false, the default). It
// returns j for chaining.
func (j *JSONPath) AllowMissingKeys(allow bool) *JSONPath {
	j.allowMissingKeys = allow
	return j
}

// EnableJSONOutput makes PrintResults write each group of values as an
// indented JSON array followed by a newline.
func (j *JSONPath) EnableJSONOutput(v bool) { j.outputJSON = v }

// Parse reads text as a template. On an error the template stays unusable.
func (j *JSONPath) Parse(text string) error {
	segments, err := parse(text)
	if err != nil {
		j.segments, j.parsed = nil, false
		return err
	}
	j.segments, j.parsed = segments, true
	return nil
}

// Execute runs the template over data and writes the result to w. data is
// JSON-shaped (maps, lists, strings, numbers, booleans, nil); any other Go
// value is converted through encoding/json first.
func (j *JSONPath) Execute(w io.Writer, data any) error {
	groups, err := j.FindResults(data)
	if err != nil {
		return err
	}
	for _, g := range groups {
		if err := j.PrintResults(w, g); err != nil {
			return err
		}
	}
	return nil
}

// FindResults runs the template over data and returns one group of values
// per piece of output: a literal text, or the values one action selected
// (for an action inside a range, once per element of the range).
func (j *JSONPath) FindResults(data any) ([][]any, error) {
	if !j.parsed {
		return nil, fmt.Errorf("%s is an incomplete jsonpath template", j.name)
	}
	return j.run(Normalize(data), j.segments)
}

// PrintResults writes one group: the values separated by single spaces,
// strings as they are, objects and lists as compact JSON - or, with JSON
// output enabled, the whole group as an indented JSON array.
func (j *JSONPath) PrintResults(w io.Writer, results []any) error {
	if j.outputJSON {
		if results == nil {
			results = []any{}
		}
		data, err := json.MarshalIndent(results, "", "    ")
		if err != nil {
			return err
		}
		_, err = w.Write(append(data, '\n'))
		return err
	}
	var buf bytes.Buffer
	for i, r := range results {
		text, err := toText(r)
		if err != nil {
			return err
		}
		buf.WriteString(text)
		if i != len(results)-1 {
			buf.WriteByte(' ')
		}
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// toText is how one selected value prints: objects and lists as compact
// JSON (HTML characters escaped, as encoding/json does and upstream shows),
// nil as "<nil>", everything else as fmt prints it.
func toText(v any) (string, error) {
	switch v := v.(type) {
	case map[string]any, []any:
		data, err := json.Marshal(v)
		return string(data), err
	case string:
		return v, nil
	case nil:
		return "<nil>", nil
	}
	return fmt.Sprint(v), nil
}
