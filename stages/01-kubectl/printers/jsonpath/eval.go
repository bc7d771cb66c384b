// Evaluation: running segments and steps over JSON-shaped values.
//
// Interface:
//   - (*JSONPath).run(data, segments): the groups of values a template
//     produces (FindResults' result).
//   - evalSteps(values, steps): a path applied to a list of current values;
//     every step maps the whole list, so "{.items[*].metadata.name}" is
//     field, slice, field, field over an ever-wider list.
//   - Normalize(data): the data as evaluation expects it.
//
// Numbers: a JSON decoder gives float64 for every number, while upstream's
// kubectl holds whole numbers as int64. Normalize converts whole float64
// values to int64 so printing ("1000000", not "1e+06"), comparisons
// ("@.replicas==3") and error messages ("int64 is not array or slice")
// come out as upstream's do.
package jsonpath

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
)

// run produces the output groups of segments with cur as the current
// object.
func (j *JSONPath) run(cur any, segments []segment) ([][]any, error) {
	var groups [][]any
	for _, seg := range segments {
		switch seg := seg.(type) {
		case textSegment:
			groups = append(groups, []any{seg.text})
		case actionSegment:
			values, err := j.evalSteps([]any{cur}, seg.steps)
			if err != nil {
				return nil, err
			}
			groups = append(groups, values)
		case rangeSegment:
			values, err := j.evalSteps([]any{cur}, seg.steps)
			if err != nil {
				return nil, err
			}
			for _, v := range values {
				body, err := j.run(v, seg.body)
				if err != nil {
					return nil, err
				}
				groups = append(groups, body...)
			}
		case endSegment:
			return nil, errors.New("not in range, nothing to end")
		}
	}
	return groups, nil
}

// evalSteps applies a path to values.
func (j *JSONPath) evalSteps(values []any, steps []step) ([]any, error) {
	for _, s := range steps {
		var err error
		if values, err = j.evalStep(values, s); err != nil {
			return nil, err
		}
	}
	return values, nil
}

func (j *JSONPath) evalStep(in []any, s step) ([]any, error) {
	switch s := s.(type) {
	case fieldStep:
		return j.evalField(in, s)
	case wildcardStep:
		var out []any
		for _, v := range in {
			out = append(out, children(v)...)
		}
		return out, nil
	case recursiveStep:
		return descend(in), nil
	case sliceStep:
		return evalSlice(in, s)
	case unionStep:
		var out []any
		for _, alt := range s.alternatives {
			values, err := j.evalSteps(in, alt)
			if err != nil {
				return nil, err
			}
			out = append(out, values...)
		}
		return out, nil
	case filterStep:
		return j.evalFilter(in, s)
	case literalStep:
		if !s.perInput {
			return []any{s.value}, nil
		}
		out := make([]any, len(in))
		for i := range in {
			out[i] = s.value
		}
		return out, nil
	case identifierStep:
		return nil, fmt.Errorf("unrecognized identifier %v", s.name)
	}
	return nil, fmt.Errorf("unexpected step %v", s)
}

// evalField selects a key of every object among in. Values that are not
// objects select nothing; if nothing at all is selected the field is
// missing.
func (j *JSONPath) evalField(in []any, s fieldStep) ([]any, error) {
	var out []any
	for _, v := range in {
		if m, ok := v.(map[string]any); ok {
			if x, found := m[s.name]; found {
				out = append(out, x)
			}
		}
	}
	if len(out) == 0 && len(in) > 0 && !j.allowMissingKeys {
		return nil, fmt.Errorf("%s is not found", s.name)
	}
	return out, nil
}

// children is what a wildcard selects in v: an object's values in key
// order, a list's elements, or a string's bytes (as upstream's reflection
// sees a string).
func children(v any) []any {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := make([]any, len(keys))
		for i, k := range keys {
			out[i] = v[k]
		}
		return out
	case []any:
		return v
	case string:
		out := make([]any, len(v))
		for i := 0; i < len(v); i++ {
			out[i] = int64(v[i])
		}
		return out
	}
	return nil
}

