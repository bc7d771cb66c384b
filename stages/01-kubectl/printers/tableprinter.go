// TablePrinter: `kubectl get` without -o (or with -o wide) - the server's
// Table, printed as aligned columns.
//
// Interface:
//   - NewTablePrinter(PrintOptions) and PrintObj(obj, w): obj is a Table
//     (the server answers `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`)
//     or, when the server sent none, any object or list, printed with the
//     NAME and AGE columns every object has (defaultcolumns.go).
//   - PrintTable(table, w) for a Table already decoded.
//   - DecodeTable(obj): the Table inside a decoded response, if it is one.
//
// The server decides the columns; the client only decorates them: a
// NAMESPACE column first for --all-namespaces, "kind/" before each name
// when several kinds are printed, label columns last for -L and
// --show-labels, and an EVENT column first for watch events. Columns with
// a priority above 0 show only with -o wide. Headers are printed once per
// run of tables with the same columns, and not at all for a table without
// rows. Upstream: cli-runtime printers/tableprinter.go.
package printers

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

// PrintOptions say how a TablePrinter decorates the server's columns.
type PrintOptions struct {
	// NoHeaders leaves out the header line (--no-headers).
	NoHeaders bool
	// WithNamespace adds a NAMESPACE column first (--all-namespaces, for a
	// namespaced resource).
	WithNamespace bool
	// WithKind writes names as "kind.group/name" using Kind (--show-kind,
	// or several kinds in one `kubectl get`).
	WithKind bool
	// Kind names the resource being printed; used only with WithKind.
	Kind metav1.GroupKind
	// Wide shows the columns whose priority is above 0 (-o wide).
	Wide bool
	// ShowLabels adds a LABELS column with every label (--show-labels).
	ShowLabels bool
	// ColumnLabels adds one column per label key, headed by the key's last
	// path segment upper-cased (-L app.kubernetes.io/name gives NAME).
	ColumnLabels []string
}

// TablePrinter prints Tables as kubectl does. It keeps which columns it
// last printed, so a run of tables (several objects of one resource, or
// the events of a watch) shares one header line.
type TablePrinter struct {
	options PrintOptions
	// lastColumns are the columns of the last table; printedHeaders says
	// whether a header for them has been written.
	lastColumns    []metav1.TableColumnDefinition
	printedHeaders bool
	// lastHandler is the default handler last used, if any.
	lastHandler *handler
	// now is the clock for the AGE of objects printed without a Table.
	now func() time.Time
}

var _ Printer = (*TablePrinter)(nil)

// clock is the time AGE is measured against; tests replace it.
var clock = time.Now

// NewTablePrinter returns a printer for human-readable tables.
func NewTablePrinter(o PrintOptions) *TablePrinter {
	return &TablePrinter{options: o, now: clock}
}

// tableView is a table being decorated: its columns and rows, each row
// with its cells and its object's decoded metadata (nil if it has none).
type tableView struct {
	columns []metav1.TableColumnDefinition
	rows    []tableRow
}

type tableRow struct {
	cells  []any
	object map[string]any
}

// DecodeTable returns the Table obj holds when obj's apiVersion is
// meta.k8s.io/v1 or v1beta1 and its kind Table; ok is false otherwise.
func DecodeTable(obj map[string]any) (table *metav1.Table, ok bool, err error) {
	apiVersion := unstructured.APIVersion(obj)
	if unstructured.Kind(obj) != "Table" || (apiVersion != "meta.k8s.io/v1" && apiVersion != "meta.k8s.io/v1beta1") {
		return nil, false, nil
	}
	data, err := json.Marshal(obj)
	if err != nil {
		return nil, true, fmt.Errorf("decode table: %w", err)
	}
	table = &metav1.Table{}
	if err := json.Unmarshal(data, table); err != nil {
		return nil, true, fmt.Errorf("decode table: %w", err)
	}
	return table, true, nil
}

