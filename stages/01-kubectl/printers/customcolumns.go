// CustomColumnsPrinter: -o custom-columns=HEADER:PATH,... and
// -o custom-columns-file=FILE.
//
// Interface:
//   - NewCustomColumnsPrinterFromSpec("NAME:.metadata.name,IMAGE:.spec.containers[*].image", noHeaders)
//   - NewCustomColumnsPrinterFromTemplate(r): a file whose first line holds
//     the headers and whose second line holds the paths, both separated
//     by whitespace.
//   - RelaxedJSONPathExpression(path): "metadata.name", ".metadata.name"
//     and "{metadata.name}" all become "{.metadata.name}".
//   - PrintObj(obj, w): a header line the first time, then one row per
//     object (per item of a list). A path that selects nothing shows
//     "<none>"; several values are joined with commas.
//
// Cells print as fmt prints a value (an object as map[key:value]), with
// terminal control characters escaped. Upstream: kubectl
// pkg/cmd/get/customcolumn.go.
package printers

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/printers/jsonpath"
)

var jsonRegexp = regexp.MustCompile(`^\{\.?([^{}]+)\}$|^\.?([^{}]+)$`)

// RelaxedJSONPathExpression turns the short forms kubectl accepts for one
// field ("name1.name2", ".name1.name2", "{name1.name2}") into a JSONPath
// template "{.name1.name2}". The empty string stays empty.
func RelaxedJSONPathExpression(pathExpression string) (string, error) {
	if pathExpression == "" {
		return pathExpression, nil
	}
	m := jsonRegexp.FindStringSubmatch(pathExpression)
	if m == nil {
		return "", errors.New("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
	}
	field := m[1]
	if field == "" {
		field = m[2]
	}
	return "{." + field + "}", nil
}

// Column is one user-defined column.
type Column struct {
	// Header is printed as given; kubectl's habit is ALL_CAPS.
	Header string
	// FieldSpec is the column's JSONPath template, "{.metadata.name}".
	FieldSpec string
}

// CustomColumnsPrinter prints the columns a user asked for.
type CustomColumnsPrinter struct {
	Columns   []Column
	NoHeaders bool
	// parsers[i] runs Columns[i].FieldSpec; built on first use.
	parsers        []*jsonpath.JSONPath
	printedHeaders bool
}

var _ Printer = (*CustomColumnsPrinter)(nil)

// NewCustomColumnsPrinterFromSpec reads a comma-separated list of
// HEADER:PATH pairs.
func NewCustomColumnsPrinterFromSpec(spec string, noHeaders bool) (*CustomColumnsPrinter, error) {
	if spec == "" {
		return nil, errors.New("custom-columns format specified but no custom columns given")
	}
	parts := strings.Split(spec, ",")
	columns := make([]Column, len(parts))
	for i, part := range parts {
		header, path, found := strings.Cut(part, ":")
		if !found {
			return nil, fmt.Errorf("unexpected custom-columns spec: %s, expected <header>:<json-path-expr>", part)
		}
		fieldSpec, err := RelaxedJSONPathExpression(path)
		if err != nil {
			return nil, err
		}
		columns[i] = Column{Header: header, FieldSpec: fieldSpec}
	}
	return &CustomColumnsPrinter{Columns: columns, NoHeaders: noHeaders}, nil
}

// NewCustomColumnsPrinterFromTemplate reads a two-line template: headers,
// then paths. The printer it returns always prints headers, as upstream's
// does.
func NewCustomColumnsPrinterFromTemplate(r io.Reader) (*CustomColumnsPrinter, error) {
	scanner := bufio.NewScanner(r)
	if !scanner.Scan() {
		return nil, errors.New("invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.")
	}
	headers := strings.Fields(scanner.Text())
	if !scanner.Scan() {
		return nil, errors.New("invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.")
	}
	specs := strings.Fields(scanner.Text())
	if len(headers) != len(specs) {
		return nil, fmt.Errorf("number of headers (%d) and field specifications (%d) don't match", len(headers), len(specs))
	}
	columns := make([]Column, len(headers))
	for i := range headers {
		fieldSpec, err := RelaxedJSONPathExpression(specs[i])
		if err != nil {
			return nil, err
		}
		columns[i] = Column{Header: headers[i], FieldSpec: fieldSpec}
	}
	return &CustomColumnsPrinter{Columns: columns}, nil
}

// PrintObj prints obj's row, or one row per item of a list. A column whose
// path does not parse fails here with the parser's message.
func (p *CustomColumnsPrinter) PrintObj(obj map[string]any, w io.Writer) (err error) {
	if p.parsers == nil {
		for i, c := range p.Columns {
			j := jsonpath.New(fmt.Sprintf("column%d", i)).AllowMissingKeys(true)
			if err := j.Parse(c.FieldSpec); err != nil {
				return err
			}
			p.parsers = append(p.parsers, j)
		}
	}
	tw, flush := tabWriterFor(w)
	defer func() { err = firstError(err, flush()) }()

	if !p.NoHeaders && !p.printedHeaders {
		headers := make([]string, len(p.Columns))
		for i, c := range p.Columns {
			headers[i] = c.Header
		}
		if _, err := io.WriteString(tw, strings.Join(headers, "\t")+"\n"); err != nil {
			return err
		}
		p.printedHeaders = true
	}
	if !isList(obj) {
		return p.printRow(obj, tw)
	}
	for _, item := range ListItems(obj) {
		if err := p.printRow(item, tw); err != nil {
			return err
		}
	}
	return nil
}

func (p *CustomColumnsPrinter) printRow(obj map[string]any, w io.Writer) error {
	cells := make([]string, len(p.parsers))
	for i, j := range p.parsers {
		groups, err := j.FindResults(obj)
		if err != nil {
			return err
		}
		var values []string
		if len(groups) == 0 || len(groups[0]) == 0 {
			values = append(values, "<none>")
		}
		for _, g := range groups {
			for _, v := range g {
				values = append(values, EscapeTerminal(fmt.Sprint(v)))
			}
		}
		cells[i] = strings.Join(values, ",")
	}
	_, err := io.WriteString(w, strings.Join(cells, "\t")+"\n")
	return err
}
