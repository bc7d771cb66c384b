package printers

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"text/tabwriter"
)

// Each row writes its chunks in order; "<flush>" calls Flush, "<forget>"
// calls SetRememberedWidths(nil). The output is what Flush wrote in total.
func TestTabWriter(t *testing.T) {
	tests := []struct {
		name   string
		chunks []string
		want   string
	}{
		{"minimum width is 6", []string{"a\tb\n", "<flush>"}, "a     b\n"},
		{"padding is 3", []string{"NAME\tAGE\n", "nginx-1\t5s\n", "<flush>"},
			"NAME      AGE\nnginx-1   5s\n"},
		{"the last cell is never padded", []string{"a\tbbbbbbbbbb\n", "a\tb\n", "<flush>"},
			"a     bbbbbbbbbb\na     b\n"},
		{"trailing tab pads the last column", []string{"NAME\tAPP\t\n", "web\t\t\n", "<flush>"},
			"NAME   APP   \nweb          \n"},
		{"runes, not bytes, are counted", []string{"名前\tx\n", "ab\ty\n", "<flush>"},
			"名前    x\nab    y\n"},
		{"a line without tabs ends every column", []string{"aaaaaaaaaa\tb\n", "\n", "c\td\n", "<flush>"},
			"aaaaaaaaaa   b\n\nc            d\n"},
		{"forgetting lets the next table be narrow", []string{"aaaaaaaaaa\tb\n", "<flush>", "<forget>", "c\td\n", "<flush>"},
			"aaaaaaaaaa   b\nc     d\n"},
		{"widths are remembered across flushes", []string{"NAME\tAGE\n", "web\t1s\n", "<flush>", "api-server-1\t2s\n", "<flush>", "x\t3s\n", "<flush>"},
			"NAME   AGE\nweb    1s\napi-server-1   2s\nx              3s\n"},
		{"inner columns are cut by shorter lines", []string{"a\tbbbbbbbb\tc\n", "dd\te\n", "f\tg\th\n", "<flush>"},
			"a     bbbbbbbb   c\ndd    e\nf     g          h\n"},
		{"a line left open is written without newline", []string{"a\tb", "<flush>"}, "a     b"},
		{"a trailing tab without newline", []string{"a\tb\t", "<flush>"}, "a     b"},
		{"vertical tab ends a cell too", []string{"a\vb\n", "<flush>"}, "a     b\n"},
		{"form feed ends the line and flushes", []string{"a\tb\f", "cc\td\n", "<flush>"}, "a     b\ncc    d\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			tw := NewTabWriter(&out)
			for _, c := range tc.chunks {
				switch c {
				case "<flush>":
					if err := tw.Flush(); err != nil {
						t.Fatal(err)
					}
				case "<forget>":
					tw.SetRememberedWidths(nil)
				default:
					if _, err := tw.Write([]byte(c)); err != nil {
						t.Fatal(err)
					}
				}
			}
			if out.String() != tc.want {
				t.Errorf("got\n%q\nwant\n%q", out.String(), tc.want)
			}
		})
	}
}

// A line without tabs is written as soon as it ends, not at Flush: kubectl
// relies on it for lines that are not table rows.
func TestTabWriterWritesBareLinesAtOnce(t *testing.T) {
	var out bytes.Buffer
	tw := NewTabWriter(&out)
	fmt.Fprint(tw, "a\tb\nno tabs here\nc\td\n")
	if got, want := out.String(), "a     b\nno tabs here\n"; got != want {
		t.Fatalf("before Flush: got %q, want %q", got, want)
	}
	if widths := tw.RememberedWidths(); len(widths) != 1 || widths[0] != 6 {
		t.Fatalf("RememberedWidths = %v, want [6]", widths)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }

func TestTabWriterReportsWriteErrors(t *testing.T) {
	tw := NewTabWriter(failingWriter{})
	fmt.Fprint(tw, "a\tb\n")
	if err := tw.Flush(); err == nil || err.Error() != "disk full" {
		t.Fatalf("Flush = %v, want disk full", err)
	}
}

// For a table whose rows all have the same number of cells, one Flush of a
// fresh TabWriter lays out exactly as Go's text/tabwriter with kubectl's
// settings: remembering only matters across flushes and blocks.
func TestTabWriterMatchesTextTabwriterOnTables(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	words := []string{"", "a", "nginx", "1/1", "Running", "ContainerCreating", "10.244.0.5", "<none>", "kube-system", "é"}
	for i := 0; i < 300; i++ {
		columns := 1 + rng.Intn(6)
		var in strings.Builder
		for r := rng.Intn(8); r >= 0; r-- {
			for c := 0; c < columns; c++ {
				if c > 0 {
					in.WriteByte('\t')
				}
				in.WriteString(words[rng.Intn(len(words))])
			}
			in.WriteByte('\n')
		}
		var want, got bytes.Buffer
		std := tabwriter.NewWriter(&want, tabwriterMinWidth, 4, tabwriterPadding, ' ', 0)
		std.Write([]byte(in.String()))
		std.Flush()
		ours := NewTabWriter(&got)
		ours.Write([]byte(in.String()))
		ours.Flush()
		if got.String() != want.String() {
			t.Fatalf("input %q\n got %q\nwant %q", in.String(), got.String(), want.String())
		}
	}
}