// PrintObj prints a Table, or obj's NAME and AGE if it is not one.
func (p *TablePrinter) PrintObj(obj map[string]any, w io.Writer) error {
	return p.print("", obj, w)
}

func (p *TablePrinter) printEvent(eventType string, obj map[string]any, w io.Writer) error {
	return p.print(eventType, obj, w)
}

// PrintTable prints t. t is not modified.
func (p *TablePrinter) PrintTable(t *metav1.Table, w io.Writer) (err error) {
	tw, flush := tabWriterFor(w)
	defer func() { err = firstError(err, flush()) }()
	return p.printTable("", viewOf(t), tw)
}

func (p *TablePrinter) print(eventType string, obj map[string]any, w io.Writer) (err error) {
	tw, flush := tabWriterFor(w)
	defer func() { err = firstError(err, flush()) }()
	// A Table that does not decode is printed as an object, as upstream
	// falls back to client-side columns.
	if table, ok, decodeErr := DecodeTable(obj); ok && decodeErr == nil {
		return p.printTable(eventType, viewOf(table), tw)
	}
	return p.printDefault(eventType, obj, tw)
}

// tabWriterFor returns w if it is a TabWriter already (the caller flushes
// it), or a new TabWriter over w and its Flush.
func tabWriterFor(w io.Writer) (*TabWriter, func() error) {
	if tw, ok := w.(*TabWriter); ok {
		return tw, func() error { return nil }
	}
	tw := NewTabWriter(w)
	return tw, tw.Flush
}

