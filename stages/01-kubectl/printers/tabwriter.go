// TabWriter: elastic tabstops that remember how wide each column was.
//
// Interface:
//   - NewTabWriter(out): kubectl's settings - a column is at least 6 wide,
//     cells are padded with spaces to their column's widest cell plus 3.
//   - Write buffers tab-separated cells; Flush aligns and writes them.
//   - Flush remembers each column's width, so rows written after a Flush
//     (one row per event in `kubectl get -w`) line up with the rows before
//     them; SetRememberedWidths(nil) forgets (kubectl does so between the
//     tables of different resources).
//
// Upstream kubectl uses github.com/liggitt/tabwriter, a copy of Go's
// text/tabwriter with a RememberWidths flag. This is the same algorithm
// written out, because the standard library has no such flag: without it a
// watch row printed on its own would be aligned to itself alone.
//
// The algorithm (Nick Gravgaard's elastic tabstops, as text/tabwriter does
// it): a cell ends at a tab; the text after a line's last tab is not part
// of any column and is never padded. A column block is a run of
// consecutive lines that all have a cell in that column; the block's width
// is its widest cell plus padding. Blocks nest: column 1's blocks are cut
// inside column 0's. A line without tabs ends every block, so it is
// written at once.
package printers

import (
	"io"
	"unicode/utf8"
)

// The layout kubectl uses (cli-runtime printers.GetNewTabWriter).
const (
	tabwriterMinWidth = 6
	tabwriterPadding  = 3
)

// TabWriter aligns tab-separated cells into columns. It is not safe for
// concurrent use.
type TabWriter struct {
	out io.Writer
	// lines are the complete lines buffered since the last Flush; each is
	// its cells, the last one being the text after the last tab.
	lines [][]string
	// line and cell are the line and cell being written.
	line []string
	cell []byte
	// remembered[c] is the widest column c has been, padding included,
	// across Flushes.
	remembered []int
	err        error
}

// NewTabWriter returns a TabWriter writing to out with kubectl's layout.
func NewTabWriter(out io.Writer) *TabWriter { return &TabWriter{out: out} }

// Write buffers p. A tab or vertical tab ends a cell, a newline or form
// feed ends a line; a line without any tab, and every form feed, flush what
// is buffered. The error is the first one the underlying writer returned.
func (t *TabWriter) Write(p []byte) (int, error) {
	for _, b := range p {
		switch b {
		case '\t', '\v':
			t.endCell()
		case '\n', '\f':
			t.endCell()
			t.lines = append(t.lines, t.line)
			cells := len(t.line)
			t.line = nil
			if b == '\f' || cells == 1 {
				t.flush()
			}
		default:
			t.cell = append(t.cell, b)
		}
	}
	if t.err != nil {
		return 0, t.err
	}
	return len(p), nil
}

// Flush writes everything buffered, aligned, and keeps the column widths
// for the next Flush. A line not yet ended by a newline is written without
// one.
func (t *TabWriter) Flush() error {
	if len(t.cell) > 0 {
		t.endCell()
	}
	partial := len(t.line) > 0
	if partial {
		t.lines = append(t.lines, t.line)
		t.line = nil
	}
	t.format(0, len(t.lines), nil, partial)
	t.lines = nil
	return t.err
}

// flush writes the complete lines buffered so far.
func (t *TabWriter) flush() {
	t.format(0, len(t.lines), nil, false)
	t.lines = nil
}

// RememberedWidths returns a copy of the widths remembered per column.
func (t *TabWriter) RememberedWidths() []int { return append([]int(nil), t.remembered...) }

// SetRememberedWidths replaces the remembered widths; nil forgets them.
func (t *TabWriter) SetRememberedWidths(widths []int) {
	t.remembered = append([]int(nil), widths...)
}

func (t *TabWriter) endCell() {
	t.line = append(t.line, string(t.cell))
	t.cell = t.cell[:0]
}

// format writes lines[lo:hi]; widths holds the widths of the columns to
// the left of the one being laid out. partial says the last buffered line
// has no newline.
func (t *TabWriter) format(lo, hi int, widths []int, partial bool) {
	column := len(widths)
	start := lo
	for i := lo; i < hi; i++ {
		if len(t.lines[i])-1 <= column {
			continue // no cell of this line lies in this column
		}
		// Lines before the block end left of this column: write them.
		t.writeLines(start, i, widths, partial)

		width := tabwriterMinWidth
		end := i
		for ; end < hi && len(t.lines[end])-1 > column; end++ {
			if w := utf8.RuneCountInString(t.lines[end][column]) + tabwriterPadding; w > width {
				width = w
			}
		}
		width = t.remember(column, width, widths)

		inner := append(append(make([]int, 0, column+1), widths...), width)
		t.format(i, end, inner, partial)
		start, i = end, end-1
	}
	t.writeLines(start, hi, widths, partial)
}

// remember widens width to the widest column seen before, or records it as
// the new widest.
func (t *TabWriter) remember(column, width int, widths []int) int {
	if len(t.remembered) < column {
		t.remembered = append(t.remembered, widths[len(t.remembered):]...)
	}
	switch {
	case len(t.remembered) == column:
		t.remembered = append(t.remembered, width)
	case t.remembered[column] > width:
		width = t.remembered[column]
	default:
		t.remembered[column] = width
	}
	return width
}

// writeLines writes lines[lo:hi], padding every cell that has a width.
func (t *TabWriter) writeLines(lo, hi int, widths []int, partial bool) {
	for i := lo; i < hi; i++ {
		var buf []byte
		for j, c := range t.lines[i] {
			buf = append(buf, c...)
			if j < len(widths) {
				for n := widths[j] - utf8.RuneCountInString(c); n > 0; n-- {
					buf = append(buf, ' ')
				}
			}
		}
		if !partial || i != len(t.lines)-1 {
			buf = append(buf, '\n')
		}
		t.write(buf)
	}
}

func (t *TabWriter) write(b []byte) {
	if t.err != nil {
		return
	}
	if n, err := t.out.Write(b); err != nil {
		t.err = err
	} else if n != len(b) {
		t.err = io.ErrShortWrite
	}
}
