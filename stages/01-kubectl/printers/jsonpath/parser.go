// Parser: template text to segments and steps.
//
// Interface:
//   - parse(text) returns the template's segments, with each
//     {range ...}...{end} folded into a rangeSegment, or the first syntax
//     error in upstream's words ("unclosed action", "unterminated array",
//     "invalid array index x", "unrecognized character in action: U+0021 '!'").
//
// The grammar, as upstream reads it:
//
//	template = { text | "{" action "}" }
//	action   = { " " | "@" | "$" | "." field | ".." [ field ] | "[" index "]"
//	           | "[?(" filter ")]" | quoted | number | word }
//	index    = "*" | slice | "'" key "'" | index { "," index }
//	slice    = [ int ] [ ":" [ int ] [ ":" [ int ] ] ]
//	filter   = path [ op path ]        op = one of == != < <= > >=
//
// A field name runs to the next space, ".", ",", "[", "]", "$", "@", "{"
// or "}"; a backslash lets one of them into the name
// ("{.metadata.labels.app\.kubernetes\.io/name}"). Nested pieces (union
// members, bracketed keys, both sides of a filter) are parsed by running
// the parser again on their text, as upstream does.
package jsonpath

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

var (
	dictKeyRex  = regexp.MustCompile(`^'([^']*)'$`)
	sliceRex    = regexp.MustCompile(`^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$`)
	filterRex   = regexp.MustCompile(`^([^!<>=]+)([!<>=]+)(.+?)$`)
	errUnclosed = errors.New("unclosed action")
)

// parser scans one template. pos is the next byte to read; width is the
// size of the rune last read, so backup can undo one next.
type parser struct {
	input      string
	pos, width int
}

// parse reads a whole template and folds range blocks.
func parse(text string) ([]segment, error) {
	p := &parser{input: text}
	var flat []segment
	for p.pos < len(p.input) {
		open := strings.Index(p.input[p.pos:], "{")
		if open < 0 {
			flat = append(flat, textSegment{p.input[p.pos:]})
			break
		}
		if open > 0 {
			flat = append(flat, textSegment{p.input[p.pos : p.pos+open]})
		}
		p.pos += open + 1
		steps, err := p.parseAction()
		if err != nil {
			return nil, err
		}
		flat = append(flat, actionSegment{steps})
	}
	segments, _ := nest(flat, 0, false)
	return segments, nil
}

// nest folds {range ...} ... {end} into rangeSegments, starting at flat[i].
// Inside a range it stops after the matching {end}; a range left open runs
// to the end of the template. An {end} outside any range stays as an
// endSegment so that running it fails, as upstream reports it.
func nest(flat []segment, i int, inRange bool) ([]segment, int) {
	var out []segment
	for i < len(flat) {
		action, isAction := flat[i].(actionSegment)
		switch {
		case isAction && leads(action, "end"):
			if inRange {
				return out, i + 1
			}
			out = append(out, endSegment{})
			i++
		case isAction && leads(action, "range"):
			body, next := nest(flat, i+1, true)
			out = append(out, rangeSegment{steps: action.steps[1:], body: body})
			i = next
		default:
			out = append(out, flat[i])
			i++
		}
	}
	return out, i
}

// leads reports whether an action starts with the keyword word.
func leads(a actionSegment, word string) bool {
	if len(a.steps) == 0 {
		return false
	}
	id, ok := a.steps[0].(identifierStep)
	return ok && id.name == word
}

// parseSteps parses text as the inside of one action; what follows a "}"
// in text is ignored, as upstream ignores it.
func parseSteps(text string) ([]step, error) {
	p := &parser{input: "{" + text + "}", pos: 1}
	return p.parseAction()
}

// parseAction reads steps up to and including the closing "}".
func (p *parser) parseAction() ([]step, error) {
	var steps []step
	for {
		rest := p.input[p.pos:]
		switch {
		case strings.HasPrefix(rest, "}"):
			p.pos++
			return steps, nil
		case strings.HasPrefix(rest, "[?("):
			s, err := p.parseFilter()
			if err != nil {
				return nil, err
			}
			steps = append(steps, s)
			continue
		case strings.HasPrefix(rest, ".."):
			if n := len(steps); n > 0 {
				if _, twice := steps[n-1].(recursiveStep); twice {
					return nil, errors.New("invalid multiple recursive descent")
				}
			}
			p.pos += len("..")
			steps = append(steps, recursiveStep{})
			if isAlphaNumeric(p.peek()) {
				steps = append(steps, p.parseField())
			}
			continue
		}

		var more []step
		var err error
		switch r := p.next(); {
		case r == eof || isEndOfLine(r):
			return nil, errUnclosed
		case r == ' ', r == '@', r == '$':
			// Spaces separate words; @ and $ name the current object,
			// which is where a path starts anyway.
		case r == '[':
			more, err = p.parseArray()
		case r == '"' || r == '\'':
			more, err = p.parseQuote(r)
		case r == '.':
			more = []step{p.parseField()}
		case r == '+' || r == '-' || unicode.IsDigit(r):
			p.backup()
			more, err = p.parseNumber()
		case isAlphaNumeric(r):
			p.backup()
			more = []step{p.parseWord()}
		default:
			return nil, fmt.Errorf("unrecognized character in action: %#U", r)
		}
		if err != nil {
			return nil, err
		}
		steps = append(steps, more...)
	}
}