func firstError(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// viewOf copies t's columns and rows and decodes each row's object.
func viewOf(t *metav1.Table) tableView {
	v := tableView{columns: slices.Clone(t.ColumnDefinitions)}
	for _, r := range t.Rows {
		row := tableRow{cells: slices.Clone(r.Cells)}
		if len(r.Object.Raw) > 0 {
			var obj map[string]any
			if json.Unmarshal(r.Object.Raw, &obj) == nil {
				row.object = obj
			}
		}
		v.rows = append(v.rows, row)
	}
	return v
}

// printTable decides about headers, decorates v and writes it.
func (p *TablePrinter) printTable(eventType string, v tableView, w *TabWriter) error {
	local := p.options
	same := slices.Equal(v.columns, p.lastColumns)
	if p.printedHeaders && (len(v.columns) == 0 || same) {
		local.NoHeaders = true
	}
	if len(v.columns) == 0 {
		// Watch events after the first may come without columns, to save
		// bytes; they reuse the last table's.
		v.columns = p.lastColumns
	} else if !same {
		p.lastColumns = v.columns
		p.printedHeaders = false
	}
	if len(v.rows) > 0 {
		p.printedHeaders = true
	}

	v = decorate(v, local)
	if eventType != "" {
		v = prependColumn(v, metav1.TableColumnDefinition{Name: "Event", Type: "string"}, formatEventType(eventType))
	}
	return writeTable(w, v, local)
}

// decorate adds the client's columns to the server's.
func decorate(v tableView, o PrintOptions) tableView {
	width := len(v.columns) + len(o.ColumnLabels)
	if o.WithNamespace {
		width++
	}
	if o.ShowLabels {
		width++
	}

	nameColumn := -1
	if o.WithKind && o.Kind.Kind != "" {
		for i, c := range v.columns {
			if c.Format == "name" && c.Type == "string" {
				nameColumn = i
				break
			}
		}
	}

	columns := v.columns
	if width != len(v.columns) {
		columns = make([]metav1.TableColumnDefinition, 0, width)
		if o.WithNamespace {
			columns = append(columns, metav1.TableColumnDefinition{Name: "Namespace", Type: "string"})
		}
		columns = append(columns, v.columns...)
		for _, h := range labelHeaders(o.ColumnLabels) {
			columns = append(columns, metav1.TableColumnDefinition{Name: h, Type: "string"})
		}
		if o.ShowLabels {
			columns = append(columns, metav1.TableColumnDefinition{Name: "Labels", Type: "string"})
		}
	}

	includeLabels := len(o.ColumnLabels) > 0 || o.ShowLabels
	rows := v.rows
	if includeLabels || o.WithNamespace || nameColumn != -1 {
		rows = make([]tableRow, len(v.rows))
		for i, r := range v.rows {
			cells := slices.Clone(r.cells)
			if nameColumn != -1 && nameColumn < len(cells) {
				cells[nameColumn] = fmt.Sprintf("%s/%s", strings.ToLower(o.Kind.String()), cells[nameColumn])
			}
			switch {
			case r.object == nil:
				// No object to read metadata from: leave those cells empty.
				if o.WithNamespace {
					cells = append([]any{nil}, cells...)
				}
				for len(cells) < width {
					cells = append(cells, nil)
				}
			default:
				if o.WithNamespace {
					cells = append([]any{unstructured.Namespace(r.object)}, cells...)
				}
				if includeLabels {
					cells = append(cells, labelCells(unstructured.Labels(r.object), o)...)
				}
			}
			rows[i] = tableRow{cells: cells, object: r.object}
		}
	}
	return tableView{columns: columns, rows: rows}
}

// prependColumn adds a first column whose every cell is value.
func prependColumn(v tableView, c metav1.TableColumnDefinition, value any) tableView {
	out := tableView{columns: append([]metav1.TableColumnDefinition{c}, v.columns...)}
	for _, r := range v.rows {
		out.rows = append(out.rows, tableRow{cells: append([]any{value}, r.cells...), object: r.object})
	}
	return out
}

// flushInterval bounds what a big table holds in memory: every so many
// rows the tab writer is flushed, and later rows align to the widths it
// remembers (at least as wide as the rows before).
const flushInterval = 100

// writeTable writes the header (unless suppressed, and only if there are
// rows) and the rows, leaving out wide-only columns unless o.Wide.
func writeTable(w *TabWriter, v tableView, o PrintOptions) error {
	shown := func(i int) bool { return o.Wide || v.columns[i].Priority == 0 }
	if !o.NoHeaders {
		if len(v.rows) == 0 {
			return nil
		}
		var names []string
		for i, c := range v.columns {
			if shown(i) {
				names = append(names, strings.ToUpper(c.Name))
			}
		}
		if _, err := io.WriteString(w, strings.Join(names, "\t")+"\n"); err != nil {
			return err
		}
	}
	for ri, r := range v.rows {
		var line strings.Builder
		first := true
		for i, cell := range r.cells {
			if i >= len(v.columns) {
				break // a server sent more cells than columns
			}
			if !shown(i) {
				continue
			}
			if !first {
				line.WriteByte('\t')
			}
			first = false
			line.WriteString(cellText(cell))
		}
		line.WriteByte('\n')
		if _, err := io.WriteString(w, line.String()); err != nil {
			return err
		}
		if (ri+1)%flushInterval == 0 {
			if err := w.Flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

// formatEventType pads the watch event types to one width.
func formatEventType(eventType string) string {
	switch eventType {
	case metav1.Added:
		return "ADDED   "
	case metav1.Modified:
		return "MODIFIED"
	case metav1.Deleted:
		return "DELETED "
	case metav1.Error:
		return "ERROR   "
	}
	return eventType
}

// labelHeaders heads -L columns with each key's last path segment.
func labelHeaders(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = strings.ToUpper(k[strings.LastIndex(k, "/")+1:])
	}
	return out
}

// labelCells are the -L values and the --show-labels column of one object.
func labelCells(objLabels map[string]string, o PrintOptions) []any {
	var out []any
	for _, k := range o.ColumnLabels {
		out = append(out, objLabels[k])
	}
	if o.ShowLabels {
		out = append(out, labels.FormatLabels(objLabels))
	}
	return out
}
