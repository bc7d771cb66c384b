// Text: from a Go doc comment to the description a user reads.
//
// Interface:
//   - describeType(doc) is a struct type's description.
//   - describeField(text, goName, json, siblings, values) is a field's,
//     with Go names rewritten to JSON names where that is unmistakable.
//
// Both keep only the first paragraph, as one line: kubectl explain wraps
// descriptions to the terminal itself. The rules are listed in doc.go.
package docgen

import (
	"go/ast"
	"go/doc/comment"
	"strings"
	"unicode"
	"unicode/utf8"
)

// describeType returns the description of a type whose doc comment is
// doc: its first paragraph.
func describeType(doc *ast.CommentGroup) string {
	return firstParagraph(rawDoc(doc))
}

// describeField returns the description of field goName (JSON name json)
// whose doc comment text is text. siblings maps the Go names of the
// struct's own fields to their JSON names; values holds the package's
// string constants.
func describeField(text, goName, json string, siblings map[string]string, values map[string]bool) string {
	s := firstParagraph(text)
	if s == "" {
		return ""
	}
	// The leading name: "Name is x" and "Name: x" become "X"; any other
	// "Name verb ..." keeps the sentence with the JSON name as subject.
	if rest, ok := strings.CutPrefix(s, goName); ok && (rest == "" || !isIdentRune(firstRune(rest))) {
		switch {
		case strings.HasPrefix(rest, " is "), strings.HasPrefix(rest, " are "):
			_, after, _ := strings.Cut(rest[1:], " ")
			s = upperFirst(after)
		case strings.HasPrefix(rest, ": "):
			s = upperFirst(rest[2:])
		default:
			s = json + rest
		}
	}
	return rewriteNames(s, siblings, values)
}

// firstParagraph returns text's first block, if it is a paragraph, as a
// single line. Lines starting with "+" are markers for tools, not prose,
// and are dropped first.
func firstParagraph(text string) string {
	var kept []string
	for line := range strings.SplitSeq(text, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "+") {
			kept = append(kept, line)
		}
	}
	var p comment.Parser
	d := p.Parse(strings.Join(kept, "\n"))
	if len(d.Content) == 0 {
		return ""
	}
	para, ok := d.Content[0].(*comment.Paragraph)
	if !ok {
		return "" // a list or a code block first: nothing to say in a line
	}
	pr := comment.Printer{TextWidth: -1} // one line, no wrapping
	return strings.TrimSpace(string(pr.Text(&comment.Doc{Content: []comment.Block{para}})))
}

// rewriteNames replaces, in s, each whole word that is the Go name of a
// sibling field with that field's JSON name, when the word is plainly an
// identifier: its JSON name is the Go name with a lower-case first letter,
// it has an upper-case letter after the first ("MinReadySeconds", not
// "Template", which is also an English word), and it is not a string
// constant of the package ("RollingUpdate" names a field and a value).
func rewriteNames(s string, siblings map[string]string, values map[string]bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isIdentRune(r) {
			b.WriteRune(r)
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !isIdentRune(r) {
				break
			}
			j += size
		}
		word := s[i:j]
		if json, ok := siblings[word]; ok && json == lowerFirst(word) && hasInnerUpper(word) && !values[word] {
			word = json
		}
		b.WriteString(word)
		i = j
	}
	return b.String()
}

func isIdentRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// hasInnerUpper reports whether word has an upper-case letter after its
// first character.
func hasInnerUpper(word string) bool {
	_, size := utf8.DecodeRuneInString(word)
	return strings.IndexFunc(word[size:], unicode.IsUpper) >= 0
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}