// descend is "..": each value that has children, followed by everything
// below it that has children. Leaves are not selected themselves; the step
// after ".." picks from the containers.
func descend(in []any) []any {
	var out []any
	for _, v := range in {
		kids := children(v)
		if len(kids) == 0 {
			continue
		}
		out = append(out, v)
		out = append(out, descend(kids)...)
	}
	return out
}

// evalSlice selects elements of every list among in. An index or slice
// outside the list fails even when missing keys are allowed, as upstream
// does; an empty range ("[2:2]") selects nothing.
func evalSlice(in []any, s sliceStep) ([]any, error) {
	var out []any
	for _, v := range in {
		if v == nil {
			continue
		}
		list, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("%T is not array or slice", v)
		}
		n := len(list)
		start, end := 0, n
		if s.hasStart {
			start = s.start
		}
		if s.hasEnd {
			end = s.end
		}
		if start < 0 {
			start += n
		}
		if end < 0 || (end == 0 && s.endFromIndex) {
			end += n
		}
		if start == end {
			continue
		}
		switch {
		case start < 0 || start >= n:
			return nil, fmt.Errorf("array index out of bounds: index %d, length %d", start, n)
		case end < 0 || end > n:
			return nil, fmt.Errorf("array index out of bounds: index %d, length %d", end-1, n)
		case start > end:
			return nil, fmt.Errorf("starting index %d is greater than ending index %d", start, end)
		}
		stride := 1
		if s.hasStep {
			if s.step <= 0 {
				return nil, errors.New("step must be > 0")
			}
			stride = s.step
		}
		for i := start; i < end; i += stride {
			out = append(out, list[i])
			if stride >= end-i {
				break // the next index would pass end (or overflow)
			}
		}
	}
	return out, nil
}

// evalFilter keeps the elements of every list among in for which the
// filter holds. An element where the left side selects nothing is skipped;
// one where either side selects several values is an error.
func (j *JSONPath) evalFilter(in []any, s filterStep) ([]any, error) {
	var out []any
	for _, v := range in {
		list, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("%v is not array or slice and cannot be filtered", fmtValue(v))
		}
		for _, elem := range list {
			lefts, err := j.evalSteps([]any{elem}, s.left)
			if s.op == "exists" {
				if len(lefts) > 0 {
					out = append(out, elem)
				}
				continue
			}
			if err != nil {
				return nil, err
			}
			if len(lefts) == 0 {
				continue
			}
			if len(lefts) > 1 {
				return nil, errors.New("can only compare one element at a time")
			}
			rights, err := j.evalSteps([]any{elem}, s.right)
			if err != nil {
				return nil, err
			}
			if len(rights) == 0 {
				continue
			}
			if len(rights) > 1 {
				return nil, errors.New("can only compare one element at a time")
			}
			pass, err := compare(s.op, lefts[0], rights[0])
			if err != nil {
				return nil, err
			}
			if pass {
				out = append(out, elem)
			}
		}
	}
	return out, nil
}

// fmtValue prints a value as upstream's messages show it.
func fmtValue(v any) string {
	if v == nil {
		return "<nil>"
	}
	return fmt.Sprint(v)
}

// Normalize returns data as upstream kubectl holds a decoded object: maps,
// lists, strings, int64 for whole numbers, float64 for the others, bools and
// nil. Typed Go values go through encoding/json first. It copies; data is
// not changed. Printers use it so that numbers print as upstream prints
// them ("1000000", not "1e+06").
func Normalize(data any) any {
	switch v := data.(type) {
	case nil, string, bool, int64:
		return v
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = Normalize(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = Normalize(e)
		}
		return out
	case float64:
		if v == math.Trunc(v) && v >= math.MinInt64 && v < math.MaxInt64 {
			return int64(v)
		}
		return v
	case float32:
		return Normalize(float64(v))
	case int:
		return int64(v)
	case int32:
		return int64(v)
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	}
	// Typed Go values (structs, typed maps and slices) become JSON first.
	raw, err := json.Marshal(data)
	if err != nil {
		return data
	}
	var decoded any
	if err := json.Unmarshal(raw, &decoded); err != nil {
		return data
	}
	return Normalize(decoded)
}