// parseField reads a field name after "."; "*" is the wildcard.
func (p *parser) parseField() step {
	start := p.pos
	for {
		r := p.next()
		if r == '\\' {
			p.next() // the escaped rune belongs to the name
			continue
		}
		if isTerminator(r) {
			p.backup()
			break
		}
	}
	name := p.input[start:p.pos]
	if name == "*" {
		return wildcardStep{}
	}
	return fieldStep{strings.ReplaceAll(name, `\`, "")}
}

// parseArray reads "[...]" after its "[": a union, a quoted key or a slice.
func (p *parser) parseArray() ([]step, error) {
	end := strings.IndexAny(p.input[p.pos:], "]\n")
	if end < 0 || p.input[p.pos+end] == '\n' {
		return nil, errors.New("unterminated array")
	}
	text := p.input[p.pos : p.pos+end]
	p.pos += end + 1
	if text == "*" {
		text = ":"
	}

	if parts := strings.Split(text, ","); len(parts) > 1 {
		union := unionStep{}
		for _, part := range parts {
			alt, err := parseSteps("[" + strings.Trim(part, " ") + "]")
			if err != nil {
				return nil, err
			}
			union.alternatives = append(union.alternatives, alt)
		}
		return []step{union}, nil
	}

	if key := dictKeyRex.FindStringSubmatch(text); key != nil {
		return parseSteps("." + key[1])
	}

	m := sliceRex.FindStringSubmatch(text)
	if m == nil {
		return nil, fmt.Errorf("invalid array index %s", text)
	}
	var s sliceStep
	var err error
	if m[1] != "" {
		if s.start, err = arrayIndex(m[1]); err != nil {
			return nil, err
		}
		s.hasStart = true
	}
	switch {
	case m[2] == "": // "[i]": one element
		s.end, s.hasEnd, s.endFromIndex = s.start+1, true, true
	case m[2] != ":":
		if s.end, err = arrayIndex(m[2][1:]); err != nil {
			return nil, err
		}
		s.hasEnd = true
	}
	if len(m[3]) > 1 {
		if s.step, err = arrayIndex(m[3][1:]); err != nil {
			return nil, err
		}
		s.hasStep = true
	}
	return []step{s}, nil
}

func arrayIndex(text string) (int, error) {
	i, err := strconv.Atoi(text)
	if err != nil {
		return 0, fmt.Errorf("array index %s is not a number", text)
	}
	return i, nil
}

// parseFilter reads "[?(left op right)]". A ")" inside the first quoted
// string does not end the filter.
func (p *parser) parseFilter() (step, error) {
	p.pos += len("[?(")
	start := p.pos
	opened, closed := false, false
	var quote rune
	for done := false; !done; {
		switch r := p.next(); r {
		case eof, '\n':
			return nil, errors.New("unterminated filter")
		case '"', '\'':
			if !opened {
				opened, quote = true, r
			} else if r == quote && p.input[p.pos-2] != '\\' {
				closed = true
			}
		case ')':
			done = opened == closed
		}
	}
	if p.next() != ']' {
		return nil, errors.New("unclosed array expect ]")
	}
	text := p.input[start : p.pos-2]

	m := filterRex.FindStringSubmatch(text)
	if m == nil {
		left, err := parseSteps(text)
		if err != nil {
			return nil, err
		}
		return filterStep{left: left, op: "exists"}, nil
	}
	left, err := parseSteps(m[1])
	if err != nil {
		return nil, err
	}
	right, err := parseSteps(m[3])
	if err != nil {
		return nil, err
	}
	return filterStep{left: left, right: right, op: m[2]}, nil
}

// parseQuote reads a quoted string after its opening quote.
func (p *parser) parseQuote(quote rune) ([]step, error) {
	start := p.pos - 1
	for {
		r := p.next()
		if r == eof || r == '\n' {
			return nil, errors.New("unterminated quoted string")
		}
		if r == quote && p.input[p.pos-2] != '\\' {
			break
		}
	}
	raw := p.input[start:p.pos]
	s, err := unquote(raw)
	if err != nil {
		return nil, fmt.Errorf("unquote string %s error %v", raw, err)
	}
	return []step{literalStep{value: s}}, nil
}

// parseNumber reads an optionally signed integer or decimal.
func (p *parser) parseNumber() ([]step, error) {
	start := p.pos
	if r := p.peek(); r == '+' || r == '-' {
		p.next()
	}
	for {
		if r := p.next(); r != '.' && !unicode.IsDigit(r) {
			p.backup()
			break
		}
	}
	text := p.input[start:p.pos]
	if i, err := strconv.Atoi(text); err == nil {
		return []step{literalStep{value: i, perInput: true}}, nil
	}
	if f, err := strconv.ParseFloat(text, 64); err == nil {
		return []step{literalStep{value: f, perInput: true}}, nil
	}
	return nil, fmt.Errorf("cannot parse number %s", text)
}

// parseWord reads a bare word: true, false, or an identifier.
func (p *parser) parseWord() step {
	start := p.pos
	for !isTerminator(p.next()) {
	}
	p.backup()
	word := p.input[start:p.pos]
	if word == "true" || word == "false" {
		return literalStep{value: word == "true", perInput: true}
	}
	return identifierStep{word}
}
