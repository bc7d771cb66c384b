package compat

// Reading kubectl's printed tables the way a person does: by column.
//
// Interface:
//   - parseTable(out) splits a kubectl table into its header and rows, each
//     row a map from header to cell, using the header's column offsets (so
//     empty cells and headers with spaces such as "NOMINATED NODE" work).
//   - tableHeader(out) is the header alone.

import (
	"regexp"
	"strings"
	"testing"
)

// headerCell matches one column name of a header line. kubectl's tabwriter
// leaves at least three spaces between columns, and names hold one at most.
var headerCell = regexp.MustCompile(`\S+( \S+)*`)

// table is one printed kubectl table.
type table struct {
	header []string
	rows   []map[string]string
}

// parseTable reads out, whose first line is the header. Cells are cut at
// the header's column offsets; blank lines (between tables of `get a,b`)
// end the table.
func parseTable(t *testing.T, out string) table {
	t.Helper()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) == 0 || lines[0] == "" {
		t.Fatalf("no table in output %q", out)
	}
	spans := headerCell.FindAllStringIndex(lines[0], -1)
	var tb table
	for _, s := range spans {
		tb.header = append(tb.header, lines[0][s[0]:s[1]])
	}
	for _, line := range lines[1:] {
		if line == "" {
			break
		}
		row := map[string]string{}
		for i, s := range spans {
			end := len(line)
			if i+1 < len(spans) {
				end = min(spans[i+1][0], len(line))
			}
			if s[0] < end {
				row[tb.header[i]] = strings.TrimSpace(line[s[0]:end])
			}
		}
		tb.rows = append(tb.rows, row)
	}
	return tb
}

// tableHeader is the first line of out, cut into column names.
func tableHeader(t *testing.T, out string) []string {
	t.Helper()
	return parseTable(t, out).header
}

func TestParseTable(t *testing.T) {
	for _, tc := range []struct {
		name       string
		out        string
		wantHeader []string
		wantRows   []map[string]string
	}{
		{
			name:       "empty cell in the middle",
			out:        "NAME       SHORTNAMES   KIND\nsecrets                 Secret\npods       po           Pod\n",
			wantHeader: []string{"NAME", "SHORTNAMES", "KIND"},
			wantRows: []map[string]string{
				{"NAME": "secrets", "SHORTNAMES": "", "KIND": "Secret"},
				{"NAME": "pods", "SHORTNAMES": "po", "KIND": "Pod"},
			},
		},
		{
			name:       "header with a space",
			out:        "NAME   NOMINATED NODE   READINESS GATES\np1     <none>           <none>\n",
			wantHeader: []string{"NAME", "NOMINATED NODE", "READINESS GATES"},
			wantRows:   []map[string]string{{"NAME": "p1", "NOMINATED NODE": "<none>", "READINESS GATES": "<none>"}},
		},
		{
			name:       "a blank line ends the first table",
			out:        "NAME   DATA\ncm/a   1\n\nNAME   TYPE\ns/b    Opaque\n",
			wantHeader: []string{"NAME", "DATA"},
			wantRows:   []map[string]string{{"NAME": "cm/a", "DATA": "1"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := parseTable(t, tc.out)
			if strings.Join(got.header, "|") != strings.Join(tc.wantHeader, "|") {
				t.Errorf("header = %q, want %q", got.header, tc.wantHeader)
			}
			if len(got.rows) != len(tc.wantRows) {
				t.Fatalf("rows = %v, want %v", got.rows, tc.wantRows)
			}
			for i, want := range tc.wantRows {
				for k, v := range want {
					if got.rows[i][k] != v {
						t.Errorf("row %d %s = %q, want %q", i, k, got.rows[i][k], v)
					}
				}
			}
		})
	}
}
