// Parser: label selector strings ("app=web,tier in (a,b),!canary") to
// Selectors.
//
// Interface:
//   - Parse(s) returns the Selector s describes, or an error worded as
//     upstream's ("unable to parse requirement: ...", "found 'x',
//     expected: ...").
//
// The grammar (upstream's, restated):
//
//	selector    = requirement { "," requirement }
//	requirement = [ "!" ] KEY [ set | exact ]
//	set         = ( "in" | "notin" ) "(" [ VALUE { "," [ VALUE ] } ] ")"
//	exact       = ( "=" | "==" | "!=" | ">" | "<" ) [ VALUE ]
//
// A bare KEY means Exists and "!" KEY DoesNotExist; an empty VALUE is the
// empty string. Words are split at whitespace and at the symbols
// = ! ( ) , > <; "in" and "notin" are keywords only where an operator is
// expected, so "in in (in)" is a valid selector.

package labels

import (
	"fmt"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/labels/selection"
)

// tokenKind classifies one lexeme.
type tokenKind int

const (
	tokEnd        tokenKind = iota // end of the input
	tokIdentifier                  // a key or a value
	tokComma                       // ,
	tokOpenPar                     // (
	tokClosedPar                   // )
	tokNot                         // ! (does not exist)
	tokEquals                      // =
	tokDoubleEq                    // ==
	tokNotEquals                   // !=
	tokGreater                     // >
	tokLess                        // <
)

var symbols = map[string]tokenKind{
	",": tokComma, "(": tokOpenPar, ")": tokClosedPar, "!": tokNot,
	"=": tokEquals, "==": tokDoubleEq, "!=": tokNotEquals, ">": tokGreater, "<": tokLess,
}

type token struct {
	kind tokenKind
	text string
}

func isSymbol(c byte) bool { return strings.IndexByte("=!(),><", c) >= 0 }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// lex splits s into tokens, ending with tokEnd. "in" and "notin" are
// returned as identifiers; operator() reads them as keywords.
func lex(s string) []token {
	var toks []token
	for i := 0; ; {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		switch {
		case i == len(s):
			return append(toks, token{kind: tokEnd})
		case isSymbol(s[i]):
			// The only two-character symbols are "==" and "!=".
			n := 1
			if i+1 < len(s) && s[i+1] == '=' && (s[i] == '=' || s[i] == '!') {
				n = 2
			}
			toks = append(toks, token{kind: symbols[s[i:i+n]], text: s[i : i+n]})
			i += n
		default:
			start := i
			for i < len(s) && !isSymbol(s[i]) && !isSpace(s[i]) {
				i++
			}
			toks = append(toks, token{kind: tokIdentifier, text: s[start:i]})
		}
	}
}

// parser walks the tokens of one selector string.
type parser struct {
	toks []token
	pos  int
}

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tokEnd {
		p.pos++
	}
	return t
}

// Parse reads a selector string. The empty string (or only whitespace)
// gives Everything. Requirements are sorted by key in the result.
func Parse(s string) (Selector, error) {
	p := &parser{toks: lex(s)}
	var rs internalSelector
	for {
		switch t := p.peek(); t.kind {
		case tokEnd:
			sortByKey(rs)
			return rs, nil
		case tokIdentifier, tokNot:
			r, err := p.requirement()
			if err != nil {
				return nil, fmt.Errorf("unable to parse requirement: %w", err)
			}
			rs = append(rs, *r)
			switch t := p.next(); t.kind {
			case tokEnd:
				sortByKey(rs)
				return rs, nil
			case tokComma:
				if n := p.peek(); n.kind != tokIdentifier && n.kind != tokNot {
					return nil, fmt.Errorf("found '%s', expected: identifier after ','", n.text)
				}
			default:
				return nil, fmt.Errorf("found '%s', expected: ',' or 'end of string'", t.text)
			}
		default:
			return nil, fmt.Errorf("found '%s', expected: !, identifier, or 'end of string'", t.text)
		}
	}
}

