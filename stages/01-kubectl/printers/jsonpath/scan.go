// Scanning: reading a template rune by rune, and the character classes
// the parser decides by.
//
// Interface:
//   - next, peek and backup move through the input; next returns eof at
//     the end.
//   - isTerminator: the runes that end a field name or a word.
//   - unquote: a quoted string's value; single quotes are accepted too.
//
// parser.go uses these; they hold no grammar of their own.
package jsonpath

import (
	"errors"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

const eof = -1

var errSyntax = errors.New("invalid syntax")

// unquote is strconv.Unquote that also accepts single-quoted strings.
func unquote(s string) (string, error) {
	n := len(s)
	if n < 2 || s[0] != s[n-1] || (s[0] != '"' && s[0] != '\'') {
		return "", errSyntax
	}
	quote, body := s[0], s[1:n-1]
	if !strings.ContainsAny(body, `\`+string(quote)) {
		return body, nil
	}
	var b strings.Builder
	for len(body) > 0 {
		c, multibyte, rest, err := strconv.UnquoteChar(body, quote)
		if err != nil {
			return "", err
		}
		body = rest
		if c < utf8.RuneSelf || !multibyte {
			b.WriteByte(byte(c))
		} else {
			b.WriteRune(c)
		}
	}
	return b.String(), nil
}

func (p *parser) next() rune {
	if p.pos >= len(p.input) {
		p.width = 0
		return eof
	}
	r, w := utf8.DecodeRuneInString(p.input[p.pos:])
	p.width = w
	p.pos += w
	return r
}

func (p *parser) peek() rune {
	r := p.next()
	p.backup()
	return r
}

func (p *parser) backup() { p.pos -= p.width }

func isTerminator(r rune) bool {
	switch r {
	case eof, ' ', '\t', '\r', '\n', '.', ',', '[', ']', '$', '@', '{', '}':
		return true
	}
	return false
}

func isEndOfLine(r rune) bool { return r == '\r' || r == '\n' }

func isAlphaNumeric(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}
