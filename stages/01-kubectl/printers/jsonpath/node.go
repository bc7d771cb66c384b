// The parsed form of a template: segments at the top, steps inside actions.
//
// Interface:
//   - segment: textSegment (literal text), actionSegment ({path}),
//     rangeSegment ({range path}body{end}) and endSegment (an {end} with no
//     range, which fails when run, as upstream reports it).
//   - step: one move along a path - field, wildcard, recursive descent,
//     slice, union, filter, literal or identifier.
//   - String on each prints the tree in a compact form the parser tests
//     compare against.
//
// parser.go builds these; eval.go walks them.
package jsonpath

import (
	"fmt"
	"strings"
)

// segment is one piece of a template or of a range body.
type segment interface {
	fmt.Stringer
	isSegment()
}

// textSegment is literal text copied to the output.
type textSegment struct{ text string }

// actionSegment is {path}: the values the path selects are printed.
type actionSegment struct{ steps []step }

// rangeSegment is {range path}body{end}: body runs once per value the path
// selects, with that value as the current object.
type rangeSegment struct {
	steps []step
	body  []segment
}

// endSegment is an {end} outside any range.
type endSegment struct{}

func (textSegment) isSegment()   {}
func (actionSegment) isSegment() {}
func (rangeSegment) isSegment()  {}
func (endSegment) isSegment()    {}

func (s textSegment) String() string   { return fmt.Sprintf("text(%q)", s.text) }
func (s actionSegment) String() string { return "{" + stepsString(s.steps) + "}" }
func (s rangeSegment) String() string {
	body := make([]string, len(s.body))
	for i, b := range s.body {
		body[i] = b.String()
	}
	return "range{" + stepsString(s.steps) + "}[" + strings.Join(body, " ") + "]"
}
func (endSegment) String() string { return "{end}" }

// step is one move along a path: it maps the current values to new ones.
type step interface {
	fmt.Stringer
	isStep()
}

// fieldStep selects a key of each object (".name", "['name']").
type fieldStep struct{ name string }

// wildcardStep selects every value of each object or list (".*").
type wildcardStep struct{}

// recursiveStep selects each value and every object, list or non-empty
// string below it (".."), so the next step applies at any depth.
type recursiveStep struct{}

// sliceStep selects list elements: "[i]", "[start:end]", "[start:end:step]",
// "[*]". An unset bound means the list's start or end; endFromIndex marks
// the end of a single index "[i]", which is i+1 (or the list's end for -1).
type sliceStep struct {
	start, end, step          int
	hasStart, hasEnd, hasStep bool
	endFromIndex              bool
}

// unionStep selects what each alternative path selects, one path after the
// other ("[0,2]", "['a', 'b']").
type unionStep struct{ alternatives [][]step }

// filterStep keeps the list elements for which left op right holds
// ("[?(@.type=="Ready")]"); op "exists" keeps those where left selects
// anything.
type filterStep struct {
	left, right []step
	op          string
}

// literalStep is a quoted string, number or boolean inside an action. A
// string replaces the current values with itself; a number or boolean
// replaces each current value, as upstream evaluates them.
type literalStep struct {
	value    any
	perInput bool
}

// identifierStep is a bare word other than true/false. "range" and "end"
// lead their actions; any other identifier fails when run.
type identifierStep struct{ name string }

func (fieldStep) isStep()      {}
func (wildcardStep) isStep()   {}
func (recursiveStep) isStep()  {}
func (sliceStep) isStep()      {}
func (unionStep) isStep()      {}
func (filterStep) isStep()     {}
func (literalStep) isStep()    {}
func (identifierStep) isStep() {}

func (s fieldStep) String() string   { return "." + s.name }
func (wildcardStep) String() string  { return ".*" }
func (recursiveStep) String() string { return ".." }
func (s sliceStep) String() string {
	bound := func(set bool, v int) string {
		if !set {
			return ""
		}
		return fmt.Sprint(v)
	}
	if s.endFromIndex {
		return "[" + bound(s.hasStart, s.start) + "]"
	}
	out := "[" + bound(s.hasStart, s.start) + ":" + bound(s.hasEnd, s.end)
	if s.hasStep {
		out += ":" + fmt.Sprint(s.step)
	}
	return out + "]"
}
func (s unionStep) String() string {
	alts := make([]string, len(s.alternatives))
	for i, a := range s.alternatives {
		alts[i] = stepsString(a)
	}
	return "union(" + strings.Join(alts, " | ") + ")"
}
func (s filterStep) String() string {
	if s.op == "exists" {
		return "[?(" + stepsString(s.left) + ")]"
	}
	return "[?(" + stepsString(s.left) + " " + s.op + " " + stepsString(s.right) + ")]"
}
func (s literalStep) String() string {
	if str, ok := s.value.(string); ok {
		return fmt.Sprintf("%q", str)
	}
	return fmt.Sprint(s.value)
}
func (s identifierStep) String() string { return s.name }

func stepsString(steps []step) string {
	parts := make([]string, len(steps))
	for i, s := range steps {
		parts[i] = s.String()
	}
	return strings.Join(parts, " ")
}