// requirement parses one requirement, leaving the following "," or end
// unread.
func (p *parser) requirement() (*Requirement, error) {
	negated := false
	t := p.next()
	if t.kind == tokNot {
		negated = true
		t = p.next()
	}
	if t.kind != tokIdentifier {
		return nil, fmt.Errorf("found '%s', expected: identifier", t.text)
	}
	key := t.text
	if err := validateLabelKey(key, nil); err != nil {
		return nil, err
	}
	if negated {
		// "!key" takes no operator; anything after it but "," or the end
		// is reported by Parse as unexpected.
		return NewRequirement(key, selection.DoesNotExist, nil)
	}
	if n := p.peek().kind; n == tokEnd || n == tokComma {
		return NewRequirement(key, selection.Exists, nil)
	}
	op, err := p.operator()
	if err != nil {
		return nil, err
	}
	var values []string
	if op == selection.In || op == selection.NotIn {
		values, err = p.valueSet()
	} else {
		values, err = p.exactValue()
	}
	if err != nil {
		return nil, err
	}
	return NewRequirement(key, op, values)
}

// binaryOperators is what the operator error lists, in upstream's order.
var binaryOperators = []string{
	string(selection.In), string(selection.NotIn), string(selection.Equals),
	string(selection.DoubleEquals), string(selection.NotEquals),
	string(selection.GreaterThan), string(selection.LessThan),
}

func (p *parser) operator() (selection.Operator, error) {
	t := p.next()
	switch {
	case t.kind == tokIdentifier && t.text == "in":
		return selection.In, nil
	case t.kind == tokIdentifier && t.text == "notin":
		return selection.NotIn, nil
	case t.kind == tokEquals:
		return selection.Equals, nil
	case t.kind == tokDoubleEq:
		return selection.DoubleEquals, nil
	case t.kind == tokNotEquals:
		return selection.NotEquals, nil
	case t.kind == tokGreater:
		return selection.GreaterThan, nil
	case t.kind == tokLess:
		return selection.LessThan, nil
	}
	return "", fmt.Errorf("found '%s', expected: %s", t.text, strings.Join(binaryOperators, ", "))
}

// valueSet parses "(" ... ")". An empty slot between commas, or "()", is
// the empty string value.
func (p *parser) valueSet() ([]string, error) {
	if t := p.next(); t.kind != tokOpenPar {
		return nil, fmt.Errorf("found '%s' expected: '('", t.text)
	}
	switch t := p.peek(); t.kind {
	case tokClosedPar:
		p.next()
		return []string{""}, nil
	case tokIdentifier, tokComma:
	default:
		return nil, fmt.Errorf("found '%s', expected: ',', ')' or identifier", t.text)
	}
	var values []string
	wantValue := true // at the start, or just after a comma
	for {
		t := p.next()
		switch {
		case t.kind == tokIdentifier && wantValue:
			values = append(values, t.text)
			wantValue = false
			if n := p.peek(); n.kind != tokComma && n.kind != tokClosedPar {
				return nil, fmt.Errorf("found '%s', expected: ',' or ')'", n.text)
			}
		case t.kind == tokComma:
			if wantValue {
				values = append(values, "") // "(,x)" or "(x,,y)"
			}
			wantValue = true
		case t.kind == tokClosedPar:
			if wantValue {
				values = append(values, "") // "(x,)"
			}
			return values, nil
		default:
			return nil, fmt.Errorf("found '%s', expected: ',', or identifier", t.text)
		}
	}
}

// exactValue parses the one value after =, ==, !=, > or <; nothing before
// the next "," or the end is the empty value.
func (p *parser) exactValue() ([]string, error) {
	if n := p.peek().kind; n == tokEnd || n == tokComma {
		return []string{""}, nil
	}
	t := p.next()
	if t.kind != tokIdentifier {
		return nil, fmt.Errorf("found '%s', expected: identifier", t.text)
	}
	return []string{t.text}, nil
}
