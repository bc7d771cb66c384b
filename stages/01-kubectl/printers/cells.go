// Cells: how one value becomes the text of a table cell.
//
// Interface:
//   - EscapeTerminal(s): s with terminal control characters made visible
//     (ESC as "^[", CR as "\r"), so an object's fields cannot repaint the
//     user's terminal.
//   - cellText(v): a table cell - nil as nothing, strings as they are,
//     numbers as upstream prints them, a value with a line break cut at
//     the break and marked "...".
//
// Upstream: cli-runtime printers/terminal.go and tableprinter.go
// (appendCellValue).
package printers

import (
	"fmt"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/printers/jsonpath"
)

const (
	// cellBreakChars end a cell's text: the tab writer would start a new
	// line at them (a form feed included).
	cellBreakChars = "\f\n\r"
	// cellSpecialChars need more than copying.
	cellSpecialChars = cellBreakChars + "\x1b"
)

var terminalEscaper = strings.NewReplacer("\x1b", "^[", "\r", `\r`)

// EscapeTerminal replaces the escape character and carriage return in s
// with printable stand-ins.
func EscapeTerminal(s string) string { return terminalEscaper.Replace(s) }

// cellText is what a table cell shows for v. A nil cell is empty - the
// server writes "<none>" itself where it means none.
func cellText(v any) string {
	if v == nil {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		s = fmt.Sprint(jsonpath.Normalize(v))
	}
	if !strings.ContainsAny(s, cellSpecialChars) {
		return s
	}
	if i := strings.IndexAny(s, cellBreakChars); i >= 0 {
		return EscapeTerminal(s[:i]) + "..."
	}
	return EscapeTerminal(s)
}
